"""Absolute query ceilings of the queries the benchmark measures (bench.scenarios): a product
list of 100 or 20 with and without `totalCount`, and one product by slug."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.scenarios import LISTING_QUERY, PRODUCT_QUERY, PRODUCTS_QUERY
from tests.factories import VendorFactory

from .support import listed_product

# The page, the count (a planner estimate, then an exact count of a small list), vendors and
# images; categories come with the page.
CEILINGS = {
    ("products", 100): 5,
    ("products", 20): 5,
    ("listing", 100): 3,
    ("listing", 20): 3,
}
# The product with its category, then its images and its variants; the vendor comes from its
# loader. Goods read no service municipalities.
CEILING_PRODUCT = 4


def counted(gql, query, variables):
    gql(query, variables)  # warms per-process caches
    with CaptureQueriesContext(connection) as captured:
        result = gql(query, variables)
    assert "errors" not in result, result["errors"]
    return len(captured), result["data"]


def test_listing_queries_stay_under_their_ceilings(gql, db):
    vendors = [VendorFactory() for _ in range(7)]
    products = [listed_product(vendor=vendors[n % 7]) for n in range(101)]  # a next page
    found = {}
    for name, query in (("products", PRODUCTS_QUERY), ("listing", LISTING_QUERY)):
        for size in (100, 20):
            found[(name, size)], data = counted(gql, query, {"first": size})
            page = data["products"]
            assert len(page["edges"]) == size and page["pageInfo"]["hasNextPage"]
            if name == "products":
                assert page["totalCount"] == 101
    assert all(found[key] <= ceiling for key, ceiling in CEILINGS.items()), found

    queries, data = counted(gql, PRODUCT_QUERY, {"slug": products[0].slug})
    assert data["product"]["variants"] and data["product"]["images"]
    assert queries <= CEILING_PRODUCT, queries
