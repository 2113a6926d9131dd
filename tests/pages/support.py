"""Helpers shared by the page and end-to-end tests."""

import gettext
import re
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import trans_real


def compile_catalogues() -> None:
    """Compile stale .mo files, so tests run without `make` see the English pages (the .mo
    files are build output and not in git)."""
    compiled = False
    for locale_path in settings.LOCALE_PATHS:
        for po in Path(locale_path).glob("*/LC_MESSAGES/*.po"):
            mo = po.with_suffix(".mo")
            if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
                continue
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=po.parent.parent.name)
            with mo.open("wb") as fh:
                write_mo(fh, catalog)
            compiled = True
    if compiled:
        # Catalogues already loaded in this process would hide the fresh file.
        gettext._translations.clear()
        trans_real._translations = {}


def activation_path(body: str) -> str:
    """The path of the activation link in an email body."""
    match = re.search(r"https?://[^/\s]+(/cuenta/activar/\S+/)", body)
    assert match, body
    return match.group(1)
