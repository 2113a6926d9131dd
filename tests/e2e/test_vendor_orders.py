"""A business fulfils a paid order in a real browser, without script: the nav counts it, the
detail shows the buyer's invoice data, the shipment form moves it on. Captured at 360 and 1280
px (var/screenshots/vendor-orders-*.png, vendor-order-*.png)."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from marketplace.accounts.roles import Role
from orders.models import VendorOrder
from orders.services import lifecycle
from orders.services.placement import checkout_complete
from tests.factories import UserFactory
from tests.orders.support import cart_with, goods, ready_checkout, storefront_vendor

from .test_vendor_pages import log_in

pytestmark = pytest.mark.e2e

OWNER = "dona.luz@example.com"


@pytest.fixture
def paid(municipalities):
    import_module("vendors.migrations.0002_reference_data").load(django_apps, None)
    import_module("catalog.migrations.0002_category_tree").load(django_apps, None)
    owner = UserFactory(email=OWNER, roles=[Role.CITIZEN, Role.VENDOR_MEMBER])
    staff = UserFactory(roles=[Role.COORDINATOR])
    shop = storefront_vendor(display_name="Arepas Doña Luz", slug="arepas-dona-luz")
    shop.memberships.create(user=owner, role="owner")
    other = storefront_vendor(display_name="Café La Montañera", slug="cafe-la-montanera")
    arepa = goods(shop, "Arepa de chócolo x 5", price=12_500, stock=20)
    cafe = goods(other, "Café de origen 500 g", price=32_000, stock=20)
    cart = ready_checkout(cart_with((arepa, 2), (cafe, 1)))
    order = checkout_complete(token=cart.token)
    lifecycle.order_mark_paid(order=order, by=staff)
    return VendorOrder.objects.get(order=order, vendor=shop)


def test_a_business_ships_a_paid_order(page, screenshot, paid):
    page.goto("/cuenta/ingresar/?next=/vender/panel/pedidos/")
    log_in(page, OWNER)
    page.goto("/vender/panel/pedidos/")

    nav = page.get_by_role("navigation", name="Secciones del panel")
    expect(nav.get_by_role("link", name="Pedidos 1 por preparar")).to_be_visible()
    expect(page.get_by_text("1 pedido pagado por preparar")).to_be_visible()
    screenshot("vendor-orders")

    page.get_by_role("link", name=paid.order.number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(paid.order.number)
    expect(page.get_by_text("Arepa de chócolo x 5")).to_be_visible()
    expect(page.get_by_text("Café de origen")).to_have_count(0)
    screenshot("vendor-order")

    page.get_by_label("Transportadora o quién lo lleva").fill("Servientrega")
    page.get_by_label("Número de guía (opcional)").fill("SG-2026-77")
    page.get_by_role("button", name="Marcar como enviado").click()

    expect(page.get_by_text("Marcamos el pedido como enviado")).to_be_visible()
    expect(page.get_by_role("button", name="Marcar como entregado")).to_be_visible()
    screenshot("vendor-order-shipped")
    assert VendorOrder.objects.get(pk=paid.pk).status == "shipped"


def test_staff_see_every_order_and_filter_by_business(page, screenshot, paid):
    UserFactory(email="coordinacion@example.com", roles=[Role.COORDINATOR])
    page.goto("/cuenta/ingresar/?next=/consola/pedidos/")
    log_in(page, "coordinacion@example.com")
    page.goto("/consola/pedidos/")

    expect(page.get_by_text(paid.order.number)).to_be_visible()
    page.get_by_label("Negocio", exact=True).select_option(label="Café La Montañera")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.get_by_text(paid.order.number)).to_be_visible()
    screenshot("staff-orders")
