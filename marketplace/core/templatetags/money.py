from django import template

from marketplace.core.money import format_cop

register = template.Library()


@register.filter
def cop(amount):
    """`{{ 45900|cop }}` -> `$ 45.900`; pesos read the Colombian way in every UI language."""
    return format_cop(amount)
