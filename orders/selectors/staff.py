"""Orders as programme staff read them: every order with filters for their reports, and the
complaints (PQR) still open, oldest first, with their age against the legal terms."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from marketplace.core.permissions import require_perm

from ..models import Complaint, Order
from .orders import MANAGE, order_list_for_staff


@dataclass(frozen=True)
class StaffOrderFilters:
    municipality: str = ""  # DANE code
    vendor_id: int | None = None
    status: str = ""
    start: date | None = None
    end: date | None = None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def orders_for_staff(*, user, filters: StaffOrderFilters) -> QuerySet[Order]:
    orders = order_list_for_staff(user=user)
    if filters.municipality:
        orders = orders.filter(municipality__dane_code=filters.municipality)
    if filters.vendor_id:
        orders = orders.filter(vendor_orders__vendor_id=filters.vendor_id)
    if filters.status:
        orders = orders.filter(status=filters.status)
    if filters.start:
        orders = orders.filter(created_at__gte=_day_start(filters.start))
    if filters.end:
        orders = orders.filter(created_at__lt=_day_start(filters.end) + timedelta(days=1))
    return orders.distinct()


def complaints_open_for_staff(*, user) -> QuerySet[Complaint]:
    require_perm(user, MANAGE)
    return (
        Complaint.objects.filter(status=Complaint.Status.OPEN)
        .select_related("order", "vendor_order")
        .order_by("created_at", "id")
    )
