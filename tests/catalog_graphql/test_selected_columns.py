"""A product list reads only the columns its selection needs (marketplace.graphql.selection),
answers exactly what whole rows would, and never loads a left-out column row by row."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import VendorFactory

from .support import listed_product

pytestmark = pytest.mark.django_db

LIST = "query($first: Int) { products(first: $first) { edges { node { %s } } } }"


def _selected(sql: str, table: str) -> set[str]:
    head = sql.split(" FROM ")[0]
    return set(re.findall(rf'"{table}"\."(\w+)"', head))


def _run(gql, selection, first=6):
    gql(LIST % selection, {"first": first})  # warms per-process caches
    with CaptureQueriesContext(connection) as captured:
        result = gql(LIST % selection, {"first": first})
    assert "errors" not in result, result["errors"]
    return result["data"]["products"]["edges"], [q["sql"] for q in captured]


def _query_on(queries, table):
    return [sql for sql in queries if sql.startswith("SELECT") and f'FROM "{table}"' in sql]


@pytest.fixture
def catalogue(db):
    vendors = [VendorFactory() for _ in range(3)]
    return [listed_product(vendor=vendors[n % 3]) for n in range(6)]


def test_plain_fields_read_only_their_columns_and_the_sort(gql, catalogue):
    edges, queries = _run(gql, "name slug")
    (products,) = _query_on(queries, "catalog_product")
    # The sort's columns come too (cursors are made of them), and the category the list joins.
    assert _selected(products, "catalog_product") == {
        "id",
        "name",
        "slug",
        "published_at",
        "category_id",
    }
    assert {e["node"]["slug"] for e in edges} == {p.slug for p in catalogue}


def test_a_vendor_asked_for_by_name_and_slug_reads_only_those(gql, catalogue):
    edges, queries = _run(gql, "name vendor { displayName slug } images { alt url(size: 320) }")
    (vendors,) = _query_on(queries, "vendors_vendor")
    assert _selected(vendors, "vendors_vendor") == {"id", "display_name", "slug"}
    (images,) = _query_on(queries, "catalog_productimage")
    assert _selected(images, "catalog_productimage") == {
        "id",
        "product_id",
        "position",
        "alt",
        "image",
    }
    by_slug = {e["node"]["name"]: e["node"] for e in edges}
    for product in catalogue:
        node = by_slug[product.name]
        assert node["vendor"] == {
            "displayName": product.vendor.display_name,
            "slug": product.vendor.slug,
        }
        assert node["images"][0]["url"].endswith(".webp")


def test_a_field_with_an_undeclared_resolver_loads_whole_rows(gql, catalogue):
    _edges, queries = _run(gql, "name vendor { slug municipality { name } }")
    (vendors,) = _query_on(queries, "vendors_vendor")
    assert "description" in _selected(vendors, "vendors_vendor")
    _edges, queries = _run(gql, "name variants { isAvailable quantityAvailable }")
    (products,) = _query_on(queries, "catalog_product")
    assert "description" in _selected(products, "catalog_product")


def test_two_selections_of_one_vendor_each_get_what_they_ask(gql, catalogue):
    query = "narrow: vendor { slug } wide: vendor { slug description } ... V"
    fragment = " fragment V on Product { vendor { displayName } }"
    result = gql(LIST % query + fragment, {"first": 6})
    assert "errors" not in result, result["errors"]
    for edge in result["data"]["products"]["edges"]:
        node = edge["node"]
        assert set(node["narrow"]) == {"slug"}
        assert node["wide"]["description"] is not None
        assert node["vendor"]["displayName"]


def test_left_out_columns_are_never_read_row_by_row(gql, db):
    """Every field of the bench's query and of a product page, at two list sizes: the same
    number of queries, so no deferred column is loaded per row."""
    selection = (
        "id name slug kind isAvailable publishedAt description durationMinutes updatedAt "
        "taxClass pricingMode pricing { priceRange { start { amount formatted } } } "
        "category { name slug level } vendor { displayName slug logo { url } whatsappUrl } "
        "images { alt url width height } serviceMunicipalities { name }"
    )
    vendors = [VendorFactory() for _ in range(4)]
    for n in range(12):
        listed_product(vendor=vendors[n % 4])
    _edges, few = _run(gql, selection, first=3)
    edges, many = _run(gql, selection, first=12)
    assert len(edges) == 12
    assert len(many) == len(few) <= 5, many
