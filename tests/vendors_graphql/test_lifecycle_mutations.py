import pytest
from graphql_relay import to_global_id

from marketplace.core.models import AuditEvent
from tests.factories import VendorFactory, VendorMembershipFactory
from vendors.models import Vendor

from .conftest import ERRORS
from .support import gid

VENDOR_FIELDS = "vendor { status statusReason }"
APPROVE = (
    f"mutation($id: ID!) {{ vendorApplicationApprove(id: $id) {{ {VENDOR_FIELDS} {ERRORS} }} }}"
)
REJECT = f"""
mutation($id: ID!, $reason: String) {{
  vendorApplicationReject(id: $id, reason: $reason) {{ {VENDOR_FIELDS} {ERRORS} }}
}}
"""
SUSPEND = f"""
mutation($id: ID!, $reason: String) {{
  vendorSuspend(id: $id, reason: $reason) {{ {VENDOR_FIELDS} {ERRORS} }}
}}
"""
REACTIVATE = f"mutation($id: ID!) {{ vendorReactivate(id: $id) {{ {VENDOR_FIELDS} {ERRORS} }} }}"


@pytest.fixture
def application(db):
    return VendorMembershipFactory(vendor=VendorFactory(status="pending_review")).vendor


def codes(payload):
    return [(error["field"], error["code"]) for error in payload["errors"]]


@pytest.mark.parametrize("who", [None, "citizen", "moderator", "vendor_owner"])
@pytest.mark.parametrize(
    ("document", "status"),
    [(APPROVE, "pending_review"), (SUSPEND, "active"), (REACTIVATE, "suspended")],
    ids=["approve", "suspend", "reactivate"],
)
def test_only_staff_who_manage_vendors_decide(mutate, request, db, who, document, status):
    target = VendorFactory(status=status)
    user = request.getfixturevalue(who) if who else None
    result = mutate(document, {"id": gid(target), "reason": "Quejas"}, user=user)
    assert result["vendor"] is None
    assert codes(result) == [(None, "permission_denied")]
    target.refresh_from_db()
    assert target.status == status
    assert not AuditEvent.objects.filter(action__startswith="vendor.").exists()


def test_coordinator_approves_an_application_and_the_owner_is_told(
    mutate, gql, coordinator, application, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = mutate(APPROVE, {"id": gid(application)}, user=coordinator)
    assert result == {"vendor": {"status": "ACTIVE", "statusReason": ""}, "errors": []}
    owner = application.memberships.get().user
    assert [mail.to for mail in mailoutbox] == [[owner.email]]
    found = gql("query($s: String!) { vendor(slug: $s) { slug } }", {"s": application.slug})
    assert found["data"]["vendor"] == {"slug": application.slug}


def test_reject_needs_a_reason(mutate, coordinator, application):
    for reason in (None, "  "):
        result = mutate(REJECT, {"id": gid(application), "reason": reason}, user=coordinator)
        assert result["vendor"] is None
        assert codes(result) == [("reason", "reason_required")]
    application.refresh_from_db()
    assert application.status == Vendor.Status.PENDING_REVIEW
    rejected = mutate(REJECT, {"id": gid(application), "reason": "No vende"}, user=coordinator)
    assert rejected["vendor"] == {"status": "REJECTED", "statusReason": "No vende"}


def test_suspend_then_reactivate(mutate, gql, coordinator, vendor):
    suspended = mutate(SUSPEND, {"id": gid(vendor), "reason": "Quejas"}, user=coordinator)
    assert suspended["vendor"] == {"status": "SUSPENDED", "statusReason": "Quejas"}
    gone = gql("query($s: String!) { vendor(slug: $s) { slug } }", {"s": vendor.slug})
    assert gone["data"]["vendor"] is None
    again = mutate(REACTIVATE, {"id": gid(vendor)}, user=coordinator)
    assert again["vendor"]["status"] == "ACTIVE"


def test_a_transition_the_lifecycle_forbids_is_a_field_error(mutate, coordinator, vendor):
    result = mutate(APPROVE, {"id": gid(vendor)}, user=coordinator)
    assert codes(result) == [("status", "invalid_transition")]


@pytest.mark.parametrize(
    ("make_id", "code"),
    [
        (lambda v: to_global_id("Enrollment", v.enrollment_id), "invalid"),
        (lambda v: "not-an-id", "invalid"),
        (lambda v: to_global_id("Vendor", "abc"), "invalid"),
        (lambda v: to_global_id("Vendor", "9" * 30), "invalid"),
        (lambda v: to_global_id("Vendor", v.pk + 1000), "not_found"),
    ],
    ids=["other-type", "garbage", "non-numeric", "overflow", "missing"],
)
def test_ids_that_name_no_vendor_are_field_errors(mutate, coordinator, application, make_id, code):
    result = mutate(APPROVE, {"id": make_id(application)}, user=coordinator)
    assert codes(result) == [("id", code)]
