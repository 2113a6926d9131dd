"""How a placed order reads on the buyer's pages: statuses in words, amounts formatted, each
seller's Ley 1480 art. 50 details as copied at placement, and what the buyer may do next."""

from django.utils import timezone

from marketplace.accounts.phones import phone_display
from marketplace.core.money import format_cop
from orders.models import Order, VendorOrder
from orders.services.aftercare import retracto_deadline
from vendors.identifiers import nit_format

STATUS_TONE = {
    Order.Status.AWAITING_PAYMENT: "pending",
    Order.Status.PAID: "ok",
    Order.Status.COMPLETED: "ok",
    Order.Status.EXPIRED: "off",
    Order.Status.CANCELLED: "off",
}


def _vat(rows) -> list[dict]:
    return [
        {"rate": row["rate"], "base": format_cop(row["base"]), "vat": format_cop(row["vat"])}
        for row in rows
    ]


def _part(part: VendorOrder) -> dict:
    retracto = getattr(part, "retracto", None)
    deadline = retracto_deadline(part)
    can_retract = (
        part.status == VendorOrder.Status.DELIVERED
        and retracto is None
        and deadline is not None
        and timezone.localdate() <= deadline
        and any(line.kind == "goods" and not line.retracto_exclusion for line in part.lines.all())
    )
    return {
        "part": part,
        "status": part.get_status_display(),
        "method": part.get_delivery_method_display(),
        "lines": [
            {
                "line": line,
                "unit": format_cop(line.unit_price),
                "total": format_cop(line.line_total),
            }
            for line in part.lines.all()
        ],
        "subtotal": format_cop(part.subtotal),
        "delivery_fee": format_cop(part.delivery_fee),
        "total": format_cop(part.total),
        "vat": _vat(part.vat_breakdown),
        "refund": format_cop(part.refund_amount) if part.refund_amount else "",
        "seller": {
            "name": part.seller_name,
            "legal_name": part.seller_legal_name,
            "nit": nit_format(part.seller_nit),
            "notice_address": part.seller_notice_address,
            "phone": phone_display(part.seller_notice_phone),
            "email": part.seller_notice_email,
            "pickup_address": part.seller_pickup_address,
        },
        "retracto": retracto,
        "retracto_deadline": deadline,
        "can_retract": can_retract,
    }


def order_context(order: Order, *, complaints=None) -> dict:
    return {
        "order": order,
        "status": order.get_status_display(),
        "tone": STATUS_TONE.get(order.status, "pending"),
        "parts": [_part(part) for part in order.vendor_orders.all()],
        "subtotal": format_cop(order.subtotal),
        "delivery_total": format_cop(order.delivery_total),
        "total": format_cop(order.total),
        "vat": _vat(order.vat_breakdown),
        "awaiting_payment": order.status == Order.Status.AWAITING_PAYMENT,
        "complaints": list(complaints) if complaints is not None else [],
    }
