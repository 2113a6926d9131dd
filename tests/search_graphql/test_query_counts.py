"""`search(first: 1 | 20 | 100)` and `products(filter: {search})` cost the same number of
queries whatever the page size, with every relation a product page shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalog_graphql.support import listed_product
from tests.catalog_graphql.test_query_counts import PRODUCT_FIELDS, assert_nested_fields_resolved
from tests.factories import VendorFactory

from .conftest import reindex

SEARCH = f"""
query($first: Int!) {{
  search(query: "arepa", first: $first) {{
    totalCount suggestion
    facets {{ field values {{ value label count }} }}
    edges {{ node {{ {PRODUCT_FIELDS} }} }}
  }}
}}
"""
PRODUCTS = f"""
query($first: Int!) {{
  products(filter: {{search: "arepa", municipality: "05001"}}, first: $first) {{
    totalCount edges {{ node {{ {PRODUCT_FIELDS} }} }}
  }}
}}
"""
SIZES = (1, 20, 100)


@pytest.fixture
def hundred(db):
    vendors = [VendorFactory() for _ in range(20)]
    for number in range(100):
        listed_product(name=f"Arepa {number}", vendor=vendors[number % len(vendors)])
    reindex()


@pytest.mark.parametrize("document", [SEARCH, PRODUCTS], ids=["search", "products"])
def test_a_page_costs_constant_queries(gql, hundred, document):
    counts = {}
    for size in SIZES:
        gql(document, {"first": size})  # warms per-process caches
        with CaptureQueriesContext(connection) as captured:
            result = gql(document, {"first": size})
        assert "errors" not in result, result["errors"]
        page = next(iter(result["data"].values()))
        assert len(page["edges"]) == size
        assert page["totalCount"] == 100
        counts[size] = len(captured)

    assert counts[1] == counts[20] == counts[100], counts
    assert_nested_fields_resolved(page["edges"][0]["node"])
