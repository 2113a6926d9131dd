"""Reads of the payments layer."""

import uuid

from django.db.models import QuerySet

from marketplace.core.permissions import require_perm

from ..models import Order
from .gateways import gateways_for_amount
from .models import Payment, Refund, SimulatedCharge

MANAGE = "payments.manage_payments"


def _uuid(raw) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(raw))
    except (TypeError, ValueError):
        return None


def payment_get_for_buyer(*, token, user=None) -> Payment | None:
    """The buyer's handle on one payment (the return page); unguessable, like the order's, and
    like the order's link it opens a signed-in person's payment only for them. None otherwise."""
    parsed = _uuid(token)
    if parsed is None:
        return None
    payment = Payment.objects.select_related("order").filter(token=parsed).first()
    if payment is None:
        return None
    if payment.order.user_id is not None and getattr(user, "pk", None) != payment.order.user_id:
        return None
    return payment


def simulated_charge_get(*, charge_id: str) -> tuple[SimulatedCharge, Payment] | None:
    charge = SimulatedCharge.objects.filter(charge_id=str(charge_id)[:40]).first()
    if charge is None:
        return None
    payment = Payment.objects.select_related("order").filter(reference=charge.reference).first()
    return (charge, payment) if payment is not None else None


def gateways_for_order(*, order: Order) -> list[str]:
    return gateways_for_amount(order.total)


def payments_for_order(*, order: Order) -> QuerySet[Payment]:
    return Payment.objects.filter(order=order).order_by("created_at", "id")


def refunds_for_order(*, order: Order) -> QuerySet[Refund]:
    return Refund.objects.filter(payment__order=order).order_by("created_at", "id")


def payments_flagged_for_staff(*, user) -> QuerySet[Payment]:
    require_perm(user, MANAGE)
    return Payment.objects.filter(flagged=True).select_related("order").order_by("-updated_at")


def payments_by_order_ids(*, order_ids) -> dict[int, list[Payment]]:
    grouped: dict[int, list[Payment]] = {}
    for payment in Payment.objects.filter(order_id__in=order_ids).order_by("created_at", "id"):
        grouped.setdefault(payment.order_id, []).append(payment)
    return grouped


def refunds_by_order_ids(*, order_ids) -> dict[int, list[Refund]]:
    grouped: dict[int, list[Refund]] = {}
    refunds = Refund.objects.filter(payment__order_id__in=order_ids).select_related("payment")
    for refund in refunds.order_by("created_at", "id"):
        grouped.setdefault(refund.payment.order_id, []).append(refund)
    return grouped
