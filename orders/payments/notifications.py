"""What the buyer hears about their money: a payment the provider did not approve (the order is
still reserved, so they can try again) and a refund that reached them. An approved payment is
told by the order's own "paid" email.

Handlers run after commit through the outbox and may run twice: each email is keyed by
(event, template, recipient), as the order emails are."""

from marketplace.core.events import subscribe

from ..models import Order
from ..notifications import order_url, send_order_email
from .events import PaymentFailed, RefundCompleted
from .models import Payment, Refund


@subscribe(PaymentFailed, name="payments.email_payment_failed")
def email_payment_failed(event: PaymentFailed) -> None:
    payment = Payment.objects.filter(pk=event.payment_id).select_related("order").first()
    # Once the order is paid by another attempt, or closed, a failed attempt is no news.
    if payment is None or payment.order.status != Order.Status.AWAITING_PAYMENT:
        return
    order = payment.order
    send_order_email(
        event,
        to=order.email,
        template="payment_failed",
        context={"order": order, "payment": payment, "url": order_url(order)},
    )


@subscribe(RefundCompleted, name="payments.email_refund_completed")
def email_refund_completed(event: RefundCompleted) -> None:
    refund = (
        Refund.objects.filter(pk=event.refund_id)
        .select_related("payment__order", "vendor_order")
        .first()
    )
    if refund is None:
        return
    order = refund.payment.order
    send_order_email(
        event,
        to=order.email,
        template="refund_completed",
        context={
            "order": order,
            "refund": refund,
            "part": refund.vendor_order,
            "url": order_url(order),
        },
    )
