from django import template

from orders.selectors import cart_item_count_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def cart_item_count(context) -> int:
    """`{% cart_item_count as count %}`: units in the visitor's cart, for the header link."""
    request = context.get("request")
    return cart_item_count_for_request(request) if request is not None else 0
