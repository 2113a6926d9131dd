"""Refunds that follow from orders' events: a paid part its vendor cancelled, an accepted
retracto. Handlers run after commit through the outbox and may run twice: each refund is keyed
by its cause, and a gateway that does not answer raises so the delivery is retried."""

from marketplace.core.events import subscribe

from ..events import RetractoAccepted, VendorOrderStatusChanged
from ..models import VendorOrder
from .services.refunds import paid_payment, refund_create, refund_execute


def _refund(vendor_order: VendorOrder, amount: int, key: str, reason: str) -> None:
    payment = paid_payment(vendor_order.order_id)
    if payment is None or amount <= 0:
        return  # nothing was collected through a gateway: staff settle it by hand
    refund = refund_create(
        payment=payment, amount=amount, key=key, reason=reason, vendor_order=vendor_order
    )
    refund_execute(refund=refund)


def refund_for_cancelled_part(part: VendorOrder) -> None:
    if part.refund_status != VendorOrder.RefundStatus.DUE:
        return
    _refund(part, part.total, f"vendor_order_cancelled:{part.pk}", part.cancel_reason)


def refund_cancelled_part(event: VendorOrderStatusChanged) -> None:
    if event.status != VendorOrder.Status.CANCELLED:
        return
    part = VendorOrder.objects.filter(pk=event.vendor_order_id).first()
    if part is not None:
        refund_for_cancelled_part(part)


def refund_retracto(event: RetractoAccepted) -> None:
    part = VendorOrder.objects.filter(pk=event.vendor_order_id).first()
    if part is None:
        return
    _refund(part, event.refund_amount, f"retracto:{part.pk}", "retracto")


def register_all() -> None:
    subscribe(VendorOrderStatusChanged)(refund_cancelled_part)
    subscribe(RetractoAccepted)(refund_retracto)
