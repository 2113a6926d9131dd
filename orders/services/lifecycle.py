"""Every status change of an order and of each business's part, and only here.

Order:        awaiting_payment -> paid -> completed (every part delivered or cancelled)
              awaiting_payment -> expired (order_expire, the scheduled job) | cancelled
VendorOrder:  awaiting_payment -> to_fulfil (order paid)
              to_fulfil -> shipped (carrier, tracking) | ready_for_pickup -> delivered
              awaiting_payment | to_fulfil | ready_for_pickup -> cancelled (vendor, with reason)

Each transition is a conditional UPDATE on the current status inside a transaction with the
row locked, so it happens once even when two requests or jobs race; each is audited and
published (orders.events) for emails and dashboards, after commit."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import StockMovement
from catalog.services.stock import stock_deallocate, stock_restore, stock_sell
from marketplace.core.audit import audit_record
from marketplace.core.errors import field_error
from marketplace.core.events import publish
from marketplace.core.permissions import require_perm
from vendors.permissions import require_vendor_member

from ..error_codes import OrderErrorCode
from ..events import OrderStatusChanged, VendorOrderStatusChanged
from ..models import DeliveryMethod, Order, OrderLine, VendorOrder

S = Order.Status
V = VendorOrder.Status
MANAGE = "orders.manage_orders"


def _not_allowed() -> Exception:
    return field_error(
        "status",
        _("Este pedido ya no admite ese cambio: actualiza la página para ver su estado."),
        OrderErrorCode.INVALID_TRANSITION,
    )


def _lines(query: Q) -> list[tuple[int, int]]:
    """(variant id, quantity) of the stock-tracked lines matching `query`."""
    return [
        (variant_id, quantity)
        for variant_id, quantity in OrderLine.objects.filter(query, track_inventory=True)
        .exclude(variant=None)
        .values_list("variant_id", "quantity")
    ]


def _open_lines(order: Order) -> list[tuple[int, int]]:
    return _lines(Q(vendor_order__order=order) & ~Q(vendor_order__status=V.CANCELLED))


def _order_moved(order: Order, status: str, actor, **data) -> None:
    audit_record(actor=actor, action=f"order.{status}", target=order, data=data)
    publish(OrderStatusChanged(order_id=order.pk, status=status))


def _part_moved(part: VendorOrder, status: str, actor, **data) -> None:
    audit_record(actor=actor, action=f"vendor_order.{status}", target=part, data=data)
    publish(
        VendorOrderStatusChanged(
            order_id=part.order_id, vendor_order_id=part.pk, vendor_id=part.vendor_id, status=status
        )
    )


def _lock_order(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


@transaction.atomic
def order_mark_paid(*, order: Order, by=None, reference: str = "") -> Order:
    """The order's payment arrived. `by` is None for a gateway (payments) and a staff user for
    the manual action. Allocated units become sales; every part goes to its vendor to fulfil.
    Paying an order already paid changes nothing (a gateway may say it twice)."""
    if by is not None:
        require_perm(by, MANAGE)
    locked = _lock_order(order)
    if locked.status == S.PAID:
        return locked
    if locked.status != S.AWAITING_PAYMENT:
        raise _not_allowed()
    now = timezone.now()
    Order.objects.filter(pk=locked.pk).update(
        status=S.PAID, paid_at=now, payment_reference=reference[:100]
    )
    stock_sell(lines=_open_lines(locked), note=locked.number)
    parts = list(VendorOrder.objects.filter(order=locked, status=V.AWAITING_PAYMENT))
    VendorOrder.objects.filter(pk__in=[p.pk for p in parts]).update(status=V.TO_FULFIL)
    locked.refresh_from_db()
    _order_moved(locked, S.PAID, by, reference=reference)
    for part in parts:
        _part_moved(part, V.TO_FULFIL, by)
    return locked


def _close_unpaid(order: Order, status: str, actor, reason: str) -> bool:
    """awaiting_payment -> expired/cancelled, giving the stock back. False when the order had
    already left awaiting_payment (someone else closed or paid it first)."""
    locked = _lock_order(order)
    moved = Order.objects.filter(pk=locked.pk, status=S.AWAITING_PAYMENT, stock_released=False)
    if not moved.update(
        status=status, stock_released=True, closed_at=timezone.now(), close_reason=reason[:255]
    ):
        return False
    # A part its vendor already cancelled gave its units back then.
    stock_deallocate(lines=_open_lines(locked))
    parts = list(VendorOrder.objects.filter(order=locked).exclude(status=V.CANCELLED))
    # The order's close_reason says why; a part's cancel_reason is kept for the vendor's words.
    VendorOrder.objects.filter(pk__in=[p.pk for p in parts]).update(
        status=V.CANCELLED, cancelled_at=timezone.now()
    )
    _order_moved(locked, status, actor, reason=reason)
    return True


@transaction.atomic
def order_expire(*, order: Order, now=None) -> bool:
    """Expire an unpaid order whose time is up, releasing its stock exactly once."""
    now = now or timezone.now()
    if not Order.objects.filter(pk=order.pk, expires_at__lte=now).exists():
        return False
    return _close_unpaid(order, S.EXPIRED, None, "payment timeout")


def orders_expire_due(*, now=None) -> int:
    """The scheduled job: expire every unpaid order past its time. Safe to run twice at once."""
    now = now or timezone.now()
    due = Order.objects.filter(status=S.AWAITING_PAYMENT, expires_at__lte=now).order_by("pk")
    return sum(order_expire(order=order, now=now) for order in due)


@transaction.atomic
def order_cancel(*, order: Order, by, reason: str = "") -> Order:
    """The buyer (signed in, their own order) or staff cancel an order not yet paid."""
    if by is None or getattr(by, "pk", None) != order.user_id:
        require_perm(by, MANAGE)
    if not _close_unpaid(order, S.CANCELLED, by, reason or "cancelled"):
        raise _not_allowed()
    return Order.objects.get(pk=order.pk)


def _complete_if_done(order_id: int, actor) -> None:
    parts = list(VendorOrder.objects.filter(order_id=order_id).values_list("status", flat=True))
    done = all(status in (V.DELIVERED, V.CANCELLED) for status in parts)
    if not done:
        return
    if all(status == V.CANCELLED for status in parts):
        target, field = S.CANCELLED, "closed_at"
    else:
        target, field = S.COMPLETED, "completed_at"
    if Order.objects.filter(pk=order_id, status=S.PAID).update(
        status=target, **{field: timezone.now()}
    ):
        _order_moved(Order.objects.get(pk=order_id), target, actor)


def _drop_from_unpaid_total(part: VendorOrder) -> None:
    """An unpaid order no longer asks to be paid for a part its vendor cancelled."""
    order = Order.objects.get(pk=part.order_id)
    remaining = VendorOrder.objects.filter(order=order).exclude(status=V.CANCELLED)
    vat: dict[int, tuple[int, int]] = {}
    for other in remaining:
        for row in other.vat_breakdown:
            base, amount = vat.get(row["rate"], (0, 0))
            vat[row["rate"]] = (base + row["base"], amount + row["vat"])
    Order.objects.filter(pk=order.pk).update(
        subtotal=sum(p.subtotal for p in remaining),
        delivery_total=sum(p.delivery_fee for p in remaining),
        total=sum(p.total for p in remaining),
        vat_breakdown=[
            {"rate": rate, "base": base, "vat": amount}
            for rate, (base, amount) in sorted(vat.items(), reverse=True)
        ],
    )


def _lock_part(part: VendorOrder, by) -> VendorOrder:
    require_vendor_member(by, part.vendor)
    # The order first, then the part: the same lock order as order_mark_paid.
    Order.objects.select_for_update().filter(pk=part.order_id).first()
    return VendorOrder.objects.select_for_update().select_related("order").get(pk=part.pk)


def _move_part(part: VendorOrder, by, allowed: tuple, target: str, **fields) -> VendorOrder:
    locked = _lock_part(part, by)
    if locked.status not in allowed:
        raise _not_allowed()
    VendorOrder.objects.filter(pk=locked.pk, status=locked.status).update(status=target, **fields)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def vendor_order_ship(*, vendor_order: VendorOrder, by, carrier: str, tracking_code: str = ""):
    carrier = " ".join(str(carrier or "").split())[:100]
    if not carrier:
        raise field_error(
            "carrier",
            _("Escribe la transportadora o quién lleva el pedido."),
            OrderErrorCode.REQUIRED,
        )
    if vendor_order.delivery_method != DeliveryMethod.DELIVERY:
        require_vendor_member(by, vendor_order.vendor)
        raise field_error(
            "status",
            _("Este pedido se recoge en el local: márcalo como listo para recoger."),
            OrderErrorCode.WRONG_DELIVERY_METHOD,
        )
    part = _move_part(
        vendor_order,
        by,
        (V.TO_FULFIL,),
        V.SHIPPED,
        carrier=carrier,
        tracking_code=" ".join(str(tracking_code or "").split())[:100],
        shipped_at=timezone.now(),
    )
    _part_moved(part, V.SHIPPED, by, carrier=part.carrier, tracking_code=part.tracking_code)
    return part


@transaction.atomic
def vendor_order_mark_ready(*, vendor_order: VendorOrder, by) -> VendorOrder:
    """Ready for pickup at the vendor's address (or, for services, ready to be provided)."""
    if vendor_order.delivery_method == DeliveryMethod.DELIVERY:
        require_vendor_member(by, vendor_order.vendor)
        raise field_error(
            "status",
            _("Este pedido va a domicilio: márcalo como enviado."),
            OrderErrorCode.WRONG_DELIVERY_METHOD,
        )
    part = _move_part(vendor_order, by, (V.TO_FULFIL,), V.READY_FOR_PICKUP, ready_at=timezone.now())
    _part_moved(part, V.READY_FOR_PICKUP, by)
    return part


