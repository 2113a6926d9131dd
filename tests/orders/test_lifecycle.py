"""Every transition of an order and of each business's part, allowed and refused, with the
stock each one moves, its audit record and its event; who may make each one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalog.models import StockMovement
from marketplace.core.events import subscribe, unsubscribe
from marketplace.core.models import AuditEvent
from orders.events import OrderStatusChanged, VendorOrderStatusChanged
from orders.models import Order, VendorOrder
from orders.services import lifecycle
from orders.services.placement import checkout_complete
from tests.factories import UserFactory

from .support import cart_with, ready_checkout

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    seen = []

    def record(event):
        seen.append((type(event).__name__, event.status))

    subscribe(OrderStatusChanged)(record)
    subscribe(VendorOrderStatusChanged)(record)
    yield seen
    unsubscribe(OrderStatusChanged, record)
    unsubscribe(VendorOrderStatusChanged, record)


@pytest.fixture
def order(arepa, cafe):
    return checkout_complete(token=ready_checkout(cart_with((arepa, 2), (cafe, 1))).token)


def _part(order, vendor) -> VendorOrder:
    return VendorOrder.objects.get(order=order, vendor=vendor)


def _code(exc) -> str:
    return next(iter(exc.value.error_dict.values()))[0].code


def test_paying_turns_allocations_into_sales_and_parts_into_work(
    order, arepa, coordinator, events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        paid = lifecycle.order_mark_paid(order=order, by=coordinator, reference="manual-1")
    assert paid.status == Order.Status.PAID and paid.paid_at is not None
    assert set(paid.vendor_orders.values_list("status", flat=True)) == {"to_fulfil"}
    arepa.refresh_from_db()
    assert (arepa.stock_quantity, arepa.allocated_quantity) == (8, 2)
    assert StockMovement.objects.get(variant=arepa).reason == "sale"
    assert ("OrderStatusChanged", "paid") in events
    assert events.count(("VendorOrderStatusChanged", "to_fulfil")) == 2
    # A gateway saying it twice changes nothing.
    assert lifecycle.order_mark_paid(order=order).status == "paid"
    assert StockMovement.objects.filter(variant=arepa).count() == 1
    assert AuditEvent.objects.filter(action="order.paid").count() == 1


def test_only_staff_or_the_gateway_mark_an_order_paid(order, citizen, vendor_owner):
    for person in (citizen, vendor_owner):
        with pytest.raises(PermissionDenied):
            lifecycle.order_mark_paid(order=order, by=person)
    assert Order.objects.get(pk=order.pk).status == "awaiting_payment"


def test_delivery_part_ships_then_is_delivered_and_the_order_completes(order, shop, other_shop):
    lifecycle.order_mark_paid(order=order)
    owner = UserFactory()
    other_owner = UserFactory()
    shop.memberships.create(user=owner, role="owner")
    other_shop.memberships.create(user=other_owner, role="owner")

    mine = lifecycle.vendor_order_ship(
        vendor_order=_part(order, shop), by=owner, carrier="Servientrega", tracking_code="123"
    )
    assert (mine.status, mine.carrier, mine.tracking_code) == ("shipped", "Servientrega", "123")
    lifecycle.vendor_order_mark_delivered(vendor_order=mine, by=owner)
    assert Order.objects.get(pk=order.pk).status == "paid"  # the other part is pending

    theirs = lifecycle.vendor_order_ship(
        vendor_order=_part(order, other_shop), by=other_owner, carrier="Mensajero propio"
    )
    lifecycle.vendor_order_mark_delivered(vendor_order=theirs, by=other_owner)
    done = Order.objects.get(pk=order.pk)
    assert done.status == "completed" and done.completed_at is not None


def test_vendor_a_cannot_touch_vendor_b_part(order, shop, other_shop):
    lifecycle.order_mark_paid(order=order)
    stranger = UserFactory()
    other_shop.memberships.create(user=stranger, role="owner")
    part = _part(order, shop)
    for call in (
        lambda: lifecycle.vendor_order_ship(vendor_order=part, by=stranger, carrier="X"),
        lambda: lifecycle.vendor_order_mark_ready(vendor_order=part, by=stranger),
        lambda: lifecycle.vendor_order_mark_delivered(vendor_order=part, by=stranger),
        lambda: lifecycle.vendor_order_cancel(vendor_order=part, by=stranger, reason="No puedo"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert _part(order, shop).status == "to_fulfil"


def test_refused_transitions_change_nothing(order, shop, coordinator):
    owner = UserFactory()
    shop.memberships.create(user=owner, role="owner")
    part = _part(order, shop)
    with pytest.raises(ValidationError) as exc:  # not paid yet
        lifecycle.vendor_order_ship(vendor_order=part, by=owner, carrier="Servientrega")
    assert _code(exc) == "invalid_transition"
    lifecycle.order_mark_paid(order=order)
    with pytest.raises(ValidationError) as exc:  # a delivery part is shipped, not "ready"
        lifecycle.vendor_order_mark_ready(vendor_order=part, by=owner)
    assert _code(exc) == "wrong_delivery_method"
    with pytest.raises(ValidationError) as exc:  # not shipped yet
        lifecycle.vendor_order_mark_delivered(vendor_order=part, by=owner)
    assert _code(exc) == "invalid_transition"
    with pytest.raises(ValidationError) as exc:
        lifecycle.vendor_order_ship(vendor_order=part, by=owner, carrier="  ")
    assert _code(exc) == "required"
    with pytest.raises(ValidationError) as exc:  # a paid order is cancelled per business
        lifecycle.order_cancel(order=order, by=coordinator)
    assert _part(order, shop).status == "to_fulfil"


def test_pickup_part_is_ready_then_delivered(arepa, shop):
    order = checkout_complete(token=ready_checkout(cart_with((arepa, 1)), method="pickup").token)
    lifecycle.order_mark_paid(order=order)
    owner = UserFactory()
    shop.memberships.create(user=owner, role="owner")
    part = lifecycle.vendor_order_mark_ready(vendor_order=_part(order, shop), by=owner)
    assert part.status == "ready_for_pickup"
    lifecycle.vendor_order_mark_delivered(vendor_order=part, by=owner)
    assert Order.objects.get(pk=order.pk).status == "completed"


def test_vendor_cancels_a_paid_part_stock_returns_and_refund_is_due(order, arepa, shop):
    lifecycle.order_mark_paid(order=order)
    owner = UserFactory()
    shop.memberships.create(user=owner, role="owner")
    with pytest.raises(ValidationError) as exc:
        lifecycle.vendor_order_cancel(vendor_order=_part(order, shop), by=owner, reason="no")
    assert _code(exc) == "required"
    part = lifecycle.vendor_order_cancel(
        vendor_order=_part(order, shop), by=owner, reason="Se dañó el horno"
    )
    assert (part.status, part.cancel_reason) == ("cancelled", "Se dañó el horno")
    assert (part.refund_amount, part.refund_status) == (part.total, "due")
    arepa.refresh_from_db()
    assert (arepa.stock_quantity, arepa.allocated_quantity) == (10, 2)
    assert Order.objects.get(pk=order.pk).status == "paid"


def test_an_unpaid_order_whose_every_business_cancels_is_cancelled_once(arepa, shop):
    order = checkout_complete(token=ready_checkout(cart_with((arepa, 3))).token)
    owner = UserFactory()
    shop.memberships.create(user=owner, role="owner")
    lifecycle.vendor_order_cancel(vendor_order=_part(order, shop), by=owner, reason="Sin gas hoy")
    arepa.refresh_from_db()
    assert arepa.allocated_quantity == 2
    assert Order.objects.get(pk=order.pk).status == "cancelled"
    # The expiry job later finds nothing to release again.
    Order.objects.filter(pk=order.pk).update(expires_at=order.created_at)
    assert lifecycle.orders_expire_due() == 0
    arepa.refresh_from_db()
    assert arepa.allocated_quantity == 2


def test_expiry_releases_stock_and_skips_orders_still_in_time(order, arepa):
    assert lifecycle.orders_expire_due() == 0
    Order.objects.filter(pk=order.pk).update(expires_at=order.created_at)
    assert lifecycle.orders_expire_due() == 1
    assert lifecycle.orders_expire_due() == 0
    arepa.refresh_from_db()
    assert arepa.allocated_quantity == 2
    expired = Order.objects.get(pk=order.pk)
    assert expired.status == "expired"
    assert set(expired.vendor_orders.values_list("status", flat=True)) == {"cancelled"}
    with pytest.raises(ValidationError):
        lifecycle.order_mark_paid(order=expired)


def test_the_buyer_cancels_their_unpaid_order_others_cannot(arepa, citizen):
    order = checkout_complete(
        token=ready_checkout(cart_with((arepa, 1), user=citizen)).token, user=citizen
    )
    with pytest.raises(PermissionDenied):
        lifecycle.order_cancel(order=order, by=UserFactory())
    assert lifecycle.order_cancel(order=order, by=citizen).status == "cancelled"
    arepa.refresh_from_db()
    assert arepa.allocated_quantity == 2


def test_staff_mark_an_order_paid_from_the_command_line(order, coordinator, citizen):
    from io import StringIO

    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("order_mark_paid", order.number, "--staff", citizen.email)
    out = StringIO()
    call_command(
        "order_mark_paid",
        order.number,
        "--staff",
        coordinator.email,
        "--reference",
        "T-42",
        stdout=out,
    )
    assert f"{order.number} is paid" in out.getvalue()
    assert Order.objects.get(pk=order.pk).payment_reference == "T-42"


def test_the_expiry_job_is_scheduled_every_minute(settings):
    from marketplace.core.jobs import job_callable

    assert settings.SCHEDULED_JOBS["expire_orders"][1] == 60
    assert job_callable("expire_orders") is lifecycle.orders_expire_due


def test_an_unpaid_order_stops_charging_for_a_part_its_vendor_cancelled(order, shop, other_shop):
    owner = UserFactory()
    shop.memberships.create(user=owner, role="owner")
    kept = _part(order, other_shop)
    lifecycle.vendor_order_cancel(vendor_order=_part(order, shop), by=owner, reason="Sin gas hoy")
    left = Order.objects.get(pk=order.pk)
    assert left.status == "awaiting_payment"
    assert (left.subtotal, left.delivery_total, left.total) == (
        kept.subtotal,
        kept.delivery_fee,
        kept.total,
    )
    assert left.vat_breakdown == kept.vat_breakdown
