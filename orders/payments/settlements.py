"""Settlements: what the programme owes each business for its paid parts of orders.

For each vendor order of a paid order: gross = its total minus what was refunded or is being
refunded from it; commission = PAYMENT_COMMISSION_PERCENT of gross; gateway fee = nothing when
the programme bears it (SETTLEMENT_FEE_RULE="program"), else PAYMENT_GATEWAY_FEE_PERCENT of
gross; net = gross - commission - fee. Percentages round half up to whole pesos. A payout
recorded by staff (`Settlement`) freezes the amounts it was paid with.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from marketplace.core.permissions import require_perm
from vendors.permissions import require_vendor_member

from ..models import Order, VendorOrder
from .models import Refund, RefundStatus, Settlement

MANAGE = "payments.manage_payments"
SETTLED_ORDER_STATUSES = (Order.Status.PAID, Order.Status.COMPLETED, Order.Status.CANCELLED)


@dataclass(frozen=True)
class Amounts:
    gross: int
    commission: int
    gateway_fee: int

    @property
    def net(self) -> int:
        return max(self.gross - self.commission - self.gateway_fee, 0)


@dataclass(frozen=True)
class SettlementRow:
    vendor_order: VendorOrder
    amounts: Amounts
    settlement: Settlement | None

    @property
    def status(self) -> str:
        return "paid" if self.settlement else "pending"


def _percent(amount: int, percent: float) -> int:
    share = Decimal(amount) * Decimal(str(percent)) / 100
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def amounts_for(*, total: int, refunded: int) -> Amounts:
    gross = max(total - refunded, 0)
    fee = 0
    if settings.SETTLEMENT_FEE_RULE == "vendor":
        fee = _percent(gross, settings.PAYMENT_GATEWAY_FEE_PERCENT)
    return Amounts(gross, _percent(gross, settings.PAYMENT_COMMISSION_PERCENT), fee)


def _period(start: date | None, end: date | None) -> Q:
    query = Q(order__paid_at__isnull=False, order__status__in=SETTLED_ORDER_STATUSES)
    # A part its vendor cancelled before the order was paid was never collected.
    query &= ~Q(status=VendorOrder.Status.CANCELLED, refund_status=VendorOrder.RefundStatus.NONE)
    zone = timezone.get_current_timezone()
    if start:
        query &= Q(order__paid_at__gte=datetime.combine(start, time.min, tzinfo=zone))
    if end:
        query &= Q(order__paid_at__lte=datetime.combine(end, time.max, tzinfo=zone))
    return query


def _rows(parts) -> list[SettlementRow]:
    parts = list(parts)
    refunded = dict(
        Refund.objects.filter(
            vendor_order__in=parts,
            status__in=(RefundStatus.PENDING, RefundStatus.MANUAL, RefundStatus.DONE),
        )
        .values("vendor_order")
        .annotate(total=Sum("amount"))
        .values_list("vendor_order", "total")
    )
    settled = {s.vendor_order_id: s for s in Settlement.objects.filter(vendor_order__in=parts)}
    rows = []
    for part in parts:
        frozen = settled.get(part.pk)
        if frozen is not None:
            amounts = Amounts(frozen.gross, frozen.commission, frozen.gateway_fee)
        else:
            amounts = amounts_for(total=part.total, refunded=refunded.get(part.pk, 0))
        rows.append(SettlementRow(part, amounts, frozen))
    return rows


def _parts(query: Q):
    return (
        VendorOrder.objects.filter(query)
        .select_related("order", "vendor")
        .order_by("vendor__display_name", "order__paid_at", "pk")
    )


def settlements_for_staff(
    *, user, vendor=None, start: date | None = None, end: date | None = None
) -> list[SettlementRow]:
    require_perm(user, MANAGE)
    query = _period(start, end)
    if vendor is not None:
        query &= Q(vendor=vendor)
    return _rows(_parts(query))


def settlements_for_vendor(
    *, user, vendor, start: date | None = None, end: date | None = None
) -> list[SettlementRow]:
    require_vendor_member(user, vendor)
    return _rows(_parts(_period(start, end) & Q(vendor=vendor)))


def settlement_row(*, vendor_order: VendorOrder) -> SettlementRow | None:
    rows = _rows(_parts(_period(None, None) & Q(pk=vendor_order.pk)))
    return rows[0] if rows else None


def vendor_order_get_for_staff(*, user, vendor_order_id: int) -> VendorOrder | None:
    require_perm(user, MANAGE)
    return VendorOrder.objects.select_related("order", "vendor").filter(pk=vendor_order_id).first()