@transaction.atomic
def vendor_order_mark_delivered(*, vendor_order: VendorOrder, by) -> VendorOrder:
    part = _move_part(
        vendor_order,
        by,
        (V.SHIPPED, V.READY_FOR_PICKUP),
        V.DELIVERED,
        delivered_at=timezone.now(),
    )
    _part_moved(part, V.DELIVERED, by)
    _complete_if_done(part.order_id, by)
    return part


@transaction.atomic
def vendor_order_cancel(*, vendor_order: VendorOrder, by, reason: str) -> VendorOrder:
    """The vendor cannot fulfil its part. Its stock returns; once paid, its amount is due back
    to the buyer (the refund itself is the payments' business)."""
    reason = " ".join(str(reason or "").split())[:500]
    if len(reason) < 5:
        require_vendor_member(by, vendor_order.vendor)
        raise field_error(
            "reason",
            _("Cuéntale al comprador por qué cancelas (al menos 5 caracteres)."),
            OrderErrorCode.REQUIRED,
        )
    locked = _lock_part(vendor_order, by)
    if locked.status not in (V.AWAITING_PAYMENT, V.TO_FULFIL, V.READY_FOR_PICKUP):
        raise _not_allowed()
    was_paid = locked.status != V.AWAITING_PAYMENT
    fields = {"cancelled_at": timezone.now(), "cancel_reason": reason}
    if was_paid:
        fields.update(refund_amount=locked.total, refund_status=VendorOrder.RefundStatus.DUE)
    VendorOrder.objects.filter(pk=locked.pk, status=locked.status).update(
        status=V.CANCELLED, **fields
    )
    if was_paid:
        stock_restore(
            lines=_lines(Q(vendor_order=locked)),
            reason=StockMovement.Reason.CANCELLATION,
            note=locked.order.number,
        )
    else:
        stock_deallocate(lines=_lines(Q(vendor_order=locked)))
        _drop_from_unpaid_total(locked)
    locked.refresh_from_db()
    _part_moved(locked, V.CANCELLED, by, reason=reason, refund=locked.refund_amount)
    if was_paid:
        _complete_if_done(locked.order_id, by)
    elif (
        not VendorOrder.objects.filter(order_id=locked.order_id)
        .exclude(status=V.CANCELLED)
        .exists()
    ):
        # Every business of an unpaid order said no: nothing is left to pay for.
        Order.objects.filter(pk=locked.order_id, status=S.AWAITING_PAYMENT).update(
            status=S.CANCELLED, stock_released=True, closed_at=timezone.now()
        )
        _order_moved(Order.objects.get(pk=locked.order_id), S.CANCELLED, by, reason=reason)
    return locked
