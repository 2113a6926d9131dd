"""The order page offering several gateways, and the payments console (refunds owed, payments
to review), in a real browser at 360 and 1280 px (var/screenshots/payment-choice-*.png,
payment-refunds-due-*.png, payment-attention-*.png)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from orders.services.placement import checkout_complete
from tests.orders.support import cart_with, goods, ready_checkout, storefront_vendor

from .test_catalog_pages import reference_data  # noqa: F401 - fixture
from .test_payment_flow import _log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def orders(reference_data, live_server, settings):  # noqa: F811
    settings.SITE_URL = live_server.url
    settings.PAYMENT_GATEWAYS = ["test", "wompi", "stripe"]
    settings.WOMPI_PUBLIC_KEY = "pub_test_Q5yDA9xoKdePzhSGeVe9HAez7HgGORGf"
    settings.WOMPI_PRIVATE_KEY = "prv_test_3kF9aL0qWm"
    settings.WOMPI_EVENTS_SECRET = "test_events_Zx81kQ0e3Yq7"
    settings.WOMPI_INTEGRITY_SECRET = "test_integrity_VMVZhJ3sUu"
    settings.STRIPE_SECRET_KEY = "sk_test_51Fake"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_51Fake"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_fake_4f1c"
    arepas = goods(
        storefront_vendor(display_name="Arepas Doña Luz", slug="arepas-dona-luz"),
        "Arepa de chócolo",
        price=4_500,
        stock=10,
    )
    cafe = goods(
        storefront_vendor(display_name="Café La Montañera", slug="cafe-la-montanera"),
        "Café de origen 500 g",
        price=32_000,
        stock=5,
    )
    return [
        checkout_complete(token=ready_checkout(cart_with((arepas, 2), (cafe, 1))).token)
        for _ in range(3)
    ]


def test_the_buyer_chooses_among_the_gateways(page, orders, screenshot):
    page.goto(f"/pedidos/{orders[0].token}/")
    expect(page.get_by_role("group", name="Elige cómo pagar")).to_be_visible()
    expect(page.get_by_role("radio")).to_have_count(3)
    expect(
        page.get_by_text("Tarjeta de crédito o débito · PSE · Nequi · Bancolombia")
    ).to_be_visible()
    screenshot("payment-choice")


def test_staff_see_refunds_owed_and_payments_to_review(page, orders, screenshot):
    from marketplace.accounts.roles import Role
    from orders.payments.models import Payment, Refund
    from orders.payments.services import payment_refresh, payment_simulate, payment_start
    from orders.payments.services.refunds import refund_create
    from orders.services.lifecycle import order_expire
    from tests.factories import UserFactory

    paid, late, stuck = orders
    payment = payment_refresh(
        payment=payment_simulate(
            payment=payment_start(order=paid, gateway="test"), decision="approve"
        )
    )
    part = paid.vendor_orders.order_by("pk").first()
    refund = refund_create(
        payment=payment, amount=part.total, key="e2e", vendor_order=part, reason="Sin existencias"
    )
    # As Wompi leaves a partial refund: staff carry it out by hand.
    Refund.objects.filter(pk=refund.pk).update(
        status="manual", created_at=timezone.now() - timedelta(days=3)
    )
    late_payment = payment_start(order=late, gateway="test")
    order_expire(order=late, now=late.expires_at + timedelta(minutes=1))
    payment_refresh(payment=payment_simulate(payment=late_payment, decision="approve"))
    stuck_payment = payment_start(order=stuck, gateway="test")
    Payment.objects.filter(pk=stuck_payment.pk).update(
        created_at=timezone.now() - timedelta(hours=3)
    )
    coordinator = UserFactory(email="coordinacion@example.com", roles=[Role.COORDINATOR])

    _log_in(page, coordinator.email)
    page.goto("/consola/reembolsos/")
    expect(page.get_by_role("heading", name="Reembolsos por hacer", level=1)).to_be_visible()
    expect(page.get_by_text("quedan 12 días")).to_be_visible()
    screenshot("payment-refunds-due")
    page.get_by_label("Referencia de la transferencia o del trámite").fill("TRF-2026-118")
    page.get_by_role("button", name="Marcar reembolsado").click()
    expect(page.get_by_text("No hay reembolsos pendientes.")).to_be_visible()

    page.goto("/consola/pagos/revisar/")
    expect(page.get_by_role("heading", name="Pagos por revisar", level=1)).to_be_visible()
    expect(page.get_by_text("Sigue pendiente después del plazo", exact=False)).to_be_visible()
    screenshot("payment-attention")
    page.get_by_role("button", name="Devolver $\xa049.000").click()
    expect(page.get_by_text("Reembolso de $\xa049.000: Reembolsado.")).to_be_visible()
