"""Placed orders, read by whoever may see them: the buyer (signed-in owner, or a guest holding
the order's token), the vendor's members (their own part only), programme staff. Lists come
with their parts and lines prefetched: a constant number of queries whatever their length."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from marketplace.core.permissions import require_perm
from vendors.models import Vendor
from vendors.permissions import require_vendor_member

from ..models import Complaint, Order, OrderLine, RetractoRequest, VendorOrder
from .cart import token_parse

MANAGE = "orders.manage_orders"


def _with_parts(qs: QuerySet[Order]) -> QuerySet[Order]:
    return qs.prefetch_related(
        Prefetch(
            "vendor_orders",
            queryset=VendorOrder.objects.select_related("vendor", "retracto").prefetch_related(
                Prefetch("lines", queryset=OrderLine.objects.order_by("id"))
            ),
        )
    )


def order_get_for_buyer(*, token, user=None) -> Order | None:
    """The order behind a token link. A signed-in person's order opens only for them; a guest
    order for anyone holding its token (as an emailed link does). None otherwise."""
    token = token_parse(token)
    if token is None:
        return None
    order = _with_parts(Order.objects.filter(token=token)).first()
    if order is None:
        return None
    if order.user_id is not None and getattr(user, "pk", None) != order.user_id:
        return None
    return order


def orders_for_user(*, user) -> QuerySet[Order]:
    """A signed-in person's orders, newest first ("Mi cuenta")."""
    if user is None or not user.is_authenticated:
        return Order.objects.none()
    return _with_parts(Order.objects.filter(user=user)).order_by("-created_at", "-id")


@dataclass(frozen=True)
class VendorOrderFilters:
    status: str = ""


def vendor_orders_for_member(
    *, user, vendor: Vendor, filters: VendorOrderFilters | None = None
) -> QuerySet[VendorOrder]:
    """A vendor's parts of orders, for its members only. Unpaid parts are included (the stock
    they hold is the vendor's) and can be filtered out by status."""
    require_vendor_member(user, vendor)
    filters = filters or VendorOrderFilters()
    qs = (
        VendorOrder.objects.filter(vendor=vendor)
        .select_related("order", "order__municipality", "vendor")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.order_by("id")))
        .order_by("-order__created_at", "-id")
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs


def vendor_order_get_for_member(*, user, vendor_order_id) -> VendorOrder | None:
    """A part for a member of its vendor; None for anyone else and for ids that are not one,
    so another vendor's order is indistinguishable from a missing one."""
    if not str(vendor_order_id).isdigit() or len(str(vendor_order_id)) > 18:
        return None
    part = (
        VendorOrder.objects.select_related("order", "vendor")
        .filter(pk=int(vendor_order_id), vendor__memberships__user=user)
        .first()
        if user is not None and user.is_authenticated
        else None
    )
    return part


def retracto_get_for_member(*, user, retracto_id) -> RetractoRequest | None:
    if not str(retracto_id).isdigit() or len(str(retracto_id)) > 18:
        return None
    if user is None or not user.is_authenticated:
        return None
    return (
        RetractoRequest.objects.select_related("vendor_order__vendor", "vendor_order__order")
        .filter(pk=int(retracto_id), vendor_order__vendor__memberships__user=user)
        .first()
    )


def order_list_for_staff(*, user) -> QuerySet[Order]:
    require_perm(user, MANAGE)
    return _with_parts(Order.objects.all()).order_by("-created_at", "-id")


def order_get_by_number_for_staff(*, user, number: str) -> Order | None:
    require_perm(user, MANAGE)
    return _with_parts(Order.objects.filter(number=str(number).strip().upper())).first()


def complaints_for_order(*, order: Order) -> QuerySet[Complaint]:
    return Complaint.objects.filter(order=order).order_by("-created_at", "-id")
