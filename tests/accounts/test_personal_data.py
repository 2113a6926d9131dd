"""Data-subject rights (Ley 1581) from the outside: a signed-in person sees and downloads their
own data, and only theirs, at a bounded query cost."""

import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import QuoteRequest
from marketplace.core.money import format_cop
from orders.models import Order
from orders.services.placement import checkout_complete
from tests.factories import PrivacyConsentFactory, UserFactory
from tests.orders.support import cart_with, ready_checkout
from tests.pages.support import compile_catalogues

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


def test_a_person_downloads_their_data_as_json(client, citizen, history):
    someone_else = UserFactory(email="otra@example.com")
    QuoteRequest.objects.create(
        product=QuoteRequest.objects.get().product, name="Otra", email=someone_else.email,
        message="Mensaje de otra persona", requester=someone_else,
    )  # fmt: skip
    client.force_login(citizen)

    response = client.get(reverse("accounts:personal_data"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mis-datos.json"'
    data = json.loads(response.content)
    assert data["cuenta"]["correo"] == "ciudadana@example.com"
    assert settings.PRIVACY_POLICY_VERSION in [
        c["politica_version"] for c in data["autorizaciones"]
    ]
    assert [o["numero"] for o in data["pedidos"]] == [history.number]
    assert data["pedidos"][0]["documento"] == "CC 43123456"
    assert [q["mensaje"] for q in data["cotizaciones"]] == ["¿Hacen domicilios a Envigado?"]
    assert data["negocios"] == []
    assert "otra@example.com" not in response.content.decode()


def test_anonymous_people_are_sent_to_log_in(client):
    for name in ("accounts:personal_data", "accounts:personal_data_page", "accounts:delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_readable_page_lists_only_the_persons_own_data(client, citizen, history):
    other = UserFactory(email="otra@example.com", first_name="Otra")
    PrivacyConsentFactory(user=other)
    client.force_login(citizen)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("accounts:personal_data_page"))

    assert response.status_code == 200
    html = response.content.decode()
    assert history.number in html and "¿Hacen domicilios a Envigado?" in html
    assert f"Versión {settings.PRIVACY_POLICY_VERSION} de la política" in html
    assert format_cop(history.total) in html
    assert "otra@example.com" not in html
    # One query per section plus the session, user and pending request: not one per order.
    assert len(ctx.captured_queries) <= 12


def test_the_download_costs_the_same_with_more_orders(client, citizen, history):
    variant = Order.objects.get().vendor_orders.get().lines.get().variant
    for _ in range(3):
        checkout_complete(
            token=ready_checkout(cart_with((variant, 1), user=citizen)).token, user=citizen
        )
    client.force_login(citizen)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("accounts:personal_data"))

    assert len(json.loads(response.content)["pedidos"]) == 4
    assert len(ctx.captured_queries) <= 10


def test_the_account_page_links_to_every_right(client, citizen):
    client.force_login(citizen)

    html = client.get(reverse("accounts:account")).content.decode()

    for name in ("accounts:personal_data", "accounts:personal_data_page", "accounts:delete"):
        assert reverse(name) in html
    # Correcting: the same page edits name and phone.
    assert 'name="first_name"' in html and 'name="phone"' in html
