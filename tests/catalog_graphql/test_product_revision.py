"""`Product.productRevision`: the edits waiting on a live listing, for its vendor's members and
for moderators only, in a number of queries that does not grow with the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.services.products import ProductInput, product_update

from .support import gid, listed_product

MY_PRODUCTS = """
query($vendor: ID!) {
  myProducts(vendor: $vendor, first: 50) {
    edges { node { name productRevision { status changes { field label before after } } } }
  }
}
"""

PUBLIC = """
query($slug: String!) { product(slug: $slug) { name productRevision { status } } }
"""


def _revise(product, user, **values):
    product_update(product=product, updated_by=user, data=ProductInput(values=values))


def _revisions(gql, vendor, user):
    edges = gql(MY_PRODUCTS, {"vendor": gid(vendor)}, user=user)["data"]["myProducts"]["edges"]
    return {edge["node"]["name"]: edge["node"]["productRevision"] for edge in edges}


def test_members_read_the_waiting_changes_next_to_the_live_values(gql, vendor, vendor_owner):
    product = listed_product(vendor=vendor, name="Mochila wayuu")
    untouched = listed_product(vendor=vendor, name="Sombrero vueltiao")
    _revise(product, vendor_owner, name="Mochila wayuu grande", kind="service")
    revisions = _revisions(gql, vendor, vendor_owner)
    assert revisions[untouched.name] is None
    assert revisions["Mochila wayuu"] == {  # the live name is still the listing's
        "status": "PENDING",
        "changes": [
            {
                "field": "name",
                "label": "Nombre",
                "before": "Mochila wayuu",
                "after": "Mochila wayuu grande",
            },
            {"field": "kind", "label": "Tipo", "before": "Producto", "after": "Servicio"},
        ],
    }


@pytest.mark.parametrize("who", [None, "citizen", "other_member"])
def test_nobody_else_reads_it(gql, request, vendor, vendor_owner, other_vendor, who):
    product = listed_product(vendor=vendor)
    _revise(product, vendor_owner, name="Cambio pendiente")
    user = None
    if who == "citizen":
        user = request.getfixturevalue("citizen")
    elif who == "other_member":
        user = other_vendor.memberships.first().user
    data = gql(PUBLIC, {"slug": product.slug}, user=user)["data"]["product"]
    assert data == {"name": product.name, "productRevision": None}


def test_moderators_read_it(gql, vendor, vendor_owner, moderator):
    product = listed_product(vendor=vendor)
    _revise(product, vendor_owner, name="Cambio pendiente")
    data = gql(PUBLIC, {"slug": product.slug}, user=moderator)["data"]["product"]
    assert data["productRevision"] == {"status": "PENDING"}


def test_query_count_does_not_grow_with_revisions(gql, vendor, vendor_owner):
    def count(n):
        for i in range(n):
            _revise(listed_product(vendor=vendor), vendor_owner, name=f"Revisado {n}-{i}")
        with CaptureQueriesContext(connection) as queries:
            _revisions(gql, vendor, vendor_owner)
        return len(queries)

    _revisions(gql, vendor, vendor_owner)  # warm the per-process caches (content types, ...)
    assert count(1) == count(6)


DISCARD = """
mutation($id: ID!) {
  productRevisionDiscard(id: $id) { product { name productRevision { status } } errors { field code } }
}
"""
WITHDRAW = """
mutation($id: ID!) { productWithdraw(id: $id) { product { status } errors { field code } } }
"""


def test_members_discard_the_waiting_changes_and_others_cannot(
    mutate, vendor, vendor_owner, other_vendor
):
    product = listed_product(vendor=vendor, name="Mochila wayuu")
    _revise(product, vendor_owner, name="Mochila grande")
    stranger = other_vendor.memberships.first().user
    refused = mutate(DISCARD, {"id": gid(product)}, user=stranger)
    assert refused["product"] is None
    assert [e["code"] for e in refused["errors"]] == ["permission_denied"]
    done = mutate(DISCARD, {"id": gid(product)}, user=vendor_owner)
    assert done == {
        "product": {"name": "Mochila wayuu", "productRevision": None},
        "errors": [],
    }
    again = mutate(DISCARD, {"id": gid(product)}, user=vendor_owner)
    assert again["errors"] == [{"field": "revision", "code": "not_in_review"}]


def test_members_withdraw_a_live_listing(mutate, vendor, vendor_owner):
    product = listed_product(vendor=vendor)
    assert mutate(WITHDRAW, {"id": gid(product)}, user=vendor_owner) == {
        "product": {"status": "UNPUBLISHED"},
        "errors": [],
    }
