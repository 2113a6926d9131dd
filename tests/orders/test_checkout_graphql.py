"""The checkout API as an outside client uses it: checkoutCreate -> checkoutUpdate ->
checkout(token) -> checkoutComplete -> order(token); typed error codes; another person's
checkout or order unreachable; the list of one's orders in constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from orders.models import Order
from tests.factories import UserFactory
from vendors.models import Vendor

from .support import BUYER, cart_with, ready_checkout

pytestmark = pytest.mark.django_db

ERRORS = "errors { field code message }"
CREATE = f"""
mutation($lines: [CheckoutLineInput!]!) {{
  checkoutCreate(lines: $lines) {{ checkout {{ token isReady }} {ERRORS} }}
}}"""
UPDATE = f"""
mutation($token: UUID!, $input: CheckoutInput!) {{
  checkoutUpdate(token: $token, input: $input) {{ checkout {{ token }} {ERRORS} }}
}}"""
CHECKOUT = """
query($token: UUID!) {
  checkout(token: $token) {
    token isReady
    lines { quantity variant { sku } unitPrice { amount } }
    totals { subtotal { amount } delivery { amount } total { amount formatted }
             vat { rate base { amount } vat { amount } } }
    deliveryOptions { vendor { displayName } chosen
                      options { method fee { amount } available note } }
    problems { code field message }
  }
}"""
COMPLETE = f"""
mutation($token: UUID!) {{
  checkoutComplete(token: $token) {{
    order {{ number token status total {{ amount }}
            vendorOrders {{ vendor {{ displayName }} status seller {{ legalName nit }}
                           lines {{ productName quantity unitPrice {{ amount }} }} }} }}
    {ERRORS}
  }}
}}"""
ORDER = """
query($token: UUID!) { order(token: $token) { number status vendorOrders { status } } }
"""


def _gid(type_name, pk):
    return to_global_id(type_name, pk)


def _details(vendors, method="delivery"):
    Vendor.objects.filter(pk__in=[v.pk for v in vendors]).update(
        offers_pickup=True, offers_delivery=True
    )
    values = {k: v for k, v in BUYER.items() if k not in ("municipality", "street_address")}
    values.pop("address_details")
    values["documentType"] = values.pop("document_type")
    return {
        **{_camel(k): v for k, v in values.items()},
        "shippingAddress": {
            "municipality": "05001",
            "streetAddress": "Calle 10 # 43-25",
            "details": "Apto 301",
        },
        "deliveryChoices": [
            {"vendor": _gid("Vendor", v.pk), "method": method.upper()} for v in vendors
        ],
    }


def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def test_a_guest_buys_from_two_businesses_through_the_api(
    gql, mutate, arepa, cafe, shop, other_shop
):
    created = mutate(
        CREATE,
        {
            "lines": [
                {"variantId": _gid("ProductVariant", arepa.pk), "quantity": 2},
                {"variantId": _gid("ProductVariant", cafe.pk), "quantity": 1},
            ]
        },
    )
    assert created["errors"] == []
    token = created["checkout"]["token"]
    assert created["checkout"]["isReady"] is False

    updated = mutate(UPDATE, {"token": token, "input": _details([shop, other_shop])})
    assert updated["errors"] == []

    checkout = gql(CHECKOUT, {"token": token})["data"]["checkout"]
    assert checkout["isReady"] and checkout["problems"] == []
    assert checkout["totals"]["subtotal"]["amount"] == 2 * 4_500 + 32_000
    assert checkout["totals"]["delivery"]["amount"] == 8_000
    assert checkout["totals"]["total"]["formatted"] == "$\xa049.000"
    assert {d["chosen"] for d in checkout["deliveryOptions"]} == {"DELIVERY"}

    done = mutate(COMPLETE, {"token": token})
    assert done["errors"] == []
    order = done["order"]
    assert order["number"].startswith("TV-") and order["status"] == "AWAITING_PAYMENT"
    assert order["total"]["amount"] == 49_000
    assert {vo["status"] for vo in order["vendorOrders"]} == {"AWAITING_PAYMENT"}
    assert {vo["seller"]["legalName"] for vo in order["vendorOrders"]} == {
        shop.enrollment.legal_name,
        other_shop.enrollment.legal_name,
    }
    # Completing again answers with the same order.
    again = mutate(COMPLETE, {"token": token})
    assert again["order"]["number"] == order["number"]
    assert Order.objects.count() == 1

    status = gql(ORDER, {"token": order["token"]})["data"]["order"]
    assert status["number"] == order["number"]


def test_refusals_come_with_typed_codes_and_change_nothing(mutate, gql, arepa, shop):
    token = mutate(
        CREATE, {"lines": [{"variantId": _gid("ProductVariant", arepa.pk), "quantity": 1}]}
    )["checkout"]["token"]
    bad = mutate(
        UPDATE,
        {
            "token": token,
            "input": {
                "email": "no-es-correo",
                "shippingAddress": {"municipality": "99999"},
                "deliveryChoices": [{"vendor": _gid("Vendor", shop.pk), "method": "PICKUP"}],
            },
        },
    )
    codes = {(e["field"], e["code"]) for e in bad["errors"]}
    assert codes == {
        ("email", "invalid_email"),
        ("municipality", "unknown_municipality"),
        ("deliveryChoices", "delivery_method_unavailable"),
    }
    checkout = gql(CHECKOUT, {"token": token})["data"]["checkout"]
    assert {p["code"] for p in checkout["problems"]} >= {"consent_required", "required"}
    incomplete = mutate(COMPLETE, {"token": token})
    assert incomplete["order"] is None
    assert "consent_required" in {e["code"] for e in incomplete["errors"]}
    too_many = mutate(
        CREATE, {"lines": [{"variantId": _gid("ProductVariant", arepa.pk), "quantity": 9}]}
    )
    assert [e["code"] for e in too_many["errors"]] == ["insufficient_stock"]
    zero = mutate(
        CREATE, {"lines": [{"variantId": _gid("ProductVariant", arepa.pk), "quantity": 0}]}
    )
    assert [e["code"] for e in zero["errors"]] == ["quantity_out_of_range"]
    assert not Order.objects.exists()


def test_someone_elses_checkout_and_order_give_nothing(gql, mutate, arepa, citizen):
    cart = ready_checkout(cart_with((arepa, 1), user=citizen))
    stranger = UserFactory()
    assert gql(CHECKOUT, {"token": str(cart.token)}, user=stranger)["data"]["checkout"] is None
    refused = mutate(COMPLETE, {"token": str(cart.token)}, user=stranger)
    assert [e["code"] for e in refused["errors"]] == ["not_found"]
    done = mutate(COMPLETE, {"token": str(cart.token)}, user=citizen)
    token = done["order"]["token"]
    assert gql(ORDER, {"token": token}, user=stranger)["data"]["order"] is None
    assert gql(ORDER, {"token": token})["data"]["order"] is None
    assert gql(ORDER, {"token": token}, user=citizen)["data"]["order"]["status"] == (
        "AWAITING_PAYMENT"
    )
    unknown = "0f0e0d0c-0b0a-4908-8706-050403020100"
    assert gql(ORDER, {"token": unknown})["data"]["order"] is None


MY_ORDERS = """
query { me { orders(first: 20) { totalCount edges { node {
  number status total { amount } vat { rate vat { amount } }
  vendorOrders { status vendor { displayName } seller { nit } lines { productName quantity } }
} } } } }
"""


def test_my_orders_cost_the_same_queries_for_one_or_many(gql, citizen, arepa, cafe):
    def place(n):
        for _ in range(n):
            cart = ready_checkout(cart_with((arepa, 1), (cafe, 1), user=citizen))
            from orders.services.placement import checkout_complete

            checkout_complete(token=cart.token, user=citizen)

    place(1)
    gql(MY_ORDERS, user=citizen)  # logs in
    with CaptureQueriesContext(connection) as one:
        result = gql(MY_ORDERS, user=citizen)
    assert result["data"]["me"]["orders"]["totalCount"] == 1
    place(3)
    with CaptureQueriesContext(connection) as four:
        result = gql(MY_ORDERS, user=citizen)
    assert result["data"]["me"]["orders"]["totalCount"] == 4
    assert len(four) == len(one) <= 12
