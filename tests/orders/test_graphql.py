"""The cart API: the same services as the pages, errors with stable codes, a signed-in user
only, and another user's line unreachable."""

import pytest
from graphql_relay import to_global_id

from orders.models import Cart, CartLine
from tests.factories import UserFactory

from .conftest import ERRORS
from .support import goods, service, storefront_vendor

pytestmark = pytest.mark.django_db

CART = """
query {
  cart {
    itemCount
    total { amount formatted }
    vendors {
      vendor { displayName }
      subtotal { amount }
      lines { id quantity product { name } variant { sku } unitPrice { amount formatted }
              lineTotal { amount } isAvailable problem { code message } }
    }
  }
}
"""

LINE = "id quantity isAvailable"
ADD = f"""
mutation($variant: ID!, $quantity: Int) {{
  cartAddLine(variant: $variant, quantity: $quantity) {{
    line {{ {LINE} }}
    cart {{ itemCount total {{ amount }} }}
    {ERRORS}
  }}
}}
"""
UPDATE = f"""
mutation($line: ID!, $quantity: Int!) {{
  cartUpdateLine(line: $line, quantity: $quantity) {{
    line {{ {LINE} }}
    cart {{ itemCount }}
    {ERRORS}
  }}
}}
"""
REMOVE = f"""
mutation($line: ID!) {{
  cartRemoveLine(line: $line) {{ cart {{ itemCount }} {ERRORS} }}
}}
"""


def vid(variant) -> str:
    return to_global_id("ProductVariant", variant.pk)


def lid(line) -> str:
    return to_global_id("CartLine", line.pk)


def codes(payload) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


def test_add_then_read_the_cart_grouped_by_business(gql, mutate, citizen, arepa, cafe):
    added = mutate(ADD, {"variant": vid(arepa), "quantity": 2}, user=citizen)
    assert added["errors"] == []
    assert added["line"]["quantity"] == 2 and added["line"]["isAvailable"] is True
    mutate(ADD, {"variant": vid(cafe)}, user=citizen)

    cart = gql(CART, user=citizen)["data"]["cart"]

    assert cart["itemCount"] == 3
    assert cart["total"] == {"amount": 41_000, "formatted": "$\u00a041.000"}
    assert [group["vendor"]["displayName"] for group in cart["vendors"]] == [
        "Arepas Doña Luz",
        "Café La Montañera",
    ]
    first = cart["vendors"][0]
    assert first["subtotal"]["amount"] == 9_000
    assert first["lines"][0]["unitPrice"]["formatted"] == "$\u00a04.500"
    assert first["lines"][0]["id"] == lid(CartLine.objects.get(variant=arepa))


@pytest.mark.parametrize(
    ("quantity", "code"), [(0, "quantity_out_of_range"), (100, "quantity_out_of_range")]
)
def test_refusals_come_back_as_errors_and_store_nothing(mutate, citizen, arepa, quantity, code):
    payload = mutate(ADD, {"variant": vid(arepa), "quantity": quantity}, user=citizen)

    assert codes(payload) == [("quantity", code)]
    assert payload["line"] is None and payload["cart"] is None
    assert not CartLine.objects.exists() and not Cart.objects.exists()


def test_stock_and_quote_rules_are_the_services(mutate, citizen, arepa, shop):
    assert codes(mutate(ADD, {"variant": vid(arepa), "quantity": 9}, user=citizen)) == [
        ("quantity", "insufficient_stock")
    ]
    quoted = service(shop, "Fotografía", pricing_mode="quote", price=0)
    assert codes(mutate(ADD, {"variant": vid(quoted)}, user=citizen)) == [("variant", "quote_only")]
    assert not CartLine.objects.exists()


def test_bad_and_unknown_variant_ids(mutate, citizen):
    assert codes(mutate(ADD, {"variant": "nope"}, user=citizen)) == [("variant", "invalid")]
    missing = to_global_id("ProductVariant", 999_999)
    assert codes(mutate(ADD, {"variant": missing}, user=citizen)) == [("variant", "not_found")]


def test_update_and_remove(mutate, citizen, arepa):
    mutate(ADD, {"variant": vid(arepa)}, user=citizen)
    line = CartLine.objects.get()

    updated = mutate(UPDATE, {"line": lid(line), "quantity": 4}, user=citizen)
    assert updated["line"]["quantity"] == 4 and updated["cart"]["itemCount"] == 4

    refused = mutate(UPDATE, {"line": lid(line), "quantity": 9}, user=citizen)
    assert codes(refused) == [("quantity", "insufficient_stock")]
    assert CartLine.objects.get().quantity == 4

    removed = mutate(UPDATE, {"line": lid(line), "quantity": 0}, user=citizen)
    assert removed["line"] is None and removed["cart"]["itemCount"] == 0
    assert not CartLine.objects.exists()

    mutate(ADD, {"variant": vid(arepa)}, user=citizen)
    payload = mutate(REMOVE, {"line": lid(CartLine.objects.get())}, user=citizen)
    assert payload["errors"] == [] and payload["cart"]["itemCount"] == 0


def test_another_users_line_is_not_found(mutate, citizen, arepa):
    other = UserFactory()
    theirs = CartLine.objects.create(
        cart=Cart.objects.create(user=other), variant=arepa, quantity=2
    )

    for document, variables in (
        (UPDATE, {"line": lid(theirs), "quantity": 1}),
        (REMOVE, {"line": lid(theirs)}),
    ):
        assert codes(mutate(document, variables, user=citizen)) == [("line", "not_found")]
    theirs.refresh_from_db()
    assert theirs.quantity == 2
    assert codes(mutate(REMOVE, {"line": vid(arepa)}, user=citizen)) == [("line", "invalid")]


def test_anonymous_clients_must_sign_in(gql, mutate, arepa):
    result = gql(CART)
    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "sign_in_required"
    assert result["errors"][0]["message"] == "Inicia sesión para usar tu carrito."

    payload = mutate(ADD, {"variant": vid(arepa)})
    assert codes(payload) == [(None, "sign_in_required")]
    assert not Cart.objects.exists()


def test_unavailable_lines_are_flagged(gql, mutate, citizen, arepa):
    mutate(ADD, {"variant": vid(arepa), "quantity": 2}, user=citizen)
    arepa.product.status = "unpublished"
    arepa.product.save(update_fields=["status"])

    cart = gql(CART, user=citizen)["data"]["cart"]

    (line,) = cart["vendors"][0]["lines"]
    assert line["isAvailable"] is False
    assert line["problem"]["code"] == "product_unavailable"
    assert cart["total"]["amount"] == 0 and cart["itemCount"] == 2


def test_cart_query_costs_constant_queries(gql, citizen, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from orders.services.cart import cart_add

    cart = Cart.objects.create(user=citizen)
    vendors = [storefront_vendor() for _ in range(3)]

    def fill(count, start):
        for index in range(start, start + count):
            variant = goods(vendors[index % 3], f"Producto {index}", price=1_000 + index)
            cart_add(cart=cart, variant=variant, quantity=1)

    def measure():
        gql(CART, user=citizen)  # signs in once
        with CaptureQueriesContext(connection) as captured:
            result = gql(CART, user=citizen)
        assert "errors" not in result, result
        return len(captured), result["data"]["cart"]["itemCount"]

    fill(1, 0)
    one, count = measure()
    assert count == 1
    fill(9, 1)
    ten, count = measure()
    assert count == 10
    assert one == ten, (one, ten)
