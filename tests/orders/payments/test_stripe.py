"""Stripe against the loopback fake: PaymentIntents with idempotency keys and COP x 100,
webhooks verified by the library (bad, stale, duplicate, out of order), refunds per vendor
order, and a Stripe that does not answer."""

import time

import pytest
from django.core.exceptions import ValidationError

from marketplace.core.models import AuditEvent, InboxMessage
from orders.models import Order
from orders.payments.models import Payment, Refund
from orders.payments.services import payment_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def post_event(client, django_capture_on_commit_callbacks):
    def post(payload: str, header: str):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/webhooks/stripe/",
                payload,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=header,
            )

    return post


def _create_calls(fake):
    return [r for r in fake.requests if r[0] == "POST" and r[1] == "/v1/payment_intents"]


def test_an_intent_per_order_in_minor_units_with_an_idempotency_key(order, fake_stripe):
    payment = payment_start(order=order, gateway="stripe")

    intent = fake_stripe.intents[payment.provider_reference]
    assert intent["amount"] == 850_000 and intent["currency"] == "cop"
    assert intent["metadata"]["reference"] == payment.reference
    assert payment.action_type == "client_secret"
    assert payment.client_secret == intent["client_secret"]
    (_m, _p, headers, _b) = _create_calls(fake_stripe)[0]
    assert headers["Idempotency-Key"] == f"payment-{payment.reference}"
    # Resuming never creates a second intent.
    assert payment_start(order=order, gateway="stripe").pk == payment.pk
    assert len(_create_calls(fake_stripe)) == 1


def test_stripe_down_at_start_gives_a_spanish_retry_message_and_loses_nothing(order, fake_stripe):
    fake_stripe.mode = "down"
    with pytest.raises(ValidationError) as exc:
        payment_start(order=order, gateway="stripe")
    error = exc.value.error_dict["gateway"][0]
    assert error.code == "gateway_unavailable" and "intenta de nuevo" in error.message
    order.refresh_from_db()
    assert order.status == Order.Status.AWAITING_PAYMENT
    payment = Payment.objects.get(order=order)
    assert payment.status == "pending" and not payment.action_type

    fake_stripe.mode = "ok"
    resumed = payment_start(order=order, gateway="stripe")
    assert resumed.pk == payment.pk and resumed.client_secret
    # The same idempotency key both times: Stripe would answer with the same intent.
    keys = {r[2]["Idempotency-Key"] for r in _create_calls(fake_stripe)}
    assert keys == {f"payment-{payment.reference}"}


def test_stripe_timing_out_at_start(order, fake_stripe, payment_settings):
    payment_settings.PAYMENT_HTTP_TIMEOUT_SECONDS = 0.3
    fake_stripe.mode, fake_stripe.delay = "slow", 2
    with pytest.raises(ValidationError) as exc:
        payment_start(order=order, gateway="stripe")
    assert exc.value.error_dict["gateway"][0].code == "gateway_unavailable"


def test_succeeded_event_pays_once_and_out_of_order_events_end_the_same(
    order, fake_stripe, post_event
):
    payment = payment_start(order=order, gateway="stripe")
    pi = payment.provider_reference
    processing = fake_stripe.event("payment_intent.processing", fake_stripe.process(pi))
    succeeded = fake_stripe.event("payment_intent.succeeded", fake_stripe.succeed(pi))

    assert post_event(*succeeded).status_code == 200
    assert post_event(*processing).status_code == 200  # arrives late
    assert post_event(*succeeded).json()["status"] == "duplicate"

    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == "approved" and order.status == Order.Status.PAID
    assert AuditEvent.objects.filter(action="order.paid", target_id=str(order.pk)).count() == 1


def test_a_declined_card_then_another_card_that_succeeds(order, fake_stripe, post_event):
    payment = payment_start(order=order, gateway="stripe")
    pi = payment.provider_reference
    post_event(*fake_stripe.event("payment_intent.payment_failed", fake_stripe.decline(pi)))
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == "declined" and order.status == Order.Status.AWAITING_PAYMENT
    post_event(*fake_stripe.event("payment_intent.succeeded", fake_stripe.succeed(pi)))
    payment.refresh_from_db()
    assert payment.status == "approved"


def test_bad_or_stale_signatures_are_refused(order, fake_stripe, post_event):
    payment = payment_start(order=order, gateway="stripe")
    intent = fake_stripe.succeed(payment.provider_reference)
    payload, _header = fake_stripe.event("payment_intent.succeeded", intent)
    _p, wrong = fake_stripe.event("payment_intent.succeeded", intent, secret="whsec_guess")
    _p, stale = fake_stripe.event(
        "payment_intent.succeeded", intent, timestamp=int(time.time()) - 301
    )
    for header in (wrong, stale, "", "t=1,v1=abc"):
        response = post_event(payload, header)
        assert response.status_code == 400
    # The right header on an altered body fails too.
    good_payload, good_header = fake_stripe.event("payment_intent.succeeded", intent)
    assert post_event(good_payload.replace("850000", "85000"), good_header).status_code == 400
    payment.refresh_from_db()
    assert payment.status == "pending"
    assert not InboxMessage.objects.filter(provider="stripe", signature_valid=True).exists()


def test_an_amount_mismatch_is_flagged(order, fake_stripe, post_event):
    payment = payment_start(order=order, gateway="stripe")
    pi = payment.provider_reference
    fake_stripe.intents[pi]["amount"] = 100
    post_event(*fake_stripe.event("payment_intent.succeeded", fake_stripe.succeed(pi)))
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.flagged and order.status == Order.Status.AWAITING_PAYMENT


def test_a_cancelled_vendor_order_is_refunded_through_stripe(
    two_vendor_order,
    fake_stripe,
    post_event,
    shop,
    vendor_member_of,
    django_capture_on_commit_callbacks,
):
    from orders.services.lifecycle import vendor_order_cancel

    order = two_vendor_order
    payment = payment_start(order=order, gateway="stripe")
    pi = payment.provider_reference
    post_event(*fake_stripe.event("payment_intent.succeeded", fake_stripe.succeed(pi)))
    part = order.vendor_orders.get(vendor=shop)

    with django_capture_on_commit_callbacks(execute=True):
        vendor_order_cancel(vendor_order=part, by=vendor_member_of(shop), reason="Sin harina hoy")

    refund = Refund.objects.get()
    assert (refund.amount, refund.status, refund.vendor_order_id) == (17_500, "done", part.pk)
    (stripe_refund,) = fake_stripe.refunds.values()
    assert stripe_refund["amount"] == 1_750_000 and stripe_refund["payment_intent"] == pi
    part.refresh_from_db()
    assert part.refund_status == "done"
