"""The catalogue's, a category's and a business's search boxes cost the same number of queries
for 3 results as for a full page, with images and highlights."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalog_graphql.support import add_image
from tests.factories import VendorFactory
from tests.search.conftest import product

from .conftest import reindex

PAGES = {
    "catalogue": ("/catalogo/?q=arepa", "cards", 24),
    "category with filters": (
        "/catalogo/alimentos-y-bebidas/?q=arepa&tipo=productos&precio_max=90.000&orden=menor-precio",
        "cards",
        24,
    ),
    "business": ("/negocios/{vendor}/?q=arepa", "portfolio_cards", 12),
}
# Absolute ceilings for an anonymous visitor, the same on SQLite and PostgreSQL: the search
# (municipalities and categories it resolves, the ranked page with its count and highlights),
# the page's products in one query, and the page's own menus or the business with its zones.
CEILINGS = {"catalogue": 9, "category with filters": 9, "business": 9}


def add(vendor, count, start):
    for index in range(start, start + count):
        made = product(
            f"Arepa {index}",
            vendor=vendor,
            category_slug="comida-preparada",
            price=4_000 + index,
            description="De maíz.",
        )
        add_image(made)
        add_image(made, position=1)
    reindex()


def measure(client, url, key) -> tuple[int, int]:
    client.get(url)  # warms per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), len(response.context[key])


@pytest.mark.parametrize("page", list(PAGES))
def test_search_boxes_cost_constant_queries(client, db, page):
    vendor = VendorFactory()
    url, key, full = PAGES[page]
    url = url.format(vendor=vendor.slug)

    add(vendor, 3, 0)
    small, shown = measure(client, url, key)
    assert shown == 3

    add(vendor, 40, 3)
    large, shown = measure(client, url, key)
    assert shown == full

    assert small == large, f"{page}: {small} queries for 3 results, {large} for a full page"
    assert large <= CEILINGS[page], f"{page}: {large} queries, at most {CEILINGS[page]}"
