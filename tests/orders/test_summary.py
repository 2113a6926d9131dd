"""The cart summary: lines grouped by business with today's prices in pesos, per-business
subtotals and the total; lines that cannot be bought any more stay, flagged and out of the
totals; and the same number of queries for one line as for ten."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orders.models import CartLine
from orders.selectors import cart_summary
from orders.services.cart import cart_add

from .support import goods, storefront_vendor, user_cart

pytestmark = pytest.mark.django_db


@pytest.fixture
def cart(citizen):
    return user_cart(citizen)


def test_lines_are_grouped_by_business_in_the_order_they_were_added(cart, arepa, cafe, shop):
    queso = goods(shop, "Arepa con queso", price=6_900)
    cart_add(cart=cart, variant=arepa, quantity=2)
    cart_add(cart=cart, variant=cafe, quantity=1)
    cart_add(cart=cart, variant=queso, quantity=3)

    summary = cart_summary(cart)

    assert [group.vendor.display_name for group in summary.groups] == [
        "Arepas Doña Luz",
        "Café La Montañera",
    ]
    first, second = summary.groups
    assert [line.product.name for line in first.lines] == ["Arepa de chócolo", "Arepa con queso"]
    assert [line.unit_price_display for line in first.lines] == ["$\u00a04.500", "$\u00a06.900"]
    assert [line.line_total for line in first.lines] == [9_000, 20_700]
    assert first.subtotal == 29_700 and first.subtotal_display == "$\u00a029.700"
    assert second.subtotal == 32_000
    assert summary.total == 61_700 and summary.total_display == "$\u00a061.700"
    assert summary.item_count == 6
    assert summary.unavailable_lines == []


def test_prices_are_todays_not_those_of_the_day_the_line_was_added(cart, arepa):
    cart_add(cart=cart, variant=arepa, quantity=2)
    arepa.price = 5_000
    arepa.save(update_fields=["price"])

    assert cart_summary(cart).total == 10_000


def test_unavailable_lines_are_flagged_and_left_out_of_the_totals(cart, arepa, cafe, shop):
    short = goods(shop, "Obleas", price=3_000, stock=5)
    cart_add(cart=cart, variant=arepa, quantity=2)
    cart_add(cart=cart, variant=short, quantity=4)
    cart_add(cart=cart, variant=cafe, quantity=1)
    # Then the arepa is unpublished, two obleas are sold and the café's vendor is suspended.
    arepa.product.status = "unpublished"
    arepa.product.save(update_fields=["status"])
    short.stock_quantity = 2
    short.save(update_fields=["stock_quantity"])
    cafe.vendor.status = "suspended"
    cafe.vendor.save(update_fields=["status"])

    summary = cart_summary(cart)

    flagged = {line.product.name: line.problem_code for line in summary.unavailable_lines}
    assert flagged == {
        "Arepa de chócolo": "product_unavailable",
        "Obleas": "insufficient_stock",
        "Café de origen 500 g": "product_unavailable",
    }
    assert len(summary.lines) == 3  # nothing dropped
    assert summary.lines[1].problem_message == "Solo hay 2 unidades disponibles."
    assert summary.total == 0
    assert CartLine.objects.count() == 3


def test_no_cart_is_an_empty_summary_without_queries(django_assert_num_queries):
    with django_assert_num_queries(0):
        summary = cart_summary(None)
    assert summary.is_empty and summary.total == 0 and summary.item_count == 0


def fill(cart, count):
    vendors = [storefront_vendor() for _ in range(3)]
    for index in range(count):
        variant = goods(vendors[index % 3], f"Producto {index}", price=1_000 + index, images=2)
        cart_add(cart=cart, variant=variant, quantity=1)


def measure(cart) -> int:
    with CaptureQueriesContext(connection) as captured:
        summary = cart_summary(cart)
        # What the cart page reads of each line.
        for line in summary.lines:
            _ = (line.product.name, line.product.vendor.display_name, line.image)
    return len(captured)


def test_summary_costs_the_same_queries_for_1_line_as_for_10(cart, citizen):
    fill(cart, 1)
    one = measure(cart)
    CartLine.objects.all().delete()
    fill(cart, 10)
    ten = measure(cart)

    assert one == ten == 3, (one, ten)
