"""A page of N items costs the same number of queries for N=2 and N=20, nested relations
included."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import EnrollmentFactory, VendorFactory, VendorMembershipFactory

from .support import storefront_vendor

VENDORS = """
query($first: Int!) {
  vendors(first: $first) {
    totalCount
    edges { node {
      id slug displayName whatsappUrl status statusReason members { email }
      logo { url(width: 200) renditions { width webp jpeg } }
      municipality { code name } sector { code title }
      sellerInformation { legalName nit noticeAddress phone email }
      deliveryZones { municipality { code name } fee }
    } }
  }
}
"""
ENROLLMENTS = """
query($first: Int!) {
  enrollments(first: $first) {
    totalCount
    edges { node {
      id nit legalName status municipality { code } sector { code }
      vendor {
        slug status members { email role }
        municipality { name } sellerInformation { nit } deliveryZones { fee }
      }
    } }
  }
}
"""
APPLICATIONS = """
query($first: Int!) {
  vendorApplications(first: $first) {
    totalCount
    edges { node {
      id displayName status members { email role }
      municipality { code } sector { code } sellerInformation { nit }
      deliveryZones { municipality { slug } fee }
    } }
  }
}
"""


def measure(gql, query, size, user):
    gql(query, {"first": size}, user=user)  # warms per-process caches and logs in
    with CaptureQueriesContext(connection) as captured:
        result = gql(query, {"first": size}, user=user)
    assert "errors" not in result, result["errors"]
    page = next(iter(result["data"].values()))
    assert len(page["edges"]) == size
    return len(captured), page


def assert_constant(gql, query, user, make):
    make(2)
    small, _page = measure(gql, query, 2, user)
    make(18)
    large, page = measure(gql, query, 20, user)
    assert small == large, f"{small} queries for 2 items, {large} for 20"
    return page


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_vendors_page_costs_constant_queries(gql, vendor_owner, viewer):
    user = vendor_owner if viewer == "member" else None
    vendor_owner.vendor_memberships.get().vendor.delete()  # the page holds only storefronts

    def make(count):
        for _ in range(count):
            VendorMembershipFactory(user=vendor_owner, vendor=storefront_vendor())

    page = assert_constant(gql, VENDORS, user, make)
    node = page["edges"][0]["node"]
    assert len(node["deliveryZones"]) == 2
    assert node["logo"]["url"].endswith("-200.webp")
    assert (node["status"] is not None) == (viewer == "member")


def test_enrollments_page_costs_constant_queries(gql, coordinator):
    def make(count):
        for number in range(count):
            if number % 2:
                EnrollmentFactory()
            else:
                VendorMembershipFactory(vendor=storefront_vendor())

    page = assert_constant(gql, ENROLLMENTS, coordinator, make)
    vendors = [edge["node"]["vendor"] for edge in page["edges"] if edge["node"]["vendor"]]
    assert vendors and all(v["members"] and v["deliveryZones"] for v in vendors)


def test_application_queue_page_costs_constant_queries(gql, coordinator):
    def make(count):
        for _ in range(count):
            VendorMembershipFactory(vendor=VendorFactory(status="pending_review"))

    page = assert_constant(gql, APPLICATIONS, coordinator, make)
    assert {edge["node"]["status"] for edge in page["edges"]} == {"PENDING_REVIEW"}
    assert all(len(edge["node"]["members"]) == 1 for edge in page["edges"])
