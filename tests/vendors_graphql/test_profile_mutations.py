import pytest
from graphql_relay import to_global_id

from marketplace.core.models import AuditEvent
from tests.factories import VendorMembershipFactory
from vendors.models import DeliveryZone, VendorInvitation

from .conftest import ERRORS
from .support import gid

UPDATE = f"""
mutation($id: ID!, $input: VendorProfileInput!) {{
  vendorProfileUpdate(id: $id, input: $input) {{
    vendor {{
      displayName shortDescription whatsapp whatsappUrl website offersDelivery
      sellerInformation {{ noticeAddress phone email }}
      deliveryZones {{ municipality {{ slug }} fee }}
    }}
    {ERRORS}
  }}
}}
"""
INVITE = f"""
mutation($vendor: ID!, $email: String!) {{
  vendorMemberInvite(vendor: $vendor, email: $email) {{ invitation {{ email }} {ERRORS} }}
}}
"""


def codes(payload):
    return [(error["field"], error["code"]) for error in payload["errors"]]


def test_member_updates_only_the_fields_sent(mutate, vendor, vendor_owner):
    vendor.short_description = "Se queda"
    vendor.save()
    result = mutate(
        UPDATE,
        {
            "id": gid(vendor),
            "input": {
                "displayName": "Arepas Doña Luz",
                "whatsapp": "300 123 4567",
                "offersDelivery": True,
                "noticePhone": "604 444 5566",
                "deliveryFees": [{"municipality": "envigado", "fee": 7000}],
            },
        },
        user=vendor_owner,
    )
    assert result["errors"] == []
    updated = result["vendor"]
    assert updated["displayName"] == "Arepas Doña Luz"
    assert updated["shortDescription"] == "Se queda"
    assert (updated["whatsapp"], updated["whatsappUrl"]) == (
        "+573001234567",
        "https://wa.me/573001234567",
    )
    assert updated["sellerInformation"]["phone"] == "+576044445566"
    assert updated["deliveryZones"] == [{"municipality": {"slug": "envigado"}, "fee": 7000}]


def test_omitting_delivery_fees_keeps_the_zones_and_an_empty_list_clears_them(
    mutate, vendor, vendor_owner
):
    variables = {
        "id": gid(vendor),
        "input": {"deliveryFees": [{"municipality": "bello", "fee": 1}]},
    }
    mutate(UPDATE, variables, user=vendor_owner)
    mutate(UPDATE, {"id": gid(vendor), "input": {"website": ""}}, user=vendor_owner)
    assert DeliveryZone.objects.filter(vendor=vendor).count() == 1
    mutate(UPDATE, {"id": gid(vendor), "input": {"deliveryFees": []}}, user=vendor_owner)
    assert not DeliveryZone.objects.filter(vendor=vendor).exists()


def test_invalid_fields_are_named_in_camel_case_and_nothing_changes(mutate, vendor, vendor_owner):
    before = vendor.display_name
    result = mutate(
        UPDATE,
        {
            "id": gid(vendor),
            "input": {
                "displayName": "Nuevo nombre",
                "whatsapp": "12",
                "noticePhone": "abc",
                "website": "no es url",
                "noticeEmail": "sin-arroba",
                "deliveryFees": [{"municipality": "cali", "fee": 5000}],
            },
        },
        user=vendor_owner,
    )
    assert result["vendor"] is None
    assert sorted(codes(result)) == [
        ("deliveryFees", "unknown_municipality"),
        ("noticeEmail", "invalid"),
        ("noticePhone", "invalid_phone"),
        ("website", "invalid"),
        ("whatsapp", "invalid_phone"),
    ]
    vendor.refresh_from_db()
    assert vendor.display_name == before
    assert not AuditEvent.objects.filter(action="vendor.profile_updated").exists()


@pytest.mark.parametrize("who", [None, "vendor_owner", "citizen", "coordinator"])
def test_nobody_but_its_members_edits_a_vendor(mutate, request, db, who):
    """`vendor_owner` owns vendor A; B belongs to someone else. Staff roles grant nothing here."""
    vendor_b = VendorMembershipFactory().vendor
    user = request.getfixturevalue(who) if who else None
    result = mutate(UPDATE, {"id": gid(vendor_b), "input": {"displayName": "Mío"}}, user=user)
    assert result["vendor"] is None
    assert codes(result) == [(None, "permission_denied")]
    vendor_b.refresh_from_db()
    assert vendor_b.display_name != "Mío"


def test_a_missing_vendor_is_refused_like_someone_elses(mutate, vendor, vendor_owner):
    missing = to_global_id("Vendor", vendor.pk + 1000)
    result = mutate(UPDATE, {"id": missing, "input": {"displayName": "X"}}, user=vendor_owner)
    assert codes(result) == [(None, "permission_denied")]


def test_owner_invites_a_team_member_and_staff_cannot(
    mutate, vendor, vendor_owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = mutate(
            INVITE, {"vendor": gid(vendor), "email": "Equipo@Example.com"}, user=vendor_owner
        )
    assert result == {"invitation": {"email": "equipo@example.com"}, "errors": []}
    assert mailoutbox[-1].to == ["equipo@example.com"]
    outsider = VendorMembershipFactory().user
    refused = mutate(INVITE, {"vendor": gid(vendor), "email": "x@example.com"}, user=outsider)
    assert codes(refused) == [(None, "permission_denied")]
    bad = mutate(INVITE, {"vendor": "basura", "email": "x@example.com"}, user=vendor_owner)
    assert codes(bad) == [("vendor", "invalid")]
    assert VendorInvitation.objects.count() == 1
