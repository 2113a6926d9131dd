"""Account deletion requests (Ley 1581) from the outside: a person asks, programme staff see the
request with its age and legal due date and carry it out; the account is anonymised, orders stay
with their amounts, and the person can no longer sign in."""

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.models import QuoteRequest
from marketplace.accounts.models import AccountDeletionRequest
from marketplace.accounts.privacy import deletion_request_carry_out, deletion_request_create
from marketplace.core.business_days import business_days_after
from marketplace.core.models import AuditEvent
from orders.models import Cart, Order
from tests.factories import PASSWORD, UserFactory, VendorMembershipFactory
from tests.pages.support import compile_catalogues

pytestmark = pytest.mark.django_db

REQUEST_MUTATION = """mutation($password: String!) {
  accountDeletionRequest(password: $password) {
    deletionRequest { dueOn status } errors { field code message }
  }
}"""


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


def test_a_person_asks_and_the_request_is_stored_with_its_legal_due_date(client, citizen):
    client.force_login(citizen)

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 302
    request = AccountDeletionRequest.objects.get(user=citizen)
    assert request.status == "pending" and request.created_at is not None
    today = timezone.localdate(request.created_at)
    assert request.due_on == business_days_after(today, 15)
    assert request.extended_due_on == business_days_after(request.due_on, 8)
    assert AuditEvent.objects.filter(action="deletion_requested", actor=citizen).exists()
    # Nothing is deleted until staff carry it out.
    citizen.refresh_from_db()
    assert citizen.is_active and citizen.email == "ciudadana@example.com"
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "Recibimos tu solicitud" in page


def test_the_legal_term_skips_sundays_and_holidays():
    # Friday 2026-12-04 + 15 business days: the Sundays and 8 December do not count.
    assert business_days_after(date(2026, 12, 4), 15) == date(2026, 12, 23)


def test_a_wrong_password_files_nothing(client, citizen):
    client.force_login(citizen)

    response = client.post(reverse("accounts:delete"), {"password": "incorrecta"})

    assert response.status_code == 400
    assert "La contraseña no es correcta." in response.content.decode()
    assert not AccountDeletionRequest.objects.exists()


def test_a_second_request_while_one_is_pending_is_refused(gql, citizen):
    first = gql(REQUEST_MUTATION, {"password": PASSWORD}, user=citizen)
    assert first["data"]["accountDeletionRequest"]["errors"] == []
    assert first["data"]["accountDeletionRequest"]["deletionRequest"]["status"] == "pending"

    second = gql(REQUEST_MUTATION, {"password": PASSWORD}, user=citizen)

    errors = second["data"]["accountDeletionRequest"]["errors"]
    assert [e["code"] for e in errors] == ["deletion_already_requested"]
    assert "Ya tienes una solicitud" in errors[0]["message"]
    assert AccountDeletionRequest.objects.filter(user=citizen).count() == 1


def test_the_only_owner_of_an_active_business_is_asked_to_hand_it_over(client):
    owner = VendorMembershipFactory().user
    client.force_login(owner)

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 400
    assert "Eres la única persona propietaria de un negocio activo" in response.content.decode()
    assert not AccountDeletionRequest.objects.exists()


def test_a_co_owner_may_leave(client):
    membership = VendorMembershipFactory()
    other = VendorMembershipFactory(vendor=membership.vendor).user
    client.force_login(other)

    assert client.post(reverse("accounts:delete"), {"password": PASSWORD}).status_code == 302
    assert AccountDeletionRequest.objects.filter(user=other).exists()


def test_a_citizen_cannot_open_the_staff_page(client, citizen):
    client.force_login(citizen)

    assert client.get(reverse("staff:data_requests")).status_code == 403


