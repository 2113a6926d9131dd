from django import template

from orders.payments import selectors
from orders.payments.gateways import LABELS, METHODS

register = template.Library()


@register.inclusion_tag("payments/includes/order_payments.html", takes_context=True)
def order_payments(context, order):
    """`{% order_payments order %}`: the order page's payment panel: how to pay while the order
    waits, then its payments and refunds with their status."""
    gateways = (
        selectors.gateways_for_order(order=order) if order.status == "awaiting_payment" else []
    )
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "order": order,
        "gateways": [
            {"name": name, "label": LABELS.get(name, name), "methods": METHODS.get(name, [])}
            for name in gateways
        ],
        "payments": list(selectors.payments_for_order(order=order)),
        "refunds": list(selectors.refunds_for_order(order=order)),
    }
