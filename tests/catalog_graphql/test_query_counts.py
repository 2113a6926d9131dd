"""A page of 1, 20 or 100 products costs the same number of queries, with every relation a
product page shows: vendor (and the vendor's own relations), category, variants, images,
pricing and stock."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import VendorFactory, VendorMembershipFactory

from .support import gid, listed_product

PRODUCT_FIELDS = """
  id name slug kind taxClass pricingMode durationMinutes isAvailable status
  category { slug name level parent { slug } children { slug } }
  vendor {
    slug displayName status members { email }
    municipality { code } sector { code } deliveryZones { fee }
  }
  variants {
    id sku name options { name value } trackInventory isAvailable
    price { amount currency formatted } compareAtPrice { formatted }
    quantityAvailable stockQuantity allocatedQuantity
  }
  images { id alt width height url thumbnail: url(size: 300) }
  pricing { priceRange { start { amount formatted } stop { amount formatted } } }
  serviceMunicipalities { code name }
"""
PRODUCTS = f"""
query($first: Int!) {{
  products(first: $first) {{ totalCount edges {{ node {{ {PRODUCT_FIELDS} }} }} }}
}}
"""
MY_PRODUCTS = f"""
query($first: Int!, $vendor: ID!) {{
  myProducts(vendor: $vendor, first: $first) {{ totalCount edges {{ node {{ {PRODUCT_FIELDS} }} }} }}
}}
"""
VENDOR_PRODUCTS = f"""
query($first: Int!, $slug: String!) {{
  vendor(slug: $slug) {{
    products(first: $first) {{ totalCount edges {{ node {{ {PRODUCT_FIELDS} }} }} }}
  }}
}}
"""
SIZES = (1, 20, 100)
# Absolute ceilings of `products(first: N)`: with every relation above (page, count, vendors,
# categories, variants, images, service municipalities...), and with what a listing shows.
# On PostgreSQL `totalCount` asks the planner first, then counts a small list exactly (see
# marketplace.graphql.counting): two queries where SQLite needs one. The vendors' enrolments
# (for `vendor { municipality }`) are one batched query of their own: a list that does not ask
# for them reads vendor rows alone.
CEILING_ALL_FIELDS = {"anonymous": 10, "member": 18}
LISTING = """
query($first: Int!) {
  products(first: $first) {
    pageInfo { hasNextPage endCursor }
    edges { node { id name slug isAvailable
      pricing { priceRange { start { amount } stop { amount } } }
      category { name } vendor { displayName } images { url(size: 320) } } }
  }
}
"""
CEILING_LISTING = 3


def page_of(result):
    assert "errors" not in result, result["errors"]
    data = next(iter(result["data"].values()))
    return data.get("products", data)  # vendor(slug) nests the page one level down


def query_counts(gql, query, variables, user):
    counts = {}
    for size in SIZES:
        gql(query, {**variables, "first": size}, user=user)  # warms caches and logs in
        with CaptureQueriesContext(connection) as captured:
            result = gql(query, {**variables, "first": size}, user=user)
        page = page_of(result)
        assert len(page["edges"]) == size
        counts[size] = len(captured)
    return counts, page


def assert_nested_fields_resolved(node):
    assert node["variants"] and node["images"]
    assert node["pricing"]["priceRange"]["start"]["formatted"] == "$\u00a012.000"
    assert node["images"][0]["thumbnail"].endswith("-320.webp")
    assert node["vendor"]["municipality"] == {"code": "05001"}


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_products_page_costs_constant_queries(gql, db, vendor_owner, viewer):
    vendors = [VendorFactory() for _ in range(20)]
    VendorMembershipFactory(user=vendor_owner, vendor=vendors[0])
    for number in range(100):
        listed_product(vendor=vendors[(number + 1) % len(vendors)])  # newest: vendors[0]
    user = vendor_owner if viewer == "member" else None

    counts, page = query_counts(gql, PRODUCTS, {}, user)

    # The page of 100 holds the whole list, so it needs no count.
    assert counts[1] == counts[20] > counts[100], counts
    assert counts[1] <= CEILING_ALL_FIELDS[viewer], counts
    assert page["totalCount"] == 100
    assert_nested_fields_resolved(page["edges"][0]["node"])
    stock = {
        edge["node"]["vendor"]["slug"]: edge["node"]["variants"][0]["stockQuantity"]
        for edge in page["edges"]
    }
    assert stock[vendors[0].slug] == (10 if viewer == "member" else None)
    assert stock[vendors[1].slug] is None


def test_my_products_page_costs_constant_queries(gql, vendor, vendor_owner):
    for number in range(100):
        listed_product(vendor=vendor, status="draft" if number % 2 else "published")

    counts, page = query_counts(gql, MY_PRODUCTS, {"vendor": gid(vendor)}, vendor_owner)

    assert counts[1] == counts[20] == counts[100], counts
    assert page["totalCount"] == 100
    node = page["edges"][0]["node"]
    assert_nested_fields_resolved(node)
    assert node["variants"][0]["stockQuantity"] == 10
    assert node["vendor"]["members"] == [{"email": vendor_owner.email}]


def test_vendor_products_page_costs_constant_queries(gql, vendor):
    for _ in range(100):
        listed_product(vendor=vendor)

    counts, page = query_counts(gql, VENDOR_PRODUCTS, {"slug": vendor.slug}, None)

    assert counts[1] == counts[20] > counts[100], counts  # 100: the whole list, no count
    assert page["totalCount"] == 100
    assert_nested_fields_resolved(page["edges"][0]["node"])


def test_a_listing_page_needs_no_count_and_few_queries(gql, db):
    vendors = [VendorFactory() for _ in range(5)]
    for number in range(25):
        listed_product(vendor=vendors[number % len(vendors)])
    counts = {}
    for size in (1, 20):
        gql(LISTING, {"first": size})
        with CaptureQueriesContext(connection) as captured:
            page = page_of(gql(LISTING, {"first": size}))
        assert len(page["edges"]) == size
        counts[size] = len(captured)
    assert counts[1] == counts[20] <= CEILING_LISTING, counts
    assert page["pageInfo"]["hasNextPage"] is True
    node = page["edges"][0]["node"]
    assert node["isAvailable"] is True
    assert node["pricing"]["priceRange"]["start"]["amount"] == 12_000
    assert node["images"][0]["url"].endswith("-320.webp")
