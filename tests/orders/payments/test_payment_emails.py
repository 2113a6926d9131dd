"""The buyer hears about their money: a declined payment (the order stays reserved for another
try) and a refund that reached them, once per event however often it is delivered."""

import pytest
from django.core import mail

from marketplace.core import outbox
from marketplace.core.attempts import Outcome
from marketplace.core.models import OutboxDelivery, OutgoingEmail, WorkStatus
from orders.payments.models import Refund
from orders.payments.services import payment_simulate, payment_start, refund_mark_done
from orders.services.lifecycle import order_cancel, vendor_order_cancel
from tests.orders.support import BUYER

pytestmark = pytest.mark.django_db


def _to_buyer() -> list:
    return [m for m in mail.outbox if m.to == [BUYER["email"]]]


def _deliver_again(handler: str) -> None:
    deliveries = OutboxDelivery.objects.filter(handler=handler)
    assert deliveries.exists()
    for delivery in deliveries:
        OutboxDelivery.objects.filter(pk=delivery.pk).update(status=WorkStatus.PENDING)
        assert outbox.deliver(delivery.pk) == Outcome.DONE


@pytest.fixture
def decide(django_capture_on_commit_callbacks):
    def run(payment, decision):
        with django_capture_on_commit_callbacks(execute=True):
            payment_simulate(payment=payment, decision=decision)

    return run


def test_a_declined_payment_tells_the_buyer_once_that_they_can_try_again(
    order, decide, django_capture_on_commit_callbacks
):
    payment = payment_start(order=order, gateway="test")
    mail.outbox.clear()

    decide(payment, "decline")
    [message] = _to_buyer()
    assert message.subject == f"El pago de tu pedido {order.number} no fue aprobado"
    assert "$\xa08.500" in message.body and f"/pedidos/{order.token}/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Intentar de nuevo" in html and f"/pedidos/{order.token}/" in html

    emails = OutgoingEmail.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        _deliver_again("payments.email_payment_failed")
    assert OutgoingEmail.objects.count() == emails
    assert len(_to_buyer()) == 1


def test_a_payment_declined_after_the_order_closed_is_no_news(order, decide, coordinator):
    payment = payment_start(order=order, gateway="test")
    order_cancel(order=order, by=coordinator, reason="Pedido duplicado")
    mail.outbox.clear()

    decide(payment, "decline")

    assert _to_buyer() == []  # nothing left to pay: asking to try again would mislead


def test_an_automatic_refund_tells_the_buyer_once(
    order, decide, vendor_member_of, django_capture_on_commit_callbacks
):
    payment = payment_start(order=order, gateway="test")
    decide(payment, "approve")
    part = order.vendor_orders.get()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        vendor_order_cancel(vendor_order=part, by=vendor_member_of(part.vendor), reason="Sin stock")

    assert Refund.objects.get().status == "done"
    [message] = [m for m in _to_buyer() if m.subject.startswith("Te devolvimos")]
    assert message.subject == f"Te devolvimos $ 8.500 del pedido {order.number}"
    assert "Arepas Doña Luz" in message.body
    [(html, _)] = message.alternatives
    assert "te devolvimos <strong>$\xa08.500</strong>" in html

    with django_capture_on_commit_callbacks(execute=True):
        _deliver_again("payments.email_refund_completed")
    assert len([m for m in _to_buyer() if m.subject.startswith("Te devolvimos")]) == 1


def test_a_refund_staff_carry_out_by_hand_tells_the_buyer_with_its_reference(
    two_vendor_order,
    shop,
    wompi,
    coordinator,
    vendor_member_of,
    client,
    django_capture_on_commit_callbacks,
):
    payment = payment_start(order=two_vendor_order, gateway="wompi")
    tx = wompi.pay(
        reference=payment.reference,
        amount_in_cents=two_vendor_order.total * 100,
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/webhooks/wompi/", wompi.event(tx), content_type="application/json")
    part = two_vendor_order.vendor_orders.get(vendor=shop)
    with django_capture_on_commit_callbacks(execute=True):
        vendor_order_cancel(vendor_order=part, by=vendor_member_of(shop), reason="Sin stock")
    refund = Refund.objects.get()
    assert refund.status == "manual"
    assert not [m for m in _to_buyer() if m.subject.startswith("Te devolvimos")]

    with django_capture_on_commit_callbacks(execute=True):
        refund_mark_done(refund=refund, by=coordinator, reference="TRF-<1>")

    [message] = [m for m in _to_buyer() if m.subject.startswith("Te devolvimos")]
    assert "Referencia del reembolso: TRF-<1>" in message.body
    [(html, _)] = message.alternatives
    assert "TRF-&lt;1&gt;" in html
