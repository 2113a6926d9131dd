"""Refunds: money back to the buyer from an approved payment, through its original gateway
where the gateway can do it, otherwise recorded for staff to carry out and mark done.

A refund row is created once per cause (`key`: a cancelled vendor order, an accepted retracto,
a staff decision) and carried out at most once: the row is locked while the gateway is called
with the key as idempotency key, and a gateway that does not answer leaves it pending for the
next try (the event handler's retry or the reconciliation job).
"""

import logging
import uuid

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import field_error
from marketplace.core.events import publish
from marketplace.core.permissions import require_perm

from ...models import Order, VendorOrder
from ..error_codes import PaymentErrorCode
from ..events import RefundCompleted
from ..gateways import get_gateway
from ..gateways.base import GatewayError, GatewayUnavailable
from ..models import Payment, PaymentStatus, Refund, RefundStatus

logger = logging.getLogger(__name__)
MANAGE = "payments.manage_payments"
_COUNTED = (RefundStatus.PENDING, RefundStatus.MANUAL, RefundStatus.DONE)


def refundable(payment: Payment) -> int:
    """What is left to refund. A flagged payment (paid twice, or after the order closed) is
    refundable too: that is usually what staff must do with it."""
    if payment.status != PaymentStatus.APPROVED:
        return 0
    taken = (
        Refund.objects.filter(payment=payment, status__in=_COUNTED).aggregate(s=Sum("amount"))["s"]
        or 0
    )
    return max(payment.amount - taken, 0)


def paid_payment(order_id: int) -> Payment | None:
    """The payment that paid the order (the order keeps its reference)."""
    reference = Order.objects.filter(pk=order_id).values_list("payment_reference", flat=True)
    return Payment.objects.filter(
        order_id=order_id,
        reference__in=reference,
        status=PaymentStatus.APPROVED,
        flagged=False,
    ).first()


@transaction.atomic
def refund_create(
    *,
    payment: Payment,
    amount: int,
    key: str,
    reason: str = "",
    vendor_order: VendorOrder | None = None,
    by=None,
) -> Refund:
    """Record a refund once per `key`; a second call with the key returns the first row."""
    existing = Refund.objects.filter(key=key).first()
    if existing is not None:
        return existing
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if locked.status != PaymentStatus.APPROVED:
        raise field_error(
            "payment",
            _("Este pago no se puede reembolsar."),
            PaymentErrorCode.REFUND_NOT_POSSIBLE,
        )
    if amount <= 0 or amount > refundable(locked):
        raise field_error(
            "amount",
            _("El reembolso no puede superar lo que queda del pago (%(left)s pesos).")
            % {"left": refundable(locked)},
            PaymentErrorCode.REFUND_TOO_LARGE,
        )
    try:
        with transaction.atomic():
            refund = Refund.objects.create(
                payment=locked,
                vendor_order=vendor_order,
                key=key[:100],
                amount=amount,
                reason=reason[:255],
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
    except IntegrityError:
        return Refund.objects.get(key=key[:100])
    audit_record(
        actor=by,
        action="payment.refund_created",
        target=locked.order,
        data={"reference": locked.reference, "amount": amount, "key": key},
    )
    return refund


def _settled(refund: Refund) -> None:
    """What follows a refund's end: the buyer hears of money returned, the part's refund
    status follows."""
    if refund.status == RefundStatus.DONE:
        publish(RefundCompleted(refund_id=refund.pk, order_id=refund.payment.order_id))
    _vendor_order_done(refund)


def _vendor_order_done(refund: Refund) -> None:
    if refund.vendor_order_id is None:
        return
    part = VendorOrder.objects.get(pk=refund.vendor_order_id)
    done = (
        Refund.objects.filter(vendor_order=part, status=RefundStatus.DONE).aggregate(
            s=Sum("amount")
        )["s"]
        or 0
    )
    if part.refund_amount and done >= part.refund_amount:
        VendorOrder.objects.filter(pk=part.pk).update(refund_status=VendorOrder.RefundStatus.DONE)


@transaction.atomic
def refund_execute(*, refund: Refund) -> Refund:
    """Carry out a pending refund through its gateway. Raises GatewayUnavailable when the
    gateway does not answer (the row stays pending, to be tried again)."""
    locked = Refund.objects.select_for_update().select_related("payment").get(pk=refund.pk)
    if locked.status != RefundStatus.PENDING:
        return locked
    payment = locked.payment
    gateway = get_gateway(payment.gateway)
    Refund.objects.filter(pk=locked.pk).update(attempts=locked.attempts + 1)
    try:
        state = gateway.fetch(
            provider_reference=payment.provider_reference, reference=payment.reference
        )
        if state is None:
            raise GatewayError(f"{payment.gateway} does not know {payment.reference}")
        result = gateway.refund(state=state, amount=locked.amount, idempotency_key=locked.key)
    except GatewayUnavailable as exc:
        Refund.objects.filter(pk=locked.pk).update(last_error=str(exc)[:500])
        raise
    except GatewayError as exc:
        logger.warning("Refund %s refused: %s", locked.key, exc)
        Refund.objects.filter(pk=locked.pk).update(
            status=RefundStatus.MANUAL, last_error=str(exc)[:500]
        )
        locked.refresh_from_db()
        return locked
    if result.done:
        Refund.objects.filter(pk=locked.pk).update(
            status=RefundStatus.DONE,
            provider_reference=result.provider_reference[:100],
            done_at=timezone.now(),
            last_error="",
        )
    else:
        Refund.objects.filter(pk=locked.pk).update(status=RefundStatus.MANUAL)
    locked.refresh_from_db()
    audit_record(
        actor=None,
        action=f"payment.refund_{locked.status}",
        target=payment.order,
        data={"reference": payment.reference, "amount": locked.amount, "key": locked.key},
    )
    _settled(locked)
    return locked


def refund_request(*, payment: Payment, amount: int, by, reason: str = "") -> Refund:
    """Staff refund part or all of an approved payment."""
    require_perm(by, MANAGE)
    refund = refund_create(
        payment=payment, amount=amount, key=f"staff:{uuid.uuid4()}", reason=reason, by=by
    )
    try:
        return refund_execute(refund=refund)
    except GatewayUnavailable:
        return Refund.objects.get(pk=refund.pk)


@transaction.atomic
def refund_mark_done(*, refund: Refund, by, reference: str) -> Refund:
    """Staff carried out a refund the gateway had no API for (a bank transfer, Wompi's form)."""
    require_perm(by, MANAGE)
    reference = " ".join(str(reference or "").split())[:100]
    if not reference:
        raise field_error(
            "reference",
            _("Escribe la referencia de la transferencia o del trámite."),
            PaymentErrorCode.REFERENCE_REQUIRED,
        )
    locked = Refund.objects.select_for_update().get(pk=refund.pk)
    if locked.status != RefundStatus.MANUAL:
        raise field_error(
            "refund",
            _("Este reembolso no espera un trámite manual."),
            PaymentErrorCode.REFUND_NOT_MANUAL,
        )
    Refund.objects.filter(pk=locked.pk).update(
        status=RefundStatus.DONE, staff_reference=reference, done_at=timezone.now()
    )
    locked.refresh_from_db()
    audit_record(
        actor=by,
        action="payment.refund_done",
        target=locked.payment.order,
        data={"amount": locked.amount, "reference": reference},
    )
    _settled(locked)
    return locked
