"""Who hears about an order: the buyer at each step that concerns them, each business when it
has work, in Spanish, once per event and recipient however often the event is delivered."""

import pytest
from django.core import mail

from marketplace.core import outbox
from marketplace.core.attempts import Outcome
from marketplace.core.models import OutboxDelivery, OutgoingEmail, WorkStatus
from orders.models import VendorOrder
from orders.services import aftercare, lifecycle
from orders.services.placement import checkout_complete
from tests.factories import UserFactory

from .support import BUYER, cart_with, ready_checkout

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def order(arepa, cafe, shop, other_shop):
    shop.notice_email = "pedidos@arepas.example.com"
    shop.save(update_fields=["notice_email"])
    other_shop.notice_email = "ventas@cafe.example.com"
    other_shop.save(update_fields=["notice_email"])
    return checkout_complete(token=ready_checkout(cart_with((arepa, 2), (cafe, 1))).token)


def _owner(vendor):
    user = UserFactory()
    vendor.memberships.create(user=user, role="owner")
    return user


def _sent(to: str) -> list[str]:
    return [m.subject for m in mail.outbox if to in m.to]


def test_the_buyer_gets_the_order_with_each_sellers_legal_details(order):
    [message] = [m for m in mail.outbox if m.to == [BUYER["email"]]]
    assert message.subject == f"Recibimos tu pedido {order.number}"
    assert "Arepas Doña Luz" in message.body and "Café La Montañera" in message.body
    assert "NIT" in message.body and "Dirección para notificaciones" in message.body
    assert f"Total: $\xa0{order.total:,}".replace(",", ".") in message.body
    assert f"/pedidos/{order.token}/" in message.body
    assert "retracto" in message.body
    # Nothing is on its way to the businesses before the order is paid.
    assert _sent("pedidos@arepas.example.com") == []


def test_paying_tells_the_buyer_and_gives_each_business_its_own_part(order, coordinator):
    mail.outbox.clear()
    lifecycle.order_mark_paid(order=order, by=coordinator, reference="manual-1")

    assert _sent(BUYER["email"]) == [f"Pago confirmado: pedido {order.number}"]
    subject = f"Nuevo pedido pagado para preparar: {order.number}"
    assert _sent("pedidos@arepas.example.com") == [subject]
    assert _sent("ventas@cafe.example.com") == [subject]
    arepas = next(m for m in mail.outbox if m.to == ["pedidos@arepas.example.com"])
    assert "Arepa de chócolo" in arepas.body and "Café de origen" not in arepas.body
    assert "CC 43123456" in arepas.body  # what the business needs for its electronic invoice


def test_the_buyer_follows_each_business_part(order, coordinator, shop, other_shop):
    lifecycle.order_mark_paid(order=order, by=coordinator)
    owner, other_owner = _owner(shop), _owner(other_shop)
    mail.outbox.clear()
    arepas = VendorOrder.objects.get(order=order, vendor=shop)
    cafe = VendorOrder.objects.get(order=order, vendor=other_shop)

    lifecycle.vendor_order_ship(
        vendor_order=arepas, by=owner, carrier="Servientrega", tracking_code="SG-123"
    )
    lifecycle.vendor_order_cancel(vendor_order=cafe, by=other_owner, reason="Se dañó el lote")

    shipped, cancelled = sorted(_sent(BUYER["email"]))
    assert shipped.startswith("Arepas Doña Luz envió tu pedido")
    assert cancelled.startswith("Café La Montañera canceló su parte")
    body = next(m.body for m in mail.outbox if "canceló" in m.subject)
    assert "Se dañó el lote" in body
    assert "Te devolvemos $\xa036.000" in body  # its lines and its delivery


def test_a_retracto_and_a_complaint_reach_the_business(order, coordinator, shop):
    lifecycle.order_mark_paid(order=order, by=coordinator)
    owner = _owner(shop)
    part = VendorOrder.objects.get(order=order, vendor=shop)
    lifecycle.vendor_order_ship(vendor_order=part, by=owner, carrier="Propio")
    lifecycle.vendor_order_mark_delivered(vendor_order=part, by=owner)
    mail.outbox.clear()

    aftercare.order_retracto_request(vendor_order=part, reason="No era la talla")
    complaint = aftercare.order_complaint_create(
        order=order, kind="queja", message="Llegó dos días tarde.", vendor_order=part
    )

    assert f"Solicitud de retracto en el pedido {order.number}" in _sent(
        "pedidos@arepas.example.com"
    )
    assert f"PQR {complaint.case_number} sobre el pedido {order.number}" in _sent(
        "pedidos@arepas.example.com"
    )
    assert _sent(BUYER["email"]) == [f"Radicamos tu PQR {complaint.case_number}"]


def test_an_order_event_delivered_twice_sends_each_email_once(order, coordinator):
    lifecycle.order_mark_paid(order=order, by=coordinator)
    emails = OutgoingEmail.objects.count()
    sent = len(mail.outbox)

    for delivery in OutboxDelivery.objects.filter(handler__startswith="orders.email_"):
        OutboxDelivery.objects.filter(pk=delivery.pk).update(status=WorkStatus.PENDING)
        assert outbox.deliver(delivery.pk) == Outcome.DONE

    assert OutgoingEmail.objects.count() == emails
    assert len(mail.outbox) == sent
