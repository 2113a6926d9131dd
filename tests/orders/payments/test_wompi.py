"""Wompi end to end against the loopback fake: Web Checkout URL, events through /webhooks/wompi/
and the inbox, re-reads of the transaction, voids, timeouts."""

import json
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.exceptions import ValidationError

from marketplace.core.inbox import inbox_process
from marketplace.core.models import AuditEvent, InboxMessage
from orders.models import Order
from orders.payments.gateways.wompi_signing import integrity_signature
from orders.payments.models import Payment
from orders.payments.services import payment_start

from .fakes import CARD_DECLINED, NEQUI_APPROVED, PSE_DECLINED

pytestmark = pytest.mark.django_db


@pytest.fixture
def post_event(client, django_capture_on_commit_callbacks):
    def post(body: bytes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/webhooks/wompi/", body, content_type="application/json")

    return post


def _start(order) -> Payment:
    return payment_start(order=order, gateway="wompi")


def _paid_audits(order) -> int:
    return AuditEvent.objects.filter(action="order.paid", target_id=str(order.pk)).count()


def test_web_checkout_url_carries_the_signed_amount_and_buyer(order, wompi):
    payment = _start(order)
    url = urlparse(payment.action_url)
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://checkout.wompi.co/p/"
    params = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert params["public-key"] == "pub_test_Q5yDA9xoKdePzhSGeVe9HAez7HgGORGf"
    assert params["currency"] == "COP"
    assert params["amount-in-cents"] == "850000"
    assert params["reference"] == payment.reference == f"{order.number}-1"
    assert params["signature:integrity"] == integrity_signature(
        reference=payment.reference,
        amount_in_cents=850000,
        currency="COP",
        secret="test_integrity_VMVZhJ3sUu",
    )
    assert params["redirect-url"] == f"http://testserver/pagos/{payment.token}/"
    assert params["customer-data:email"] == order.email
    assert params["customer-data:legal-id"] == order.document_number
    # Starting again (a second tab) resumes the same payment.
    assert _start(order).pk == payment.pk


def test_approved_card_pays_the_order_once_even_when_the_event_repeats(order, wompi, post_event):
    payment = _start(order)
    tx = wompi.pay(reference=payment.reference, amount_in_cents=850000)
    body = wompi.event(tx)

    first = post_event(body)
    again = post_event(body)

    assert first.status_code == again.status_code == 200
    assert first.json()["status"] == "accepted" and again.json()["status"] == "duplicate"
    payment.refresh_from_db()
    order.refresh_from_db()
    assert (payment.status, payment.provider_reference, payment.method) == (
        "approved",
        tx["id"],
        "CARD",
    )
    assert order.status == Order.Status.PAID and order.payment_reference == payment.reference
    assert _paid_audits(order) == 1
    assert InboxMessage.objects.filter(provider="wompi", signature_valid=True).count() == 1
    # The state applied was re-read from the API, not taken from the event.
    assert any(path == f"/v1/transactions/{tx['id']}" for _m, path, _h, _b in wompi.requests)


def test_declined_card_leaves_the_order_awaiting_payment_and_a_retry_is_a_new_payment(
    order, wompi, post_event
):
    payment = _start(order)
    tx = wompi.pay(reference=payment.reference, amount_in_cents=850000, card=CARD_DECLINED)
    post_event(wompi.event(tx))
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == "declined"
    assert order.status == Order.Status.AWAITING_PAYMENT
    retry = _start(order)
    assert retry.pk != payment.pk and retry.reference == f"{order.number}-2"


def test_nequi_pending_then_approved(order, wompi, post_event):
    payment = _start(order)
    tx = wompi.pay(
        reference=payment.reference, amount_in_cents=850000, method="NEQUI", phone=NEQUI_APPROVED
    )
    post_event(wompi.event(tx))
    payment.refresh_from_db()
    assert payment.status == "pending"
    settled = wompi.settle(tx["id"])
    post_event(wompi.event(settled))
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == "approved" and order.status == Order.Status.PAID


def test_pse_declined_bank(order, wompi, post_event):
    payment = _start(order)
    tx = wompi.pay(
        reference=payment.reference, amount_in_cents=850000, method="PSE", bank=PSE_DECLINED
    )
    post_event(wompi.event(wompi.settle(tx["id"])))
    payment.refresh_from_db()
    assert payment.status == "declined"


def test_a_late_pending_event_after_approval_changes_nothing(order, wompi, post_event):
    payment = _start(order)
    tx = wompi.pay(
        reference=payment.reference, amount_in_cents=850000, method="NEQUI", phone=NEQUI_APPROVED
    )
    pending_event = wompi.event(tx)
    post_event(wompi.event(wompi.settle(tx["id"])))
    response = post_event(pending_event)  # delivered late, out of order
    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == "approved"
    assert _paid_audits(order) == 1


def test_tampered_or_wrongly_signed_events_are_refused_and_change_nothing(order, wompi, post_event):
    payment = _start(order)
    tx = wompi.pay(reference=payment.reference, amount_in_cents=850000)
    event = json.loads(wompi.event(tx))
    event["data"]["transaction"]["amount_in_cents"] = 100
    forged = wompi.event(tx, secret="test_events_guessed")

    for body in (json.dumps(event).encode(), forged, b"not json", b"{}"):
        response = post_event(body)
        assert response.status_code == 400
        assert response.json()["code"] == "signature_invalid"

    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == "pending" and order.status == Order.Status.AWAITING_PAYMENT
    assert not InboxMessage.objects.filter(provider="wompi", signature_valid=True).exists()
    assert InboxMessage.objects.filter(provider="wompi", signature_valid=False).count() == 4


def test_an_amount_that_does_not_match_is_flagged_and_does_not_pay(order, wompi, post_event):
    payment = _start(order)
    tx = wompi.pay(reference=payment.reference, amount_in_cents=150000)  # someone edited it
    post_event(wompi.event(tx))
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.flagged and "amount 1500" in payment.flag_reason
    assert payment.provider_amount == 1500
    assert order.status == Order.Status.AWAITING_PAYMENT


def test_an_event_for_an_unknown_payment_is_recorded_without_effect(order, wompi, post_event):
    tx = wompi.pay(reference="TV-999999-1", amount_in_cents=850000)
    response = post_event(wompi.event(tx))
    assert response.status_code == 200
    message = InboxMessage.objects.get(provider="wompi")
    assert message.status == "done"
    assert not Payment.objects.exclude(order=order).exists()


def test_gateway_down_while_processing_is_retried_by_the_inbox(order, wompi, post_event):
    payment = _start(order)
    tx = wompi.pay(reference=payment.reference, amount_in_cents=850000)
    wompi.mode = "down"
    assert post_event(wompi.event(tx)).status_code == 200  # stored: Wompi will not resend it
    message = InboxMessage.objects.get(provider="wompi", signature_valid=True)
    assert message.status == "pending" and message.attempts == 1
    order.refresh_from_db()
    assert order.status == Order.Status.AWAITING_PAYMENT

    wompi.mode = "ok"
    inbox_process(message.pk)
    order.refresh_from_db()
    message.refresh_from_db()
    assert order.status == Order.Status.PAID and message.status == "done"


def test_a_slow_gateway_times_out(order, wompi, payment_settings):
    from orders.payments.gateways.base import GatewayUnavailable
    from orders.payments.services import payment_refresh

    payment = _start(order)
    tx = wompi.pay(reference=payment.reference, amount_in_cents=850000)
    payment_settings.PAYMENT_HTTP_TIMEOUT_SECONDS = 0.3
    wompi.mode, wompi.delay = "slow", 2
    with pytest.raises(GatewayUnavailable):
        payment_refresh(payment=payment, provider_reference=tx["id"])
    payment.refresh_from_db()
    assert payment.status == "pending"


def test_wompi_is_not_offered_under_its_minimum(order, wompi):
    from orders.payments.gateways import gateways_for_amount

    assert "wompi" not in gateways_for_amount(1499)
    assert "wompi" in gateways_for_amount(1500)
    Order.objects.filter(pk=order.pk).update(total=1000)
    order.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        _start(order)
    assert exc.value.error_dict["gateway"][0].code == "gateway_not_offered"
