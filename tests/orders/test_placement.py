"""Placing an order from a checkout: one Order, a VendorOrder per business, snapshots, stock
allocated, the cart emptied; completing twice gives the same order; nothing half-written."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalog.models import Product, ProductVariant
from orders.models import CartLine, CheckoutDetails, Order, OrderLine, VendorOrder
from orders.selectors import checkout_summary
from orders.services import lifecycle
from orders.services.checkout import checkout_update
from orders.services.placement import checkout_complete

from .support import cart_with, goods, ready_checkout

pytestmark = pytest.mark.django_db


def _codes(exc) -> set[str]:
    return {e.code for errors in exc.value.error_dict.values() for e in errors}


def test_an_order_from_two_businesses_is_split_and_snapshotted(arepa, cafe, shop, other_shop):
    shop.vat_responsible = True
    shop.save(update_fields=["vat_responsible"])
    cart = ready_checkout(cart_with((arepa, 3), (cafe, 1)))
    token = cart.token

    order = checkout_complete(token=token)

    assert order.number == f"TV-{order.pk:06d}"
    assert order.status == Order.Status.AWAITING_PAYMENT
    # Medellín delivery costs 4.000 at each business.
    assert (order.subtotal, order.delivery_total, order.total) == (45_500, 8_000, 53_500)
    parts = {p.vendor_id: p for p in order.vendor_orders.all()}
    assert set(parts) == {shop.pk, other_shop.pk}
    mine = parts[shop.pk]
    assert (mine.subtotal, mine.delivery_fee, mine.total) == (13_500, 4_000, 17_500)
    assert mine.seller_legal_name == shop.enrollment.legal_name
    assert mine.seller_nit == shop.enrollment.nit
    assert mine.seller_notice_email == "ventas@negocio.example.com"
    line = mine.lines.get()
    assert (line.product_name, line.unit_price, line.quantity, line.vat_rate) == (
        "Arepa de chócolo",
        4_500,
        3,
        19,
    )
    assert mine.vat_breakdown == [{"rate": 19, "base": 11_345, "vat": 2_155}]
    # The other business is not responsible for IVA: no IVA on its part.
    assert parts[other_shop.pk].vat_breakdown == []
    assert order.vat_breakdown == [{"rate": 19, "base": 11_345, "vat": 2_155}]
    arepa.refresh_from_db()
    assert arepa.allocated_quantity == 2 + 3
    cart.refresh_from_db()
    assert cart.token != token and not cart.lines.exists()
    assert not CheckoutDetails.objects.filter(cart=cart).exists()


def test_later_catalogue_edits_never_change_the_order(arepa, shop):
    order = checkout_complete(token=ready_checkout(cart_with((arepa, 1))).token)
    Product.objects.filter(pk=arepa.product_id).update(name="Arepa nueva")
    ProductVariant.objects.filter(pk=arepa.pk).update(price=9_999)
    line = OrderLine.objects.get(vendor_order__order=order)
    assert (line.product_name, line.unit_price) == ("Arepa de chócolo", 4_500)


def test_completing_twice_gives_the_same_order(arepa):
    cart = ready_checkout(cart_with((arepa, 2)))
    first = checkout_complete(token=cart.token)
    second = checkout_complete(token=first.checkout_token)
    assert first.pk == second.pk
    assert Order.objects.count() == 1
    arepa.refresh_from_db()
    assert arepa.allocated_quantity == 2 + 2


def test_someone_elses_account_order_is_not_returned_by_its_checkout_token(arepa, citizen):
    from tests.factories import UserFactory

    cart = ready_checkout(cart_with((arepa, 1), user=citizen))
    order = checkout_complete(token=cart.token, user=citizen)
    with pytest.raises(PermissionDenied):
        checkout_complete(token=order.checkout_token, user=UserFactory())
    with pytest.raises(PermissionDenied):
        checkout_complete(token=order.checkout_token, user=None)


def test_an_unknown_token_is_not_found():
    with pytest.raises(ValidationError) as exc:
        checkout_complete(token="8c5b0a52-8f4e-4f43-9a7a-2c1c4e7f0a11")
    assert _codes(exc) == {"not_found"}


def test_a_checkout_without_consent_places_nothing(arepa):
    cart = ready_checkout(cart_with((arepa, 1)), accept_privacy_policy=False)
    with pytest.raises(ValidationError) as exc:
        checkout_complete(token=cart.token)
    assert "consent_required" in _codes(exc)
    assert not Order.objects.exists()
    arepa.refresh_from_db()
    assert arepa.allocated_quantity == 2


def test_stock_taken_meanwhile_refuses_the_whole_order(arepa, cafe):
    cart = ready_checkout(cart_with((cafe, 2), (arepa, 5)))
    ProductVariant.objects.filter(pk=arepa.pk).update(allocated_quantity=8)
    with pytest.raises(ValidationError) as exc:
        checkout_complete(token=cart.token)
    assert "insufficient_stock" in _codes(exc)
    assert not Order.objects.exists() and not VendorOrder.objects.exists()
    cafe.refresh_from_db()
    assert cafe.allocated_quantity == 0
    assert CartLine.objects.filter(cart=cart).count() == 2


def test_a_changed_price_is_shown_before_paying_and_accepted_explicitly(arepa):
    cart = ready_checkout(cart_with((arepa, 1)))
    ProductVariant.objects.filter(pk=arepa.pk).update(price=5_000)
    summary = checkout_summary(cart)
    assert [p.code for p in summary.problems] == ["price_changed"]
    assert (
        "$\xa04.500" in summary.problems[0].message and "$\xa05.000" in summary.problems[0].message
    )
    with pytest.raises(ValidationError) as exc:
        checkout_complete(token=cart.token)
    assert _codes(exc) == {"price_changed"}
    checkout_update(cart=cart, values={"accept_price_changes": True})
    order = checkout_complete(token=cart.token)
    assert order.total == 5_000 + 4_000


def test_a_vanished_listing_stops_the_checkout(arepa):
    cart = ready_checkout(cart_with((arepa, 1)))
    Product.objects.filter(pk=arepa.product_id).update(status=Product.Status.UNPUBLISHED)
    with pytest.raises(ValidationError) as exc:
        checkout_complete(token=cart.token)
    assert _codes(exc) == {"product_unavailable"}


def test_the_last_unit_sold_shows_the_listing_as_unavailable_in_lists(shop):
    last = goods(shop, "Pan de yuca", price=3_000, stock=1)
    order = checkout_complete(token=ready_checkout(cart_with((last, 1))).token)
    assert Product.objects.get(pk=last.product_id).is_available is False

    lifecycle.order_expire(order=order, now=order.expires_at + timedelta(minutes=1))
    assert Product.objects.get(pk=last.product_id).is_available is True
