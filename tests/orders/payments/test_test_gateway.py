"""The test gateway and the payment pages: the simulated checkout marked "modo de prueba",
events signed with the local secret through the inbox, the return page that waits for them."""

import pytest
from django.urls import reverse

from marketplace.core.models import InboxMessage
from orders.models import Order
from orders.payments.models import Payment, SimulatedCharge
from orders.payments.services import payment_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(order):
    return payment_start(order=order, gateway="test")


def _decide(client, payment, decision, capture):
    charge = SimulatedCharge.objects.get(reference=payment.reference)
    with capture(execute=True):
        return client.post(
            reverse("payments:test_checkout", args=[charge.charge_id]), {"decision": decision}
        )


def test_the_simulated_page_is_marked_as_test_mode(client, started):
    assert started.action_type == "redirect"
    response = client.get(started.action_url.removeprefix("http://testserver"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Modo de prueba" in html and "$\xa08.500" in html
    for value in ("approve", "decline", "pending"):
        assert f'value="{value}"' in html


def test_approving_pays_the_order_through_the_inbox(
    client, started, django_capture_on_commit_callbacks
):
    response = _decide(client, started, "approve", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("payments:return", args=[started.token])
    started.refresh_from_db()
    assert started.status == "approved"
    assert started.order.status == Order.Status.PAID
    message = InboxMessage.objects.get(provider="test")
    assert message.signature_valid and message.status == "done"
    page = client.get(response["Location"])
    assert "Pago aprobado" in page.content.decode() and "Refresh" not in page


def test_declining_offers_a_retry_that_starts_a_new_payment(
    client, started, django_capture_on_commit_callbacks
):
    _decide(client, started, "decline", django_capture_on_commit_callbacks)
    page = client.get(reverse("payments:return", args=[started.token]))
    html = page.content.decode()
    assert "El pago no fue aprobado" in html and "Intentar de nuevo" in html
    retry = client.post(reverse("payments:retry", args=[started.token]))
    fresh = Payment.objects.exclude(pk=started.pk).get()
    assert retry["Location"] == fresh.action_url


def test_leaving_it_pending_shows_the_waiting_page_that_refreshes_itself(
    client, started, django_capture_on_commit_callbacks
):
    _decide(client, started, "pending", django_capture_on_commit_callbacks)
    page = client.get(reverse("payments:return", args=[started.token]))
    assert "Estamos confirmando tu pago" in page.content.decode()
    assert page["Refresh"] == "5"
    started.refresh_from_db()
    assert started.status == "pending"


def test_a_forged_test_event_is_refused(client, started):
    body = b'{"id": "evt_x", "charge": {"id": "sim_x", "status": "approved"}}'
    response = client.post(
        "/webhooks/test/", body, content_type="application/json", HTTP_X_TEST_SIGNATURE="00" * 32
    )
    assert response.status_code == 400
    assert started.order.status == Order.Status.AWAITING_PAYMENT


def test_unknown_payment_pages_are_404(client, started, payment_settings):
    import uuid

    assert client.get(reverse("payments:return", args=[uuid.uuid4()])).status_code == 404
    assert client.get(reverse("payments:test_checkout", args=["sim_nope"])).status_code == 404
    payment_settings.PAYMENT_GATEWAYS = ["wompi"]
    charge = SimulatedCharge.objects.get()
    url = reverse("payments:test_checkout", args=[charge.charge_id])
    assert client.get(url).status_code == 404


def test_a_payment_approved_after_the_order_expired_is_flagged_and_stock_stays_released(
    client, started, arepa, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from orders.services.lifecycle import orders_expire_due

    order = started.order
    assert orders_expire_due(now=timezone.now() + timedelta(hours=1)) == 1
    arepa.refresh_from_db()
    released = arepa.allocated_quantity
    _decide(client, started, "approve", django_capture_on_commit_callbacks)
    started.refresh_from_db()
    order.refresh_from_db()
    arepa.refresh_from_db()
    assert order.status == Order.Status.EXPIRED
    assert started.status == "approved" and started.flagged
    assert "expired" in started.flag_reason
    assert arepa.allocated_quantity == released


def test_the_stripe_page_allows_exactly_stripe_in_its_policy(client, fake_stripe, order):
    payment = payment_start(order=order, gateway="stripe")
    page = client.get(reverse("payments:stripe", args=[payment.token]))
    policy = page["Content-Security-Policy"]
    assert "https://js.stripe.com" in policy and "https://api.stripe.com" in policy
    assert "hooks.stripe.com" in policy
    assert payment.client_secret in page.content.decode()
    other = client.get(reverse("payments:return", args=[payment.token]))
    assert "stripe.com" not in other["Content-Security-Policy"]


def test_the_order_page_offers_the_gateways_and_pays_through_the_test_page(
    client, order, django_capture_on_commit_callbacks
):
    page = client.get(reverse("checkout:order", args=[order.token]))
    html = page.content.decode()
    assert 'value="test"' in html and 'value="wompi"' not in html  # wompi has no keys here
    assert "Ir a pagar" in html

    response = client.post(reverse("payments:pay", args=[order.token]), {"pasarela": "test"})
    payment = Payment.objects.get(order=order)
    assert response["Location"] == payment.action_url
    _decide(client, payment, "approve", django_capture_on_commit_callbacks)

    html = client.get(reverse("checkout:order", args=[order.token])).content.decode()
    assert "Ir a pagar" not in html
    assert payment.reference in html and "Aprobado" in html


def test_an_unknown_gateway_on_the_order_page_is_explained(client, order):
    response = client.post(reverse("payments:pay", args=[order.token]), {"pasarela": "paypal"})
    assert response["Location"] == reverse("checkout:order", args=[order.token])
    page = client.get(response["Location"])
    assert "Ese medio de pago no está disponible." in page.content.decode()
    assert not Payment.objects.exists()
