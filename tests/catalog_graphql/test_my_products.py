import pytest
from graphql_relay import to_global_id

from tests.factories import VendorMembershipFactory

from .support import gid, listed_product

MY_PRODUCTS = """
query($vendor: ID!, $filter: VendorProductFilterInput) {
  myProducts(vendor: $vendor, first: 50, filter: $filter) {
    totalCount edges { node { slug status variants { stockQuantity } } }
  }
}
"""


def my_products(gql, vendor_id, user, **filters):
    return gql(MY_PRODUCTS, {"vendor": vendor_id, "filter": filters}, user=user)


def test_members_see_every_product_of_their_vendor_whatever_its_status(
    gql, vendor, vendor_owner, other_vendor
):
    draft = listed_product(vendor=vendor, status="draft")
    published = listed_product(vendor=vendor, variant__stock_quantity=4)
    listed_product(vendor=other_vendor, status="draft")
    page = my_products(gql, gid(vendor), vendor_owner)["data"]["myProducts"]
    assert page["totalCount"] == 2
    by_slug = {edge["node"]["slug"]: edge["node"] for edge in page["edges"]}
    assert by_slug[draft.slug]["status"] == "DRAFT"
    assert by_slug[published.slug] == {
        "slug": published.slug,
        "status": "PUBLISHED",
        "variants": [{"stockQuantity": 4}],
    }
    drafts = my_products(gql, gid(vendor), vendor_owner, status="DRAFT")["data"]["myProducts"]
    assert [edge["node"]["slug"] for edge in drafts["edges"]] == [draft.slug]


def test_a_team_member_who_is_not_the_owner_sees_them_too(gql, vendor):
    listed_product(vendor=vendor, status="draft")
    colleague = VendorMembershipFactory(vendor=vendor, role="staff").user
    assert my_products(gql, gid(vendor), colleague)["data"]["myProducts"]["totalCount"] == 1


@pytest.mark.parametrize("who", [None, "citizen", "coordinator", "vendor_owner"])
def test_nobody_else_sees_a_vendors_drafts(gql, request, other_vendor, who):
    """`vendor_owner` owns vendor A and asks for B's products; staff roles grant nothing."""
    listed_product(vendor=other_vendor, status="draft")
    user = request.getfixturevalue(who) if who else None
    result = my_products(gql, gid(other_vendor), user)
    assert result["data"] == {"myProducts": None}
    assert [error["extensions"]["code"] for error in result["errors"]] == ["permission_denied"]


def test_a_missing_vendor_is_refused_like_someone_elses(gql, vendor, vendor_owner):
    missing = my_products(gql, to_global_id("Vendor", vendor.pk + 1000), vendor_owner)
    theirs = my_products(gql, gid(VendorMembershipFactory().vendor), vendor_owner)
    assert missing["data"] == theirs["data"] == {"myProducts": None}
    assert missing["errors"][0]["extensions"] == theirs["errors"][0]["extensions"]


def test_an_id_that_names_no_vendor_is_invalid(gql, vendor, vendor_owner):
    result = my_products(gql, to_global_id("Product", 1), vendor_owner)
    assert result["data"] == {"myProducts": None}
    assert result["errors"][0]["extensions"]["code"] == "invalid"
