from django import template

from orders.web import request_cart_item_count

register = template.Library()


@register.simple_tag(takes_context=True)
def cart_item_count(context) -> int:
    """`{% cart_item_count as count %}`: units in the visitor's cart, for the header link."""
    request = context.get("request")
    return request_cart_item_count(request) if request is not None else 0
