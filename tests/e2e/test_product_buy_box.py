"""On a 360 x 740 phone a product page shows its buying form without scrolling, also when the
product comes in several options (colours, sizes): the options, the quantity and "Agregar al
carrito" are all on the first screen, and the photo's srcset lets the phone fetch a rendition
near its width. At 1280 px the same checks hold beside the photo. Screenshots in
var/screenshots/."""

import pytest
from django.utils.text import slugify
from playwright.sync_api import expect

from catalog.demo import _seed_listing
from catalog.demo_data import PORTFOLIOS
from marketplace.accounts.roles import Role
from tests.factories import UserFactory

from .test_catalog_pages import _media, reference_data  # noqa: F401 - fixtures
from .test_vendor_pages import _storefront, load_every_image

pytestmark = pytest.mark.e2e

# Hand-written demo listings: one version, three colours, six sizes.
LISTINGS = {
    "Billetera de cuero para hombre": ("Cueros del Sur", 0),
    "Bolso de cuero tipo tote": ("Cueros del Sur", 1),
    "Tenis de cuero blanco": ("Calzado Rayito", 0),
}


@pytest.fixture
def listings(request):
    request.getfixturevalue("reference_data")
    staff = UserFactory(email="coordinacion@example.com", roles=[Role.COORDINATOR])
    vendors = {}
    for business, _ in LISTINGS.values():
        if business not in vendors:
            vendors[business] = _storefront(len(vendors) + 1)
    for name, (business, index) in LISTINGS.items():
        vendor = vendors[business]
        category, kind, entries = PORTFOLIOS[business]
        entry = next(entry for entry in entries if entry[0] == name)
        owner = vendor.memberships.get().user
        _seed_listing(vendor, owner, staff, index, entry, category, kind)


def _within(page, locator, label):
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    viewport = page.viewport_size
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (
        f"{label} ends at {box['y'] + box['height']:.0f}px, below the {viewport['height']}px screen"
    )
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], label


@pytest.mark.parametrize("name", list(LISTINGS))
def test_buying_form_is_on_the_first_screen(page, viewport, screenshot, listings, name):
    page.goto("/catalogo/")
    page.get_by_role("link", name=name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert page.evaluate("window.scrollY") == 0

    _within(page, page.locator(".price-box__price"), "the price")
    options = page.get_by_role("radio")
    for index in range(options.count()):
        _within(page, options.nth(index), f"option {index + 1}")
    _within(page, page.get_by_role("spinbutton", name="Cantidad"), "the quantity")
    _within(page, page.get_by_role("button", name="Agregar al carrito"), "the button")

    # Choosing another option and adding it works from the first screen, without scrolling.
    if options.count() > 1:
        options.last.check()
        page.get_by_role("button", name="Agregar al carrito").click()
        expect(page.locator(".message--success")).to_be_visible()
    load_every_image(page)
    screenshot(f"buy-box-{slugify(name)}")


def test_phone_fetches_a_photo_near_its_width(page, viewport, listings):
    if viewport["width"] != 360:
        pytest.skip("the phone's choice of rendition")
    page.goto("/catalogo/")
    card = page.locator(".product-card img").first
    expect(card).to_be_visible()
    # Two cards a row on a 1x phone: the 160 px rendition is enough, never the 800 px one.
    load_every_image(page)
    width = int(card.evaluate("img => img.currentSrc").rsplit("-", 1)[1].split(".")[0])
    assert width <= 320, width
    page.get_by_role("link", name="Bolso de cuero tipo tote").first.click()
    main = page.locator(".product-gallery__main img")
    assert main.get_attribute("loading") == "eager"
    assert main.get_attribute("width") and main.get_attribute("height")