def test_anonymous_people_are_sent_to_log_in_for_the_staff_page(client):
    response = client.get(reverse("staff:data_requests"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_staff_see_pending_requests_with_age_and_due_date(client, coordinator, citizen):
    request = deletion_request_create(user=citizen, password=PASSWORD)
    AccountDeletionRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=30),
        due_on=timezone.localdate() - timezone.timedelta(days=5),
    )
    for n in range(5):
        deletion_request_create(user=UserFactory(email=f"p{n}@example.com"), password=PASSWORD)
    client.force_login(coordinator)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("staff:data_requests"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "ciudadana@example.com" in html and "30 días" in html and "vencido" in html
    assert reverse("staff:data_requests") in html  # in the console's navigation
    assert len(ctx.captured_queries) <= 10


def test_carrying_out_anonymises_and_keeps_the_orders(client, coordinator, citizen, history):
    request = deletion_request_create(user=citizen, password=PASSWORD)
    client.force_login(coordinator)

    response = client.post(reverse("staff:data_request_carry_out", args=[request.pk]))

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "done" and request.handled_by == coordinator
    citizen.refresh_from_db()
    assert citizen.email == f"eliminada-{citizen.pk}@anonimo.invalid"
    assert (citizen.first_name, citizen.last_name, citizen.phone) == ("", "", "")
    assert not citizen.is_active and not citizen.has_usable_password()
    # The order row stays with its number, amounts and date; the buyer's details go.
    order = Order.objects.get(pk=history.pk)
    assert (order.number, order.total, order.created_at) == (
        history.number,
        history.total,
        history.created_at,
    )
    assert order.user_id == citizen.pk
    assert order.vendor_orders.get().total == history.vendor_orders.get().total
    assert (order.first_name, order.phone, order.document_number, order.street_address) == (
        ("", "", "", "")
    )
    assert "ciudadana" not in order.email
    assert not Cart.objects.filter(user=citizen).exists()
    quote = QuoteRequest.objects.get()
    assert quote.requester is None and quote.name == quote.message == ""
    consent = citizen.privacy_consents.get()
    assert consent.ip_address is None and consent.user_agent == ""
    for action in ("account_erased", "deletion_request_done"):
        event = AuditEvent.objects.get(action=action)
        assert event.actor == coordinator
        assert "ciudadana" not in event.target_repr


def test_after_deletion_the_person_cannot_log_in(client, coordinator, citizen):
    request = deletion_request_create(user=citizen, password=PASSWORD)
    client.force_login(citizen)
    session_client_cookie = client.cookies["sessionid"].value
    deletion_request_carry_out(deletion_request=request, actor=coordinator)

    # The old session is over and the old password opens nothing.
    assert client.cookies["sessionid"].value == session_client_cookie
    assert client.get(reverse("accounts:account")).status_code == 302
    login = client.post(
        reverse("accounts:login"), {"username": "ciudadana@example.com", "password": PASSWORD}
    )
    assert login.status_code == 200 and not login.wsgi_request.user.is_authenticated
    assert client.get(reverse("accounts:account")).status_code == 302


def test_a_request_is_carried_out_once(client, coordinator, citizen):
    request = deletion_request_create(user=citizen, password=PASSWORD)
    client.force_login(coordinator)
    url = reverse("staff:data_request_carry_out", args=[request.pk])
    client.post(url)

    response = client.post(url, follow=True)

    assert "Esta solicitud ya fue atendida." in response.content.decode()
    assert AuditEvent.objects.filter(action="account_erased").count() == 1


def test_a_citizen_cannot_carry_out_a_request(client, citizen):
    other = UserFactory(email="otra@example.com")
    request = deletion_request_create(user=other, password=PASSWORD)
    client.force_login(citizen)

    response = client.post(reverse("staff:data_request_carry_out", args=[request.pk]))

    assert response.status_code == 403
    other.refresh_from_db()
    assert other.is_active and other.email == "otra@example.com"


def test_graphql_me_gives_only_the_persons_own_data(gql, citizen, history):
    UserFactory(email="otra@example.com")

    result = gql("{ me { personalData } }", user=citizen)

    data = json.loads(result["data"]["me"]["personalData"])
    assert data["cuenta"]["correo"] == "ciudadana@example.com"
    assert [o["numero"] for o in data["pedidos"]] == [history.number]
    assert "otra@example.com" not in result["data"]["me"]["personalData"]
    assert gql("{ me { personalData } }")["data"]["me"] is None
