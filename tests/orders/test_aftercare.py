"""Retracto within 5 Colombian business days of delivery, its exclusions and acceptance with a
refund due in 15 days; PQR case numbers; vendor order API isolation and query counts."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.models import Product
from orders.models import Complaint, VendorOrder
from orders.services import aftercare, lifecycle
from orders.services.placement import checkout_complete
from tests.factories import UserFactory

from .support import cart_with, goods, ready_checkout

pytestmark = pytest.mark.django_db
BOGOTA = ZoneInfo("America/Bogota")


@pytest.fixture
def owner(shop):
    user = UserFactory()
    shop.memberships.create(user=user, role="owner")
    return user


def _delivered(variant, owner, *, on: date, quantity=1) -> VendorOrder:
    order = checkout_complete(token=ready_checkout(cart_with((variant, quantity))).token)
    lifecycle.order_mark_paid(order=order)
    part = order.vendor_orders.get()
    part = lifecycle.vendor_order_ship(vendor_order=part, by=owner, carrier="Servientrega")
    part = lifecycle.vendor_order_mark_delivered(vendor_order=part, by=owner)
    VendorOrder.objects.filter(pk=part.pk).update(
        delivered_at=datetime(on.year, on.month, on.day, 15, tzinfo=BOGOTA)
    )
    part.refresh_from_db()
    return part


def _code(exc):
    return next(iter(exc.value.error_dict.values()))[0].code


def test_retracto_on_the_last_business_day_is_accepted_and_the_refund_is_due(arepa, owner):
    # Delivered Tuesday 31 March 2026: Holy Thursday and Friday do not count -> 8 April.
    part = _delivered(arepa, owner, on=date(2026, 3, 31), quantity=2)
    retracto = aftercare.order_retracto_request(
        vendor_order=part, reason="No era lo que esperaba", today=date(2026, 4, 8)
    )
    assert (retracto.deadline, retracto.refund_amount) == (date(2026, 4, 8), 9_000)
    with pytest.raises(ValidationError) as exc:
        aftercare.order_retracto_request(vendor_order=part, today=date(2026, 4, 8))
    assert _code(exc) == "retracto_exists"

    with pytest.raises(PermissionDenied):
        aftercare.retracto_accept(retracto=retracto, by=UserFactory())
    accepted = aftercare.retracto_accept(retracto=retracto, by=owner)
    assert accepted.status == "accepted"
    part.refresh_from_db()
    assert (part.refund_amount, part.refund_status) == (9_000, "due")
    assert (part.refund_due_by - timezone.localdate(accepted.accepted_at)).days == 15
    arepa.refresh_from_db()
    assert arepa.stock_quantity == 10  # the two units came back


def test_retracto_the_day_after_the_deadline_is_refused(arepa, owner):
    part = _delivered(arepa, owner, on=date(2026, 3, 31))
    with pytest.raises(ValidationError) as exc:
        aftercare.order_retracto_request(vendor_order=part, today=date(2026, 4, 9))
    assert _code(exc) == "retracto_expired"


def test_perishables_are_excluded_from_retracto(shop, owner):
    bread = goods(shop, "Pan de bono", price=2_000, stock=5)
    Product.objects.filter(pk=bread.product_id).update(
        retracto_exclusion=Product.RetractoExclusion.PERISHABLE
    )
    part = _delivered(bread, owner, on=date(2026, 2, 2))
    with pytest.raises(ValidationError) as exc:
        aftercare.order_retracto_request(vendor_order=part, today=date(2026, 2, 3))
    assert _code(exc) == "retracto_excluded"


def test_retracto_before_delivery_is_refused(arepa):
    order = checkout_complete(token=ready_checkout(cart_with((arepa, 1))).token)
    with pytest.raises(ValidationError) as exc:
        aftercare.order_retracto_request(vendor_order=order.vendor_orders.get())
    assert _code(exc) == "invalid_transition"


def test_complaints_get_case_numbers_and_bad_input_is_refused(arepa, cafe):
    order = checkout_complete(token=ready_checkout(cart_with((arepa, 1))).token)
    other = checkout_complete(token=ready_checkout(cart_with((cafe, 1))).token)
    complaint = aftercare.order_complaint_create(
        order=order, kind="reclamo", message="Llegó la arepa fría y aplastada."
    )
    assert complaint.case_number == f"PQR-{complaint.pk:06d}"
    with pytest.raises(ValidationError) as exc:
        aftercare.order_complaint_create(
            order=order,
            kind="otra",
            message="corto",
            vendor_order=other.vendor_orders.get(),
        )
    assert set(exc.value.error_dict) == {"kind", "message", "vendor_order"}
    assert Complaint.objects.count() == 1


VENDOR_ORDERS = """
query($vendor: ID!) { vendorOrders(vendor: $vendor, first: 50) { totalCount edges { node {
  id orderNumber status deliveryMethod total { amount } lines { productName quantity }
  seller { name } vat { rate }
} } } }
"""
SHIP = """
mutation($id: ID!) { vendorOrderShip(id: $id, carrier: "Servientrega", trackingCode: "99") {
  vendorOrder { status carrier } errors { field code message } } }
"""


def test_vendor_orders_are_the_vendors_own_in_constant_queries(gql, arepa, cafe, shop, owner):
    def place(n):
        for _ in range(n):
            order = checkout_complete(token=ready_checkout(cart_with((arepa, 1), (cafe, 1))).token)
            lifecycle.order_mark_paid(order=order)

    place(1)
    variables = {"vendor": to_global_id("Vendor", shop.pk)}
    gql(VENDOR_ORDERS, variables, user=owner)
    with CaptureQueriesContext(connection) as one:
        first = gql(VENDOR_ORDERS, variables, user=owner)["data"]["vendorOrders"]
    place(4)
    with CaptureQueriesContext(connection) as five:
        result = gql(VENDOR_ORDERS, variables, user=owner)["data"]["vendorOrders"]
    assert (first["totalCount"], result["totalCount"]) == (1, 5)
    assert len(five) == len(one) <= 12
    # Only this vendor's parts: the café's lines never show.
    names = {line["productName"] for e in result["edges"] for line in e["node"]["lines"]}
    assert names == {"Arepa de chócolo"}


def test_vendor_a_cannot_read_or_ship_vendor_b_part(gql, mutate, arepa, cafe, other_shop, owner):
    order = checkout_complete(token=ready_checkout(cart_with((arepa, 1), (cafe, 1))).token)
    lifecycle.order_mark_paid(order=order)
    theirs = order.vendor_orders.get(vendor=other_shop)
    refused = gql(VENDOR_ORDERS, {"vendor": to_global_id("Vendor", other_shop.pk)}, user=owner)
    assert refused["data"]["vendorOrders"] is None and refused["errors"]
    attempt = mutate(SHIP, {"id": to_global_id("VendorOrder", theirs.pk)}, user=owner)
    assert [e["code"] for e in attempt["errors"]] == ["not_found"]
    theirs.refresh_from_db()
    assert theirs.status == "to_fulfil"
    mine = order.vendor_orders.exclude(pk=theirs.pk).get()
    shipped = mutate(SHIP, {"id": to_global_id("VendorOrder", mine.pk)}, user=owner)
    assert shipped["errors"] == [] and shipped["vendorOrder"]["status"] == "SHIPPED"
