"""Payment outcomes reach Prometheus: each status a payment moves to is counted once, by
gateway, when the change commits."""

import pytest

from orders.payments.services import payment_simulate, payment_start
from orders.services.placement import checkout_complete
from tests.metrics_support import scrape, value
from tests.orders.support import cart_with, ready_checkout

pytestmark = pytest.mark.django_db

PAYMENTS = "tienda_payments_total"


def test_approved_and_declined_payments_are_counted_by_gateway(
    client, settings, order, arepa, django_capture_on_commit_callbacks
):
    before = scrape(client, settings)
    approved = payment_start(order=order, gateway="test")
    other = checkout_complete(token=ready_checkout(cart_with((arepa, 1))).token)
    declined = payment_start(order=other, gateway="test")
    with django_capture_on_commit_callbacks(execute=True):
        payment_simulate(payment=approved, decision="approve")
        payment_simulate(payment=declined, decision="decline")
        # The same event again changes nothing and counts nothing.
        payment_simulate(payment=approved, decision="approve")
    after = scrape(client, settings)

    def delta(status):
        return value(after, PAYMENTS, gateway="test", status=status) - value(
            before, PAYMENTS, gateway="test", status=status
        )

    assert (delta("approved"), delta("declined"), delta("error")) == (1, 1, 0)
