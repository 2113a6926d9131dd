"""The results page costs the same number of queries for 3 results as for a full page, with
facets, images and highlights."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalog_graphql.support import add_image
from tests.factories import VendorFactory
from tests.search.conftest import product

from .conftest import reindex

PAGES = {
    "query": "/buscar/?q=arepa",
    "query and filters": "/buscar/?q=arepa&municipio=medellin&precio=0-20000&orden=menor-precio",
    "category browse": "/buscar/?categoria=alimentos-y-bebidas",
}


def add(vendors, count, start):
    for index in range(start, start + count):
        made = product(
            f"Arepa {index}",
            vendor=vendors[index % len(vendors)],
            category_slug="comida-preparada",
            price=4_000 + index,
        )
        add_image(made)
        add_image(made, position=1)
    reindex()


def measure(client, url) -> tuple[int, int]:
    client.get(url)  # warms per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), len(response.context["cards"])


@pytest.mark.parametrize("page", list(PAGES))
def test_results_page_costs_constant_queries(client, db, page):
    vendors = [VendorFactory() for _ in range(3)]

    add(vendors, 3, 0)
    small, shown = measure(client, PAGES[page])
    assert shown == 3

    add(vendors, 40, 3)
    large, shown = measure(client, PAGES[page])
    assert shown == 24

    assert small == large, f"{page}: {small} queries for 3 results, {large} for a page of 24"
    # Category tree, [PostgreSQL: two estimates,] the newest matches with their facet columns,
    # the ranked page, its products, [the selected category's family].
    assert large <= 6, large


def test_empty_box_runs_no_search(client, db):
    client.get("/buscar/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/buscar/?q=+++")
    assert len(captured) == 0
