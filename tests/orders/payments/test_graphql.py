"""Payments through the API: checkoutComplete(token, gateway) returns what the buyer does next;
order { payments refunds paymentGateways }; lists keep a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orders.services.placement import checkout_complete
from tests.orders.support import cart_with, ready_checkout

pytestmark = pytest.mark.django_db

COMPLETE = """
mutation($token: UUID!, $gateway: String) {
  checkoutComplete(token: $token, gateway: $gateway) {
    order { number status paymentGateways }
    payment { gateway status reference amount { amount } returnUrl
              action { type url clientSecret } }
    errors { field code message }
  }
}"""
ORDER = """
query($token: UUID!) {
  order(token: $token) {
    status paymentGateways
    payments { gateway status amount { amount formatted } }
    refunds { amount { amount } status }
  }
}"""
MY_ORDERS = """
{ me { orders(first: 20) { totalCount edges { node {
    number payments { gateway status amount { amount } } refunds { amount { amount } status }
} } } } }"""


@pytest.fixture
def ready_token(arepa, payment_settings):
    return ready_checkout(cart_with((arepa, 1))).token


def test_complete_with_the_test_gateway_redirects_to_the_simulated_page(mutate, ready_token):
    result = mutate(COMPLETE, {"token": str(ready_token), "gateway": "test"})
    assert result["errors"] == []
    assert result["order"]["status"] == "AWAITING_PAYMENT"
    # Wompi and Stripe are listed in settings but have no keys here: not offered.
    assert result["order"]["paymentGateways"] == ["test"]
    payment = result["payment"]
    assert (payment["gateway"], payment["status"], payment["amount"]["amount"]) == (
        "test",
        "PENDING",
        8_500,
    )
    assert payment["action"]["type"] == "REDIRECT"
    assert payment["action"]["url"].startswith("http://testserver/pagos/prueba/sim_")
    assert payment["returnUrl"].startswith("http://testserver/pagos/")
    # Completing again resumes the same payment.
    again = mutate(COMPLETE, {"token": str(ready_token), "gateway": "test"})
    assert again["payment"]["reference"] == payment["reference"]


def test_complete_with_wompi_and_stripe(mutate, ready_token, wompi, fake_stripe):
    result = mutate(COMPLETE, {"token": str(ready_token), "gateway": "wompi"})
    assert result["order"]["paymentGateways"] == ["test", "wompi", "stripe"]
    wompi_payment = result["payment"]
    assert wompi_payment["action"]["url"].startswith("https://checkout.wompi.co/p/?public-key=")
    stripe_payment = mutate(COMPLETE, {"token": str(ready_token), "gateway": "stripe"})["payment"]
    assert stripe_payment["action"]["type"] == "CLIENT_SECRET"
    assert stripe_payment["action"]["clientSecret"].startswith("pi_")
    assert stripe_payment["action"]["url"] is None


def test_an_unknown_or_down_gateway_leaves_the_order_waiting_with_a_typed_error(
    mutate, ready_token, fake_stripe
):
    unknown = mutate(COMPLETE, {"token": str(ready_token), "gateway": "paypal"})
    assert [e["code"] for e in unknown["errors"]] == ["gateway_unknown"]
    assert unknown["order"]["status"] == "AWAITING_PAYMENT" and unknown["payment"] is None
    fake_stripe.mode = "down"
    down = mutate(COMPLETE, {"token": str(ready_token), "gateway": "stripe"})
    (error,) = down["errors"]
    assert error["code"] == "gateway_unavailable" and error["field"] == "gateway"
    assert "intenta de nuevo" in error["message"]
    assert down["order"]["number"] == unknown["order"]["number"]


def test_the_order_shows_its_payments_and_refunds(
    gql, client, ready_token, coordinator, django_capture_on_commit_callbacks
):
    from orders.models import Order
    from orders.payments.services import payment_simulate, payment_start, refund_request

    order = checkout_complete(token=ready_token)
    payment = payment_start(order=order, gateway="test")
    with django_capture_on_commit_callbacks(execute=True):
        payment_simulate(payment=payment, decision="approve")
    payment.refresh_from_db()
    refund_request(payment=payment, amount=4_000, by=coordinator, reason="Un producto dañado")

    data = gql(ORDER, {"token": str(order.token)})["data"]["order"]
    assert data["status"] == "PAID" and data["paymentGateways"] == []
    assert data["payments"] == [
        {
            "gateway": "test",
            "status": "APPROVED",
            "amount": {"amount": 8_500, "formatted": "$\xa08.500"},
        }
    ]
    assert data["refunds"] == [{"amount": {"amount": 4_000}, "status": "DONE"}]
    assert Order.objects.get(pk=order.pk).status == "paid"


def test_my_orders_with_payments_cost_the_same_queries_for_one_or_many(
    gql, citizen, arepa, payment_settings
):
    from orders.payments.services import payment_start

    def place(n):
        for _ in range(n):
            cart = ready_checkout(cart_with((arepa, 1), user=citizen))
            payment_start(order=checkout_complete(token=cart.token, user=citizen), gateway="test")

    place(1)
    gql(MY_ORDERS, user=citizen)
    with CaptureQueriesContext(connection) as one:
        result = gql(MY_ORDERS, user=citizen)
    assert result["data"]["me"]["orders"]["totalCount"] == 1
    place(3)
    with CaptureQueriesContext(connection) as four:
        result = gql(MY_ORDERS, user=citizen)
    nodes = [edge["node"] for edge in result["data"]["me"]["orders"]["edges"]]
    assert len(nodes) == 4 and all(len(node["payments"]) == 1 for node in nodes)
    assert len(four) == len(one) <= 10
