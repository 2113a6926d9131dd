"""What staff must act on in payments: refunds still owed to buyers, with the date the law sets
for them, and payments the ledger could not settle on its own. Staff only; each list is one
query whatever its length."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.core.permissions import require_perm

from ..models import Order
from ..services.aftercare import REFUND_CALENDAR_DAYS
from .models import Payment, PaymentStatus, Refund, RefundStatus

MANAGE = "payments.manage_payments"
OWED = (RefundStatus.PENDING, RefundStatus.MANUAL)


@dataclass(frozen=True)
class RefundDue:
    refund: Refund
    deadline: date
    age_days: int
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def refund_deadline(refund: Refund) -> date:
    """An accepted retracto carries its own date; any other refund (a cancelled part, a staff
    decision) is held to the same 15 calendar days from when it became owed."""
    part = refund.vendor_order
    if part is not None and part.refund_due_by:
        return part.refund_due_by
    return timezone.localdate(refund.created_at) + timedelta(days=REFUND_CALENDAR_DAYS)


def refunds_due_for_staff(*, user, today: date | None = None) -> list[RefundDue]:
    """Refunds not yet carried out, the nearest deadline first."""
    require_perm(user, MANAGE)
    today = today or timezone.localdate()
    refunds = Refund.objects.filter(status__in=OWED).select_related(
        "payment__order", "vendor_order"
    )
    rows = []
    for refund in refunds:
        deadline = refund_deadline(refund)
        rows.append(
            RefundDue(
                refund=refund,
                deadline=deadline,
                age_days=(today - timezone.localdate(refund.created_at)).days,
                days_left=(deadline - today).days,
            )
        )
    return sorted(rows, key=lambda row: (row.deadline, row.refund.pk))


def refund_get_for_staff(*, user, refund_id: int) -> Refund | None:
    require_perm(user, MANAGE)
    return Refund.objects.select_related("payment__order").filter(pk=refund_id).first()


class Attention:
    """Why a payment waits for staff; the page names each in Spanish."""

    AMOUNT_MISMATCH = "amount_mismatch"
    PAID_TWICE = "paid_twice"
    AFTER_CLOSE = "after_close"
    FLAGGED = "flagged"
    STUCK_PENDING = "stuck_pending"


@dataclass(frozen=True)
class PaymentAttention:
    payment: Payment
    reason: str
    refundable: int  # what staff may still give back (0 for a payment that took no money)


def _reason(payment: Payment) -> str:
    if not payment.flagged:
        return Attention.STUCK_PENDING
    if payment.provider_amount is not None or payment.provider_currency:
        return Attention.AMOUNT_MISMATCH
    order = payment.order
    if order.status in (Order.Status.PAID, Order.Status.COMPLETED):
        if order.payment_reference != payment.reference:
            return Attention.PAID_TWICE
        return Attention.FLAGGED
    if order.status != Order.Status.AWAITING_PAYMENT:
        return Attention.AFTER_CLOSE
    return Attention.FLAGGED


def payments_needing_attention(*, user, now: datetime | None = None) -> list[PaymentAttention]:
    """Flagged payments (an amount or currency that did not match, an order paid twice, money
    taken after the order closed) and payments still pending after the order's own time to pay
    has run out, which the provider's events and the reconciliation job did not settle."""
    require_perm(user, MANAGE)
    now = now or timezone.now()
    stale = now - timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES)
    counted = Q(refunds__status__in=(*OWED, RefundStatus.DONE))
    payments = (
        Payment.objects.filter(
            Q(flagged=True) | Q(status=PaymentStatus.PENDING, created_at__lt=stale)
        )
        .annotate(refunded=Coalesce(Sum("refunds__amount", filter=counted), 0))
        .select_related("order")
        .order_by("created_at", "id")
    )
    rows = []
    for payment in payments:
        left = payment.amount - payment.refunded if payment.status == PaymentStatus.APPROVED else 0
        if payment.flagged and payment.status == PaymentStatus.APPROVED and left <= 0:
            continue  # already given back in full: nothing left to decide
        rows.append(PaymentAttention(payment, _reason(payment), max(left, 0)))
    return rows


def payment_get_for_staff(*, user, payment_id: int) -> Payment | None:
    require_perm(user, MANAGE)
    return Payment.objects.select_related("order").filter(pk=payment_id).first()
