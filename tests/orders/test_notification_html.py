"""Order emails arrive as HTML with a plain-text alternative: the same facts in both, buyer
input escaped in the HTML and left as typed in the text."""

import pytest
from django.core import mail

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
    return checkout_complete(token=ready_checkout(cart_with((arepa, 2), (cafe, 1))).token)


def _html(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def _cop(amount: int) -> str:
    return f"$\xa0{amount:,}".replace(",", ".")


def test_the_order_email_has_an_html_version_with_lines_totals_and_sellers(order):
    [message] = [m for m in mail.outbox if m.to == [BUYER["email"]]]
    html = _html(message)

    assert '<html lang="es-co">' in html  # the site's language, as on its pages
    assert f"Recibimos tu pedido {order.number}" in html
    assert "Arepa de chócolo" in html and "Café de origen" in html
    assert "Arepas Doña Luz" in html and "Café La Montañera" in html
    assert "NIT" in html and "Dirección para notificaciones" in html
    assert _cop(order.total) in html and _cop(order.subtotal) in html
    assert "IVA incluido" in html
    assert f"/pedidos/{order.token}/" in html
    assert "Ley 1480" in html
    assert "porque hiciste un pedido" in html  # why the buyer gets it
    # The text version is still there, as text.
    assert f"Total: {_cop(order.total)}" in message.body and "<" not in message.body


def test_the_business_gets_its_new_order_as_html(order, coordinator):
    mail.outbox.clear()
    lifecycle.order_mark_paid(order=order, by=coordinator, reference="manual-1")

    [message] = [m for m in mail.outbox if m.to == ["pedidos@arepas.example.com"]]
    html = _html(message)
    assert "Nuevo pedido pagado para preparar" in html
    assert "Arepa de chócolo" in html and "Café de origen" not in html
    assert "CC 43123456" in html
    assert "porque tu negocio vende" in html
    [paid] = [m for m in mail.outbox if m.to == [BUYER["email"]]]
    assert "Pago confirmado" in _html(paid) and _cop(order.total) in _html(paid)


def test_buyer_input_is_escaped_in_html_and_kept_as_typed_in_text(order, coordinator, shop):
    lifecycle.order_mark_paid(order=order, by=coordinator)
    owner = UserFactory()
    shop.memberships.create(user=owner, role="owner")
    part = VendorOrder.objects.get(order=order, vendor=shop)
    mail.outbox.clear()

    typed = '<img src=x onerror="alert(1)"> Llegó tarde & frío'
    aftercare.order_complaint_create(order=order, kind="queja", message=typed, vendor_order=part)

    for message in mail.outbox:
        html = _html(message)
        assert "<img" not in html
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Llegó tarde &amp; frío" in html
        assert typed in message.body
    assert {m.to[0] for m in mail.outbox} == {BUYER["email"], "pedidos@arepas.example.com"}


def test_every_status_email_to_the_buyer_has_an_html_version(order, coordinator, shop, other_shop):
    lifecycle.order_mark_paid(order=order, by=coordinator)
    owner, other_owner = UserFactory(), UserFactory()
    shop.memberships.create(user=owner, role="owner")
    other_shop.memberships.create(user=other_owner, role="owner")
    arepas = VendorOrder.objects.get(order=order, vendor=shop)
    cafe = VendorOrder.objects.get(order=order, vendor=other_shop)
    mail.outbox.clear()

    lifecycle.vendor_order_ship(
        vendor_order=arepas, by=owner, carrier="Servientrega", tracking_code="SG-123"
    )
    lifecycle.vendor_order_mark_delivered(vendor_order=arepas, by=owner)
    lifecycle.vendor_order_cancel(vendor_order=cafe, by=other_owner, reason="Se dañó el lote")

    html = {m.subject: _html(m) for m in mail.outbox if m.to == [BUYER["email"]]}
    assert len(html) == 3
    shipped = next(v for k, v in html.items() if "envió" in k)
    assert "Servientrega" in shipped and "SG-123" in shipped
    delivered = next(v for k, v in html.items() if k.startswith("Entregado"))
    assert "retracto" in delivered
    cancelled = next(v for k, v in html.items() if "canceló" in k)
    assert "Se dañó el lote" in cancelled and f"Te devolvemos <strong>{_cop(36_000)}" in cancelled
