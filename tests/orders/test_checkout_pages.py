"""The buyer's pages with Django's client: checkout without script, confirmation with each
seller's legal details, the guest's token link, history in Mi cuenta, and refusals that keep
the buyer on the page with a Spanish message."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orders.models import Order
from orders.services.placement import checkout_complete
from orders.web import CART_SESSION_KEY
from tests.factories import UserFactory
from vendors.models import Vendor

from .support import cart_with, ready_checkout

pytestmark = pytest.mark.django_db

FORM = {
    "email": "compradora@example.com",
    "first_name": "Luz Marina",
    "last_name": "Restrepo",
    "phone": "300 123 4567",
    "document_type": "CC",
    "document_number": "43123456",
    "municipality": "05001",
    "street_address": "Calle 10 # 43-25",
    "address_details": "Apto 301",
    "postal_code": "",
    "accept_privacy_policy": "on",
    "accept_terms": "on",
}


def _guest_cart(client, *lines):
    cart = cart_with(*lines)
    session = client.session
    session[CART_SESSION_KEY] = str(cart.token)
    session.save()
    return cart


def test_a_guest_checks_out_from_two_businesses_without_script(
    client, arepa, cafe, shop, other_shop
):
    Vendor.objects.filter(pk__in=[shop.pk, other_shop.pk]).update(
        offers_pickup=True, offers_delivery=True
    )
    _guest_cart(client, (arepa, 2), (cafe, 1))
    page = client.get(reverse("checkout:start"))
    assert page.status_code == 200
    assert "Finalizar compra" in page.content.decode()
    # No municipality yet: delivery fees are unknown, so each business says how to see them.
    assert page.content.decode().count("Elige tu municipio para ver el costo del domicilio.") == 2

    choices = {f"entrega-{shop.pk}": "pickup", f"entrega-{other_shop.pk}": "delivery"}
    # The page showed a total without delivery: confirming first shows the new total.
    shown_before = client.post(
        reverse("checkout:start"), FORM | choices | {"accion": "confirmar", "total_visto": "41000"}
    )
    assert shown_before.status_code == 302
    assert shown_before["Location"] == reverse("checkout:start")
    assert not Order.objects.exists()
    again = client.get(reverse("checkout:start")).content.decode()
    assert "el total es $\xa045.000" in again
    assert 'name="total_visto" value="45000"' in again

    response = client.post(
        reverse("checkout:start"), FORM | choices | {"accion": "confirmar", "total_visto": "45000"}
    )
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:order", args=[order.token])
    assert order.delivery_total == 4_000  # pickup at the arepas, delivery from the café

    confirmation = client.get(response["Location"]).content.decode()
    assert order.number in confirmation
    assert shop.enrollment.legal_name in confirmation  # Ley 1480 art. 50
    assert "ventas@negocio.example.com" in confirmation
    assert "$\xa045.000" in confirmation


def test_missing_consent_keeps_the_buyer_on_the_checkout(client, arepa, shop):
    Vendor.objects.filter(pk=shop.pk).update(offers_delivery=True)
    _guest_cart(client, (arepa, 1))
    form = FORM | {"accion": "confirmar", "total_visto": "8500"}
    form.pop("accept_privacy_policy")
    response = client.post(reverse("checkout:start"), form)
    assert response.status_code == 400
    assert "Autoriza el tratamiento de tus datos personales" in response.content.decode()
    assert not Order.objects.exists()


def test_a_bad_municipality_and_phone_come_back_on_their_fields(client, arepa):
    _guest_cart(client, (arepa, 1))
    response = client.post(
        reverse("checkout:start"),
        FORM | {"municipality": "99999", "phone": "123", "accion": "actualizar"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Elige un municipio de la lista." in body
    assert "Escribe un teléfono válido" in body


def test_an_empty_cart_has_no_checkout(client):
    response = client.get(reverse("checkout:start"))
    assert response.status_code == 302 and response["Location"] == reverse("cart:detail")


def test_a_users_order_link_opens_only_for_them(client, arepa, citizen):
    order = checkout_complete(
        token=ready_checkout(cart_with((arepa, 1), user=citizen)).token, user=citizen
    )
    url = reverse("checkout:order", args=[order.token])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(citizen)
    assert client.get(url).status_code == 200
    other = "0f0e0d0c-0b0a-4908-8706-050403020100"
    assert client.get(reverse("checkout:order", args=[other])).status_code == 404


def test_a_complaint_from_the_order_page_gets_a_case_number(client, arepa):
    order = checkout_complete(token=ready_checkout(cart_with((arepa, 1))).token)
    response = client.post(
        reverse("checkout:complaint", args=[order.token]),
        {"tipo": "queja", "mensaje": "No me han contestado el teléfono."},
        follow=True,
    )
    assert "PQR-" in response.content.decode()
    assert order.complaints.count() == 1


def test_order_history_costs_the_same_queries_for_one_or_many(client, citizen, arepa, cafe):
    def place():
        cart = ready_checkout(cart_with((arepa, 1), (cafe, 1), user=citizen))
        checkout_complete(token=cart.token, user=citizen)

    client.force_login(citizen)
    place()
    client.get(reverse("checkout:history"))
    with CaptureQueriesContext(connection) as one:
        first = client.get(reverse("checkout:history"))
    for _ in range(3):
        place()
    with CaptureQueriesContext(connection) as four:
        page = client.get(reverse("checkout:history"))
    assert first.status_code == page.status_code == 200
    assert page.content.decode().count("TV-0") == 4
    assert len(four) == len(one)


def test_a_fixed_price_service_is_ordered_with_a_proposed_date(client, shop):
    from datetime import timedelta

    from django.utils import timezone

    from .support import service

    logo = service(shop, "Diseño de logo", price=350_000)
    _guest_cart(client, (logo, 1))
    day = (timezone.localdate() + timedelta(days=10)).isoformat()
    page = client.get(reverse("checkout:start")).content.decode()
    assert f'name="cita-{logo.pk}"' in page
    response = client.post(
        reverse("checkout:start"),
        FORM | {f"cita-{logo.pk}": day, "accion": "confirmar", "total_visto": "350000"},
    )
    assert response.status_code == 302
    order = Order.objects.get()
    part = order.vendor_orders.get()
    assert part.delivery_method == "none" and part.delivery_fee == 0
    assert part.lines.get().appointment_date.isoformat() == day


def test_a_quoted_service_cannot_be_checked_out(client, shop):
    from .support import service

    _guest_cart(client, (service(shop, "Diseño de empaque", price=200_000), 1))
    from catalog.models import Product

    Product.objects.filter(name="Diseño de empaque").update(pricing_mode="quote")
    response = client.post(
        reverse("checkout:start"), FORM | {"accion": "confirmar", "total_visto": "0"}
    )
    assert response.status_code == 400
    assert "Este servicio se cotiza" in response.content.decode()
    assert not Order.objects.exists()
