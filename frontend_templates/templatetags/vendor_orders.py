"""The dashboard nav's count of paid orders waiting to be prepared, at one counting query per
page, for the business the page already resolved (membership checked by the view)."""

from django import template

from orders.selectors.fulfilment import vendor_orders_waiting_count

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_order_count(context) -> int:
    if "waiting" in context:  # the orders page already counted them
        return context["waiting"]
    return vendor_orders_waiting_count(vendor=context.get("vendor"))
