"""The cart in a real browser, without a line of script: add goods from their product pages
(an option, a quantity), see the header count, then the cart grouped by business with
subtotals, the total with IVA included, a quantity change and a removal. Captured at 360 and
1280 px (var/screenshots/cart-*.png)."""

import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from catalog.models import Category, Product
from catalog.services.images import product_image_add
from tests.factories import ProductFactory, VariantFactory

from .test_catalog_pages import _media, _photo, reference_data  # noqa: F401 - fixtures
from .test_vendor_pages import _storefront, load_every_image

pytestmark = pytest.mark.e2e

NBSP = "\u00a0"


# (vendor index in test_vendor_pages.BUSINESSES, name, category, variants, tax class, colour)
LISTINGS = [
    (
        2,
        "Matera pintada a mano",
        "ceramica",
        [
            {"name": "Pequeña", "price": 28_000, "stock_quantity": 12},
            {"name": "Mediana", "price": 45_900, "stock_quantity": 2, "compare_at_price": 52_000},
            {"name": "Grande", "price": 78_000, "stock_quantity": 0},
        ],
        "iva_19",
        "#1d4e89",
    ),
    (
        0,
        "Arepas de chócolo x 5",
        "comida-preparada",
        [{"price": 12_500, "stock_quantity": 30}],
        "excluido",
        "#0b6e4f",
    ),
]


@pytest.fixture
def store(request):
    """Two businesses with real logos, each with a listing that has a real photo."""
    request.getfixturevalue("reference_data")
    vendors = {index: _storefront(index) for index in {entry[0] for entry in LISTINGS}}
    for index, name, category, variants, tax_class, colour in LISTINGS:
        vendor = vendors[index]
        product = ProductFactory(
            vendor=vendor,
            name=name,
            category=Category.objects.get(slug=category),
            tax_class=tax_class,
            status="draft",
        )
        for values in variants:
            VariantFactory(product=product, **values)
        # Added while a draft, so the photo is live once published.
        product_image_add(
            product=product,
            added_by=vendor.memberships.get().user,
            upload=_photo("foto.jpg", colour, name),
            alt=f"{name}, foto 1",
        )
        Product.objects.filter(pk=product.pk).update(status="published")
    return vendors


def header_cart(page):
    return page.get_by_role("navigation", name="Navegación principal").get_by_role(
        "link", name=re.compile(r"^Carrito")
    )


def open_product(page, name):
    page.goto("/catalogo/")
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_add_to_cart_and_review_the_cart(page, screenshot, store):
    page.goto("/")
    expect(header_cart(page)).to_have_accessible_name("Carrito (0 unidades)")

    # An option and a quantity, in the same form as the button.
    open_product(page, "Matera pintada a mano")
    page.get_by_role("radio", name=re.compile("Mediana")).check()
    page.get_by_label("Cantidad").fill("2")
    page.get_by_role("button", name="Agregar al carrito").click()

    confirmation = page.locator(".message--success")
    expect(confirmation).to_have_text(
        "Agregaste 2 × «Matera pintada a mano (Mediana)» al carrito (ahora tienes 2)."
    )
    expect(confirmation).to_be_in_viewport()
    expect(header_cart(page)).to_have_accessible_name("Carrito (2 unidades)")
    # Back on the option that was added, with its price.
    expect(page.locator(".price-box__price")).to_have_text(f"${NBSP}45.900")
    load_every_image(page)
    screenshot("cart-product-added")

    # More than the stock: refused, and said why.
    page.get_by_label("Cantidad").fill("1")
    page.get_by_role("button", name="Agregar al carrito").click()
    expect(page.locator(".message--error")).to_have_text(
        "Ya tienes 2 en tu carrito y solo hay 2 unidades disponibles."
    )

    # A sold-out option: the button is off, and the page says why.
    page.get_by_role("radio", name=re.compile("Grande")).check()
    page.get_by_role("button", name="Ver esta opción").click()
    expect(page.get_by_role("button", name="Agregar al carrito")).to_be_disabled()
    expect(page.locator(".add-to-cart__out")).to_contain_text("Esta opción está agotada")

    open_product(page, "Arepas de chócolo x 5")
    page.get_by_label("Cantidad").fill("3")
    page.get_by_role("button", name="Agregar al carrito").click()
    expect(header_cart(page)).to_have_accessible_name("Carrito (5 unidades)")

    header_cart(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tu carrito")
    groups = page.locator(".cart-vendor")
    expect(groups).to_have_count(2)
    expect(groups.nth(0)).to_contain_text("Cerámicas La Estrella")
    expect(groups.nth(0)).to_contain_text("Mediana")
    expect(groups.nth(0).locator(".cart-vendor__subtotal")).to_contain_text(f"${NBSP}91.800")
    expect(groups.nth(1).locator(".cart-vendor__subtotal")).to_contain_text(f"${NBSP}37.500")
    total = page.locator(".cart-total__row--grand")
    # Neither seller is responsible for IVA, so the total charges none.
    expect(total).to_contain_text("Sin IVA: estos negocios no cobran IVA")
    expect(total).to_contain_text(f"${NBSP}129.300")
    expect(page.get_by_role("link", name="Continuar con la compra")).to_be_visible()
    whatsapp = groups.nth(1).get_by_role("link", name=re.compile("por WhatsApp"))
    text = unquote(whatsapp.get_attribute("href").split("text=", 1)[1])
    assert f"- 3 × Arepas de chócolo x 5: ${NBSP}37.500" in text
    load_every_image(page)
    screenshot("cart")

    # Change a quantity, then remove a line.
    page.get_by_label("Cantidad de Arepas de chócolo x 5").fill("1")
    page.get_by_role("button", name="Actualizar la cantidad de Arepas de chócolo x 5").click()
    expect(page.locator(".message--success")).to_have_text(
        "Actualizamos la cantidad de «Arepas de chócolo x 5» a 1."
    )
    expect(total).to_contain_text(f"${NBSP}104.300")
    page.get_by_role("button", name="Quitar Matera pintada a mano del carrito").click()
    expect(page.locator(".cart-vendor")).to_have_count(1)
    expect(header_cart(page)).to_have_accessible_name("Carrito (1 unidad)")
    expect(total).to_contain_text(f"${NBSP}12.500")
    assert page.console_errors == []


def test_empty_cart(page, screenshot, store):
    page.goto("/carrito/")

    expect(page.get_by_role("heading", name="Tu carrito está vacío")).to_be_visible()
    page.get_by_role("link", name="Ver el catálogo").click()
    expect(page).to_have_url(re.compile(r"/catalogo/$"))
    assert page.console_errors == []


def test_a_line_that_left_the_store_is_flagged_not_dropped(page, screenshot, store):
    for name, quantity in (("Matera pintada a mano", "1"), ("Arepas de chócolo x 5", "2")):
        open_product(page, name)
        page.get_by_label("Cantidad").fill(quantity)
        page.get_by_role("button", name="Agregar al carrito").click()
        expect(page.locator(".message--success")).to_be_visible()
    Product.objects.filter(name="Matera pintada a mano").update(status="unpublished")

    header_cart(page).click()

    flagged = page.locator(".cart-line--problem")
    expect(flagged).to_have_count(1)
    expect(flagged).to_contain_text("Este producto ya no está disponible en la tienda.")
    expect(page.locator(".cart-total__row--grand")).to_contain_text(f"${NBSP}25.000")
    load_every_image(page)
    screenshot("cart-unavailable")

    page.get_by_role("button", name="Quitar Matera pintada a mano del carrito").click()
    expect(page.locator(".cart-line--problem")).to_have_count(0)
    assert page.console_errors == []
