"""`vendorNotifications`, `vendorNotificationsUnreadCount` and `vendorNotificationsMarkRead`:
a vendor's members read and mark its notices; anyone else is refused and changes nothing."""

from graphql_relay import to_global_id

from tests.factories import VendorMembershipFactory
from vendors.models import VendorNotification
from vendors.services.notifications import vendor_notify

from .conftest import ERRORS
from .support import gid

NOTICES = """
query($vendor: ID!, $first: Int, $after: String) {
  vendorNotifications(vendor: $vendor, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id kind title body url isRead createdAt } }
  }
  vendorNotificationsUnreadCount(vendor: $vendor)
}
"""
MARK_READ = f"""
mutation($vendor: ID!, $ids: [ID!]) {{
  vendorNotificationsMarkRead(vendor: $vendor, ids: $ids) {{ marked unreadCount {ERRORS} }}
}}
"""


def _notify(vendor, n):
    return vendor_notify(
        vendor=vendor,
        kind="listing_rejected",
        title=f"Rechazamos «Producto {n}»: Duplicado",
        body="Motivo: Duplicado.",
        url=f"/vender/panel/productos/{n}/",
    )


def test_members_page_through_their_notices_newest_first(gql, vendor, vendor_owner):
    for n in range(3):
        _notify(vendor, n)
    first = gql(NOTICES, {"vendor": gid(vendor), "first": 2}, user=vendor_owner)["data"]
    page = first["vendorNotifications"]
    assert page["totalCount"] == 3 and page["pageInfo"]["hasNextPage"]
    assert [e["node"]["title"] for e in page["edges"]] == [
        "Rechazamos «Producto 2»: Duplicado",
        "Rechazamos «Producto 1»: Duplicado",
    ]
    node = page["edges"][0]["node"]
    assert node["kind"] == "LISTING_REJECTED" and node["isRead"] is False
    assert node["url"] == "/vender/panel/productos/2/"
    assert first["vendorNotificationsUnreadCount"] == 3

    after = page["pageInfo"]["endCursor"]
    rest = gql(NOTICES, {"vendor": gid(vendor), "first": 2, "after": after}, user=vendor_owner)
    assert [e["node"]["title"] for e in rest["data"]["vendorNotifications"]["edges"]] == [
        "Rechazamos «Producto 0»: Duplicado"
    ]


def test_other_vendors_members_and_anonymous_people_are_refused(gql, vendor):
    _notify(vendor, 1)
    outsider = VendorMembershipFactory().user
    for user in (outsider, None):
        result = gql(NOTICES, {"vendor": gid(vendor)}, user=user)
        assert {e["extensions"]["code"] for e in result["errors"]} == {"permission_denied"}
        assert result["data"] is None or not result["data"].get("vendorNotifications")


def test_a_malformed_vendor_id_is_invalid(gql, vendor_owner):
    result = gql(NOTICES, {"vendor": "nope"}, user=vendor_owner)
    assert {e["extensions"]["code"] for e in result["errors"]} == {"invalid"}


def test_mark_some_or_all_read(mutate, vendor, vendor_owner):
    one, _two, _three = (_notify(vendor, n) for n in range(3))
    ids = [to_global_id("VendorNotification", one.pk)]
    result = mutate(MARK_READ, {"vendor": gid(vendor), "ids": ids}, user=vendor_owner)
    assert result == {"marked": 1, "unreadCount": 2, "errors": []}
    result = mutate(MARK_READ, {"vendor": gid(vendor)}, user=vendor_owner)
    assert result == {"marked": 2, "unreadCount": 0, "errors": []}


def test_mark_read_refuses_outsiders_and_ignores_other_vendors_ids(mutate, vendor, vendor_owner):
    mine = _notify(vendor, 1)
    other = VendorMembershipFactory()
    theirs = _notify(other.vendor, 2)

    refused = mutate(MARK_READ, {"vendor": gid(vendor)}, user=other.user)
    assert [e["code"] for e in refused["errors"]] == ["permission_denied"]

    ids = [to_global_id("VendorNotification", theirs.pk)]
    result = mutate(MARK_READ, {"vendor": gid(vendor), "ids": ids}, user=vendor_owner)
    assert result["marked"] == 0
    assert VendorNotification.objects.filter(read_at__isnull=True).count() == 2
    assert mine.pk != theirs.pk


def test_mark_read_rejects_ids_of_other_types(mutate, vendor, vendor_owner):
    result = mutate(MARK_READ, {"vendor": gid(vendor), "ids": [gid(vendor)]}, user=vendor_owner)
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("ids", "invalid")]
