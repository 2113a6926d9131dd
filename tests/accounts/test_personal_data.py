"""Data-subject rights (Ley 1581) from the outside: a signed-in person downloads their data
and erases their account; orders stay as legal records, the rest of what identifies them goes."""

import json

import pytest
from django.conf import settings
from django.urls import reverse

from catalog.models import QuoteRequest
from marketplace.core.models import AuditEvent
from orders.models import Cart, Order
from orders.services.placement import checkout_complete
from tests.factories import PASSWORD, PrivacyConsentFactory, UserFactory
from tests.orders.support import cart_with, goods, ready_checkout, storefront_vendor
from tests.pages.support import compile_catalogues

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


@pytest.fixture
def history(citizen):
    """The citizen's consent, a placed order, a cart with a line and a quote request."""
    variant = goods(storefront_vendor(display_name="Arepas Doña Luz"))
    PrivacyConsentFactory(user=citizen, ip_address="203.0.113.7", user_agent="Firefox")
    order = checkout_complete(
        token=ready_checkout(cart_with((variant, 1), user=citizen)).token, user=citizen
    )
    cart_with((variant, 2), user=citizen)
    QuoteRequest.objects.create(
        product=variant.product,
        requester=citizen,
        name="Luz Marina",
        email=citizen.email,
        phone="3001234567",
        message="¿Hacen domicilios a Envigado?",
    )
    return order


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
    for name in ("accounts:personal_data", "accounts:delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_erasure_needs_the_password_and_a_wrong_one_changes_nothing(client, citizen, history):
    client.force_login(citizen)
    assert client.get(reverse("accounts:delete")).status_code == 200

    response = client.post(reverse("accounts:delete"), {"password": "incorrecta"})

    assert response.status_code == 400
    assert "La contraseña no es correcta." in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.is_active and citizen.email == "ciudadana@example.com"
    assert Cart.objects.filter(user=citizen).exists()


def test_erasure_anonymises_the_account_and_keeps_the_orders(client, citizen, history):
    client.force_login(citizen)

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == reverse("home")
    citizen.refresh_from_db()
    assert citizen.email == f"eliminada-{citizen.pk}@anonimo.invalid"
    assert (citizen.first_name, citizen.last_name, citizen.phone) == ("", "", "")
    assert not citizen.is_active and not citizen.has_usable_password()
    assert not citizen.groups.exists()
    # Signed out, and the old password opens nothing.
    assert client.get(reverse("accounts:account")).status_code == 302
    login = client.post(
        reverse("accounts:login"), {"username": "ciudadana@example.com", "password": PASSWORD}
    )
    assert login.status_code == 200 and "_auth_user_id" not in client.session
    # The order is a legal record: kept whole.
    order = Order.objects.get(pk=history.pk)
    assert (order.number, order.document_number, order.total) == (
        history.number,
        "43123456",
        history.total,
    )
    assert not Cart.objects.filter(user=citizen).exists()
    quote = QuoteRequest.objects.get()
    assert quote.requester is None and quote.name == quote.message == quote.phone == ""
    assert "ciudadana" not in quote.email
    consent = citizen.privacy_consents.get()
    assert consent.ip_address is None and consent.user_agent == ""
    event = AuditEvent.objects.get(action="account_erased")
    assert "ciudadana" not in f"{event.actor_repr} {event.target_repr}"


def test_a_member_of_a_business_team_is_asked_to_leave_it_first(client, vendor_owner):
    client.force_login(vendor_owner)
    email = vendor_owner.email

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 400
    assert "Haces parte del equipo de un negocio" in response.content.decode()
    vendor_owner.refresh_from_db()
    assert vendor_owner.is_active and vendor_owner.email == email


def test_the_account_page_links_to_both_rights(client, citizen):
    client.force_login(citizen)

    html = client.get(reverse("accounts:account")).content.decode()

    assert reverse("accounts:personal_data") in html and reverse("accounts:delete") in html
