"""How the buyer chooses a gateway: one configured gateway is simply used, several are offered
as a choice with the methods each takes, and the service refuses any other, on the page and in
the API alike."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from orders.payments.models import Payment
from orders.payments.services import payment_start
from orders.services.placement import checkout_complete
from tests.orders.support import cart_with, ready_checkout

pytestmark = pytest.mark.django_db

OPTIONS = """
query($token: UUID!) {
  order(token: $token) { paymentGateways paymentOptions { gateway label methods } }
}"""
COMPLETE = """
mutation($token: UUID!, $gateway: String) {
  checkoutComplete(token: $token, gateway: $gateway) {
    payment { gateway }
    errors { field code message }
  }
}"""


def _order_page(client, order) -> str:
    return client.get(reverse("checkout:order", args=[order.token])).content.decode()


def test_a_single_gateway_is_used_without_asking(client, order, payment_settings):
    payment_settings.PAYMENT_GATEWAYS = ["test"]
    html = _order_page(client, order)
    assert 'type="hidden" name="pasarela" value="test"' in html
    assert 'type="radio"' not in html and "Elige cómo pagar" not in html
    assert "Pagas con Pasarela de prueba" in html


def test_several_gateways_are_offered_with_their_methods(client, order, wompi, fake_stripe):
    html = _order_page(client, order)
    assert "Elige cómo pagar" in html
    for name in ("test", "wompi", "stripe"):
        assert f'type="radio" name="pasarela" value="{name}"' in html
    assert "PSE" in html and "Nequi" in html and "Tarjeta de crédito o débito" in html

    response = client.post(reverse("payments:pay", args=[order.token]), {"pasarela": "wompi"})
    payment = Payment.objects.get(order=order)
    assert payment.gateway == "wompi"
    assert response["Location"].startswith("https://checkout.wompi.co/p/")


def test_a_configured_gateway_left_out_of_the_settings_is_refused(client, order, wompi):
    # Wompi has its keys, but the programme did not enable it.
    from django.conf import settings

    settings.PAYMENT_GATEWAYS = ["test"]
    response = client.post(reverse("payments:pay", args=[order.token]), {"pasarela": "wompi"})
    assert response["Location"] == reverse("checkout:order", args=[order.token])
    assert "Ese medio de pago no está disponible." in _order_page(client, order)
    with pytest.raises(ValidationError) as refused:
        payment_start(order=order, gateway="wompi")
    assert refused.value.error_dict["gateway"][0].code == "gateway_unknown"
    assert not Payment.objects.exists()


def test_the_api_lists_the_options_and_takes_the_choice(gql, mutate, arepa, wompi, fake_stripe):
    token = ready_checkout(cart_with((arepa, 1))).token
    order = checkout_complete(token=token)
    data = gql(OPTIONS, {"token": str(order.token)})["data"]["order"]
    assert data["paymentGateways"] == ["test", "wompi", "stripe"]
    wompi_option = data["paymentOptions"][1]
    assert wompi_option["gateway"] == "wompi" and wompi_option["label"].startswith("Wompi")
    assert {"PSE", "Nequi"} <= set(wompi_option["methods"])
    assert data["paymentOptions"][2]["methods"] == ["Tarjeta de crédito o débito"]

    chosen = mutate(COMPLETE, {"token": str(token), "gateway": "stripe"})
    assert chosen["errors"] == [] and chosen["payment"]["gateway"] == "stripe"
    refused = mutate(COMPLETE, {"token": str(token), "gateway": "mercadopago"})
    assert [e["code"] for e in refused["errors"]] == ["gateway_unknown"]
    assert refused["errors"][0]["message"] == "Ese medio de pago no está disponible."
