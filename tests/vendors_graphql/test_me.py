from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import VendorFactory, VendorMembershipFactory

ME = """
{ me { email vendorMemberships { role vendor { slug displayName status municipality { code } } } } }
"""


def test_me_lists_the_vendors_a_person_works_for(gql, vendor, vendor_owner):
    second = VendorMembershipFactory(
        user=vendor_owner,
        vendor=VendorFactory(display_name="Zapatería", status="suspended"),
        role="staff",
    ).vendor
    VendorMembershipFactory()  # someone else's
    memberships = gql(ME, user=vendor_owner)["data"]["me"]["vendorMemberships"]
    assert memberships == [
        {
            "role": "OWNER",
            "vendor": {
                "slug": vendor.slug,
                "displayName": vendor.display_name,
                "status": "ACTIVE",
                "municipality": {"code": "05001"},
            },
        },
        {
            "role": "STAFF",
            "vendor": {
                "slug": second.slug,
                "displayName": "Zapatería",
                "status": "SUSPENDED",
                "municipality": {"code": "05001"},
            },
        },
    ]


def test_me_without_memberships_has_an_empty_list(gql, citizen):
    assert gql(ME, user=citizen)["data"]["me"]["vendorMemberships"] == []


def test_memberships_cost_constant_queries(gql, vendor_owner):
    def measure():
        gql(ME, user=vendor_owner)
        with CaptureQueriesContext(connection) as captured:
            gql(ME, user=vendor_owner)
        return len(captured)

    one = measure()
    for _ in range(5):
        VendorMembershipFactory(user=vendor_owner, role="staff")
    assert measure() == one
