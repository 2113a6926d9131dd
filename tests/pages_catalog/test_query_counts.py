"""The storefront pages cost the same number of queries for 3 listings as for a full page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .support import listing, storefront_vendor

pytestmark = pytest.mark.django_db

PAGES = {
    "catalogue": ("/catalogo/?orden=menor-precio", "cards"),
    "category": ("/catalogo/alimentos-y-bebidas/?municipio=medellin", "cards"),
    "vendor portfolio": ("/negocios/{vendor}/", "portfolio_cards"),
    "home": ("/", "featured"),
}
# Absolute ceilings for an anonymous visitor: the page's listings in one query (prices,
# availability and the first photo are columns of the product, so no list reads variants or
# photos), a bounded count, and the menus (categories, municipalities, the vendor). Signing in
# adds the session, the user and the header's cart and notices.
CEILINGS = {"catalogue": 4, "category": 5, "vendor portfolio": 5, "home": 3}
SIGNED_IN_EXTRA = 5


def measure(client, url, key) -> tuple[int, int]:
    client.get(url)  # warms per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), len(response.context[key])


def add_listings(vendors, count, start):
    """Listings spread over vendors, with several images and options, so any per-row query
    would show."""
    for index in range(start, start + count):
        listing(
            vendors[index % len(vendors)],
            f"Arepa {index}",
            images=2,
            variants=[{"price": 4_000 + index}, {"price": 5_000 + index, "stock_quantity": 0}],
        )


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("viewer", ["anonymous", "signed in"])
def test_storefront_pages_cost_constant_queries(client, citizen, page, viewer):
    if viewer == "signed in":
        client.force_login(citizen)
    vendors = [storefront_vendor() for _ in range(3)]
    url, key = PAGES[page]
    url = url.format(vendor=vendors[0].slug)
    per_vendor_page = page == "vendor portfolio"

    add_listings(vendors[:1] if per_vendor_page else vendors, 3, 0)
    small, shown = measure(client, url, key)
    assert shown == 3

    add_listings(vendors[:1] if per_vendor_page else vendors, 27, 3)
    large, shown = measure(client, url, key)
    assert shown == {"home": 8, "vendor portfolio": 12}.get(page, 24)

    assert small == large, f"{page}: {small} queries for 3 listings, {large} for 30"
    ceiling = CEILINGS[page] + (SIGNED_IN_EXTRA if viewer == "signed in" else 0)
    assert large <= ceiling, f"{page}: {large} queries, at most {ceiling} expected"


def test_product_page_costs_the_same_whatever_its_variants_and_photos(client, citizen):
    vendor = storefront_vendor()
    few = listing(vendor, "Arepa sencilla", images=1)
    many = listing(
        vendor,
        "Arepa surtida",
        images=4,
        variants=[{"price": 4_000 + n, "sku": f"S-{n}"} for n in range(6)],
    )
    counts = {}
    for product in (few, many):
        url = f"/producto/{product.slug}/"
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts[product.name] = len(captured)
    assert counts["Arepa sencilla"] == counts["Arepa surtida"] <= 7, counts
