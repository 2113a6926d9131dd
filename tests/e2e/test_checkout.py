"""A guest buys from two businesses in a real browser, with and without script, at 360 and
1280 px: cart, checkout (details, a delivery choice per business, consent), confirmation with
each seller's legal details. Screenshots in var/screenshots/checkout-*.png."""

import re

import pytest
from playwright.sync_api import expect

from orders.models import Order
from vendors.models import Vendor

from .test_cart import NBSP, open_product, store  # noqa: F401 - fixtures
from .test_catalog_pages import _media, reference_data  # noqa: F401 - fixtures
from .test_vendor_pages import load_every_image

pytestmark = pytest.mark.e2e


@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def shopper(request, browser, viewport, live_server, municipalities):
    context = browser.new_context(
        viewport=viewport,
        locale="es-CO",
        base_url=live_server.url,
        java_script_enabled=request.param,
    )
    page = context.new_page()
    page.label = "js" if request.param else "nojs"
    yield page
    context.close()


def _shot(page, viewport, name):
    from .conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("load")
    page.screenshot(
        path=str(SCREENSHOTS / f"{name}-{page.label}-{viewport['width']}.png"), full_page=True
    )
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} overflows horizontally by {overflow}px"


@pytest.mark.usefixtures("store")
def test_a_guest_buys_from_two_businesses(shopper, viewport):
    page = shopper
    Vendor.objects.update(offers_pickup=True, offers_delivery=True)
    open_product(page, "Matera pintada a mano")
    page.get_by_role("radio", name=re.compile("Pequeña")).check()
    page.get_by_role("button", name="Agregar al carrito").click()
    open_product(page, "Arepas de chócolo x 5")
    page.get_by_label("Cantidad").fill("2")
    page.get_by_role("button", name="Agregar al carrito").click()

    page.goto("/carrito/")
    page.get_by_role("link", name="Continuar con la compra").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Finalizar compra")

    page.get_by_label("Correo electrónico:").fill("luz.restrepo@example.com")
    page.get_by_label("Nombres:").fill("Luz Marina")
    page.get_by_label("Apellidos:").fill("Restrepo Gómez")
    page.get_by_label("Celular o teléfono:").fill("300 123 4567")
    page.get_by_label("Tipo de documento:").select_option("CC")
    page.get_by_label("Número de documento:").fill("43123456")
    page.get_by_label("Municipio:").select_option("05001")
    page.get_by_label("Dirección:", exact=True).fill("Calle 10 # 43-25")
    page.get_by_label("Apartamento, edificio o barrio:").fill("Apto 301, Laureles")
    page.get_by_role("button", name="Guardar y ver costos de envío").click()

    # Delivery fees for Medellín are now known; one business delivers, the other is picked up.
    vendors = page.locator(".checkout-vendor")
    expect(vendors).to_have_count(2)
    vendors.nth(0).get_by_role("radio", name=re.compile("Domicilio")).check()
    vendors.nth(1).get_by_role("radio", name=re.compile("Recoger")).check()
    page.get_by_role("checkbox", name=re.compile("Autorizo")).check()
    page.get_by_role("checkbox", name=re.compile("Acepto los términos")).check()
    load_every_image(page)
    _shot(page, viewport, "checkout")

    page.get_by_role("button", name="Confirmar pedido").click()
    # The choices added a delivery fee: the page shows the new total before anything is placed.
    expect(page.locator(".message--info")).to_contain_text(f"el total es ${NBSP}57.000")
    assert not Order.objects.exists()
    expect(page.locator(".cart-total__row--grand")).to_contain_text(f"${NBSP}57.000")
    page.get_by_role("button", name="Confirmar pedido").click()
    order = Order.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Pedido {order.number}")
    expect(page.get_by_text("Esperando el pago").first).to_be_visible()
    parts = page.locator(".order-part")
    expect(parts).to_have_count(2)
    page.get_by_text("Datos del vendedor").first.click()
    expect(parts.nth(0)).to_contain_text("NIT")
    expect(page.locator(".cart-total__row--grand")).to_contain_text(
        f"${NBSP}{order.total:,}".replace(",", ".")
    )
    _shot(page, viewport, "order-confirmation")
    assert order.vendor_orders.count() == 2
