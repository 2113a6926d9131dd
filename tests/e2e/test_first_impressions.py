"""What a new visitor meets first, in a real browser at 360 x 800 and 1280 px: the home page
shows products with one search box, a product page shows its name, price and "Agregar al
carrito" without scrolling, sign-in returns to the page the person was on, and the public pages
stay within the weight budget (the figures are printed). Screenshots in var/screenshots/."""

import gzip
import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from catalog.demo import _seed_listing
from catalog.demo_data import PORTFOLIOS
from marketplace.accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

from .test_catalog_pages import _media, reference_data  # noqa: F401 - fixtures
from .test_vendor_pages import _storefront, load_every_image

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 800}
BUDGET_BYTES = 60 * 1024
# test_vendor_pages.BUSINESSES index -> demo portfolio it sells.
STORES = {1: "Cueros del Sur", 2: "Café La Montañera", 0: "Arepas Doña Luz"}


@pytest.fixture
def store(request):
    """Three businesses selling their hand-written demo listings, photos drawn per category."""
    request.getfixturevalue("reference_data")
    staff = UserFactory(email="coordinacion@example.com", roles=[Role.COORDINATOR])
    for index, business in STORES.items():
        vendor = _storefront(index)
        owner = vendor.memberships.get().user
        category, kind, entries = PORTFOLIOS[business]
        for position, entry in enumerate(entries[:4]):
            _seed_listing(vendor, owner, staff, position, entry, category, kind)


def _as_phone(page, viewport):
    if viewport["width"] == 360:
        page.set_viewport_size(PHONE)
    return page.viewport_size["height"]


def _bottom(locator) -> float:
    box = locator.bounding_box()
    return box["y"] + box["height"]


def test_home_shows_products_above_the_fold_with_one_search_box(page, viewport, screenshot, store):
    fold = _as_phone(page, viewport)
    page.goto("/")
    assert page.locator("input[type=search]").count() == 1
    # Every category is on the first screen; on a phone (one scrolling row) products are too.
    assert _bottom(page.locator(".category-tile").last) < fold or viewport["width"] == 360
    assert _bottom(page.locator(".category-tile").first) < fold
    first_card = page.locator(".product-grid .product-card").first
    expect(first_card).to_be_visible()
    if viewport["width"] == 360:
        assert first_card.bounding_box()["y"] < fold - 80, "no product shows before scrolling"
    load_every_image(page)
    screenshot("first-home")


@pytest.mark.parametrize("name", ["Billetera de cuero para hombre", "Bolso de cuero tipo tote"])
def test_product_page_shows_name_price_and_add_to_cart_first(
    page, viewport, screenshot, store, name
):
    fold = _as_phone(page, viewport)
    page.goto("/catalogo/")
    page.get_by_role("link", name=name).first.click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(name)
    price = page.locator(".price-box__price")
    button = page.get_by_role("button", name="Agregar al carrito")
    # Also with options (sizes, colours): they sit as tiles above the button.
    for part in (heading, price, button):
        expect(part).to_be_visible()
        assert _bottom(part) <= fold, f"{part} is below the fold"
    expect(button).to_be_visible()
    load_every_image(page)
    screenshot("first-product-variants" if "Bolso" in name else "first-product")


def test_sign_in_returns_to_the_cart(page, viewport, store):
    citizen = UserFactory(email="ciudadana@example.com", roles=[Role.CITIZEN])
    page.goto("/carrito/")
    page.get_by_role("navigation", name="Navegación principal").get_by_role(
        "link", name="Ingresar"
    ).click()
    page.get_by_label("Correo electrónico").fill(citizen.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tu carrito")
    assert page.url.endswith("/carrito/")


def _weight(page, path: str) -> dict:
    """Bytes of the page's HTML, stylesheets and scripts as served, and gzip-compressed as the
    production server sends them (whitenoise and nginx compress text)."""
    response = page.goto(path)
    html = response.body()
    assets = page.evaluate(
        "[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)"
        ".concat([...document.querySelectorAll('script[src]')].map(s => s.src))"
    )
    bodies = [html] + [page.request.get(urljoin(page.url, url)).body() for url in assets]
    return {
        "files": len(bodies),
        "raw": sum(len(body) for body in bodies),
        "compressed": sum(len(gzip.compress(body, 6)) for body in bodies),
        "stylesheets": len([a for a in assets if a.endswith(".css")]),
        "assets": assets,
    }


def test_public_pages_stay_within_the_weight_budget(page, viewport, store):
    if viewport["width"] != 360:
        pytest.skip("the weights do not depend on the screen; measured once")
    page.goto("/")
    category = page.locator(".category-tile__link").first.get_attribute("href")
    product = page.locator(".product-grid .product-card a").first.get_attribute("href")
    pages = {
        "home": "/",
        "category": category,
        "product": product,
        "search": "/buscar/?q=cuero",
    }
    print("\nPage weight, first load (HTML + CSS + JS, photos aside):")
    for name, path in pages.items():
        weight = _weight(page, path)
        print(
            f"  {name:9} {path:45} {weight['files']} files, {weight['raw'] / 1024:6.1f} KB raw,"
            f" {weight['compressed'] / 1024:5.1f} KB compressed, {weight['stylesheets']} stylesheets"
        )
        assert weight["compressed"] < BUDGET_BYTES, f"{name} weighs {weight['compressed']} bytes"
        assert not [a for a in weight["assets"] if re.search(r"staff|dashboard|moderation", a)]
