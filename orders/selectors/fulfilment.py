"""Reads for a business fulfilling its orders: what waits for it (the dashboard's count), one
part with its retracto and complaints, and the rows of its period export."""

from datetime import date, datetime, time

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from vendors.models import Vendor

from ..models import Complaint, OrderLine, VendorOrder
from .orders import vendor_orders_for_member

# Parts the business must act on: paid and not yet on their way or collected.
WAITING = (VendorOrder.Status.TO_FULFIL,)


def vendor_orders_waiting_count(*, vendor: Vendor | None) -> int:
    """One counting query; 0 without a business. The caller already checked membership (the
    dashboard resolves the business of the session through the members-only selector)."""
    if vendor is None:
        return 0
    return VendorOrder.objects.filter(vendor=vendor, status__in=WAITING).count()


def vendor_order_detail_for_member(*, user, vendor: Vendor, vendor_order_id) -> VendorOrder | None:
    """One part of `vendor`'s with its lines, retracto and complaints; None for another
    business's part, whoever asks."""
    return (
        vendor_orders_for_member(user=user, vendor=vendor)
        .select_related("retracto")
        .prefetch_related(
            Prefetch("complaints", queryset=Complaint.objects.order_by("-created_at"))
        )
        .filter(pk=int(vendor_order_id))
        .first()
    )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def vendor_order_lines_for_period(
    *, user, vendor: Vendor, start: date, end: date
) -> QuerySet[OrderLine]:
    """Every line of the business's paid orders placed from `start` to `end` inclusive, with
    what its electronic invoice needs, in order and line order."""
    parts = vendor_orders_for_member(user=user, vendor=vendor).exclude(
        status=VendorOrder.Status.AWAITING_PAYMENT
    )
    return (
        OrderLine.objects.filter(
            vendor_order__in=parts.values("pk"),
            vendor_order__order__created_at__gte=_day_start(start),
            vendor_order__order__created_at__lt=_day_start(end) + timezone.timedelta(days=1),
        )
        .select_related("vendor_order__order")
        .order_by("vendor_order__order__created_at", "vendor_order_id", "id")
    )
