"""Paying an order with the test gateway in a real browser, with and without script: the order
page offers the gateways, the simulated page is marked "modo de prueba", approving lands on
the return page and the order is paid. A pending payment shows "estamos confirmando tu pago"
and the page updates itself when the event lands. Captured at 360 and 1280 px
(var/screenshots/payment-*.png)."""

import pytest
from playwright.sync_api import expect

from orders.models import Order
from orders.services.placement import checkout_complete
from tests.orders.support import cart_with, goods, ready_checkout, storefront_vendor

from .test_catalog_pages import reference_data  # noqa: F401 - fixture

pytestmark = pytest.mark.e2e


@pytest.fixture
def placed_order(reference_data, live_server, settings):  # noqa: F811
    settings.SITE_URL = live_server.url
    settings.PAYMENT_GATEWAYS = ["test"]
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
    return checkout_complete(token=ready_checkout(cart_with((arepas, 2), (cafe, 1))).token)


@pytest.mark.parametrize("script", [True, False], ids=["js", "nojs"])
def test_a_buyer_pays_with_the_test_gateway(
    browser, viewport, live_server, placed_order, script, screenshot, page
):
    context = browser.new_context(
        viewport=viewport, locale="es-CO", base_url=live_server.url, java_script_enabled=script
    )
    tab = context.new_page()
    try:
        tab.goto(f"/pedidos/{placed_order.token}/")
        expect(tab.get_by_role("heading", name="Paga $\xa049.000")).to_be_visible()
        # The only gateway configured is used without asking.
        expect(
            tab.get_by_text("Pagas con Pasarela de prueba (no se cobra dinero).")
        ).to_be_visible()
        tab.get_by_role("button", name="Ir a pagar").click()

        expect(tab.get_by_text("Modo de prueba")).to_be_visible()
        expect(tab.get_by_role("heading", name="Pasarela de prueba")).to_be_visible()
        if script:
            _shot(tab, screenshot, page, "payment-test-gateway")
        tab.get_by_role("button", name="Aprobar el pago").click()

        expect(tab.get_by_role("heading", name="Pago aprobado")).to_be_visible()
        if script:
            _shot(tab, screenshot, page, "payment-approved")
        placed_order.refresh_from_db()
        assert placed_order.status == Order.Status.PAID
    finally:
        context.close()


def test_a_pending_payment_waits_and_updates_itself(
    browser, viewport, live_server, placed_order, screenshot, page
):
    from orders.payments.models import Payment
    from orders.payments.services import payment_simulate

    context = browser.new_context(viewport=viewport, locale="es-CO", base_url=live_server.url)
    tab = context.new_page()
    try:
        tab.goto(f"/pedidos/{placed_order.token}/")
        tab.get_by_role("button", name="Ir a pagar").click()
        tab.get_by_role("button", name="Dejarlo pendiente").click()
        expect(tab.get_by_role("heading", name="Estamos confirmando tu pago")).to_be_visible()
        _shot(tab, screenshot, page, "payment-pending")
        # The provider's answer lands later; the page refreshes itself and shows it.
        from orders.payments.models import SimulatedCharge

        payment = Payment.objects.get(order=placed_order)
        SimulatedCharge.objects.filter(reference=payment.reference).update(status="pending")
        payment_simulate(payment=payment, decision="approve")
        expect(tab.get_by_role("heading", name="Pago aprobado")).to_be_visible(timeout=15_000)
    finally:
        context.close()


def _shot(tab, screenshot, page, name):
    """The shared `screenshot` fixture captures the fixture's `page`: point it at this tab."""
    page.goto(tab.url)
    page.wait_for_load_state("load")
    screenshot(name)


def _log_in(page, email):
    from tests.factories import PASSWORD

    page.goto("/cuenta/ingresar/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()


def test_settlement_pages_for_staff_and_the_business(page, placed_order, screenshot):
    from marketplace.accounts.roles import Role
    from orders.services.lifecycle import order_mark_paid
    from tests.factories import UserFactory, VendorMembershipFactory

    coordinator = UserFactory(email="coordinacion@example.com", roles=[Role.COORDINATOR])
    order_mark_paid(order=placed_order, by=coordinator, reference="manual")
    part = placed_order.vendor_orders.order_by("pk").first()
    member = VendorMembershipFactory(vendor=part.vendor).user

    _log_in(page, coordinator.email)
    page.goto("/consola/liquidaciones/")
    expect(page.get_by_role("heading", name="Liquidaciones", level=1)).to_be_visible()
    page.get_by_label("Referencia de la transferencia").first.fill("TRF-2026-001")
    page.get_by_role("button", name="Marcar pagada").first.click()
    expect(page.get_by_text("Pagada · TRF-2026-001")).to_be_visible()
    screenshot("payment-settlements-staff")

    page.context.clear_cookies()
    _log_in(page, member.email)
    page.goto("/vender/panel/liquidaciones/")
    expect(page.get_by_role("heading", name="Liquidaciones", level=1)).to_be_visible()
    expect(page.get_by_text("Pagada · TRF-2026-001")).to_be_visible()
    screenshot("payment-settlements-vendor")
