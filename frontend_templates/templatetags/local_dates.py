"""Dates written the way each UI language writes them in prose ("23 de noviembre de 2026").

Django's `date` filter capitalises Spanish month names ("Noviembre"), which reads wrong in a
sentence; Babel follows CLDR, which keeps them lowercase.
"""

from datetime import datetime

from babel.dates import format_date, format_time
from django import template
from django.utils import timezone
from django.utils.translation import get_language, to_locale

register = template.Library()


def _locale() -> str:
    return to_locale(get_language() or "es-co")


def _local(value):
    return timezone.localtime(value) if timezone.is_aware(value) else value


@register.filter
def long_date(value):
    """`23 de noviembre de 2026` / `November 23, 2026`."""
    if not value:
        return ""
    if isinstance(value, str):
        # ISO text, as in the personal-data download the account pages also show.
        value = datetime.fromisoformat(value)
    if hasattr(value, "tzinfo"):
        value = _local(value)
    return format_date(value, format="long", locale=_locale())


@register.filter
def short_time(value):
    """`6:21 p. m.` / `6:21 PM`."""
    if not value:
        return ""
    return format_time(_local(value), format="short", locale=_locale())
