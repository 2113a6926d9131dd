"""A payment's return link follows the order's rule: a guest's opens for whoever holds it (the
emailed and gateway links), a signed-in buyer's only for that buyer."""

import pytest
from django.urls import reverse

from orders.payments.services import payment_start
from orders.services.placement import checkout_complete
from tests.factories import UserFactory
from tests.orders.support import cart_with, goods, ready_checkout, storefront_vendor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _test_gateway(settings):
    settings.PAYMENT_GATEWAYS = ["test"]
    settings.SITE_URL = "http://testserver"


def _payment(user=None):
    variant = goods(storefront_vendor())
    order = checkout_complete(
        token=ready_checkout(cart_with((variant, 1), user=user)).token, user=user
    )
    return payment_start(order=order, gateway="test")


def test_a_guest_payment_link_opens_for_whoever_holds_it(client):
    payment = _payment()

    response = client.get(reverse("payments:return", args=[payment.token]))

    assert response.status_code == 200
    assert payment.order.number in response.content.decode()


def test_a_signed_in_buyers_payment_link_opens_only_for_them(client, citizen):
    payment = _payment(user=citizen)
    url = reverse("payments:return", args=[payment.token])

    assert client.get(url).status_code == 404
    assert client.post(reverse("payments:retry", args=[payment.token])).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(citizen)
    assert client.get(url).status_code == 200
