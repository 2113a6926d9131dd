import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.core.events import subscribe, unsubscribe
from marketplace.core.models import AuditEvent
from tests.factories import VendorFactory
from vendors.events import VendorActivated, VendorSuspended
from vendors.services.lifecycle import (
    vendor_approve,
    vendor_close,
    vendor_reactivate,
    vendor_reject,
    vendor_suspend,
)
from vendors.services.roster import enrollment_change_status


@pytest.fixture
def events():
    seen = []

    def record(event):
        seen.append((type(event).__name__, event.vendor_id))

    subscribe(VendorSuspended)(record)
    subscribe(VendorActivated)(record)
    yield seen
    unsubscribe(VendorSuspended, record)
    unsubscribe(VendorActivated, record)


def _audit(vendor, action):
    return AuditEvent.objects.filter(
        target_type="vendors.vendor", target_id=str(vendor.pk), action=action
    )


def test_application_is_approved_by_a_coordinator(
    coordinator, events, django_capture_on_commit_callbacks
):
    vendor = VendorFactory(status="pending_review")
    with django_capture_on_commit_callbacks(execute=True):
        vendor_approve(vendor=vendor, approved_by=coordinator)
    vendor.refresh_from_db()
    assert vendor.status == "active" and vendor.approved_at is not None
    assert _audit(vendor, "vendor.approved").get().data["after"] == {"status": "active"}
    assert events == [("VendorActivated", vendor.pk)]


def test_rejection_needs_a_reason_and_is_final(coordinator):
    vendor = VendorFactory(status="pending_review")
    with pytest.raises(ValidationError) as exc:
        vendor_reject(vendor=vendor, rejected_by=coordinator, reason="  ")
    assert exc.value.error_dict["reason"][0].code == "reason_required"
    vendor.refresh_from_db()
    assert vendor.status == "pending_review"
    vendor_reject(
        vendor=vendor, rejected_by=coordinator, reason="El NIT no corresponde al negocio."
    )
    assert (
        _audit(vendor, "vendor.rejected").get().data["reason"]
        == "El NIT no corresponde al negocio."
    )
    with pytest.raises(ValidationError) as exc:
        vendor_approve(vendor=vendor, approved_by=coordinator)
    assert exc.value.error_dict["status"][0].code == "invalid_transition"


def test_suspension_publishes_event_and_reactivation_brings_it_back(
    coordinator, events, django_capture_on_commit_callbacks
):
    vendor = VendorFactory(status="active")
    with django_capture_on_commit_callbacks(execute=True):
        vendor_suspend(vendor=vendor, suspended_by=coordinator, reason="Incumplió las condiciones.")
    assert vendor.status == "suspended"
    with django_capture_on_commit_callbacks(execute=True):
        vendor_reactivate(vendor=vendor, reactivated_by=coordinator)
    assert vendor.status == "active"
    assert events == [("VendorSuspended", vendor.pk), ("VendorActivated", vendor.pk)]
    assert _audit(vendor, "vendor.suspended").count() == 1
    assert _audit(vendor, "vendor.reactivated").count() == 1


@pytest.mark.parametrize(
    ("start", "action"),
    [
        ("pending_review", "suspend"),
        ("active", "approve"),
        ("closed", "reactivate"),
        ("rejected", "suspend"),
        ("suspended", "suspend"),
    ],
)
def test_refused_transitions_change_nothing(coordinator, start, action):
    vendor = VendorFactory(status=start)
    calls = {
        "suspend": lambda: vendor_suspend(vendor=vendor, suspended_by=coordinator, reason="x"),
        "approve": lambda: vendor_approve(vendor=vendor, approved_by=coordinator),
        "reactivate": lambda: vendor_reactivate(vendor=vendor, reactivated_by=coordinator),
    }
    with pytest.raises(ValidationError):
        calls[action]()
    vendor.refresh_from_db()
    assert vendor.status == start
    assert not AuditEvent.objects.filter(target_type="vendors.vendor").exists()


def test_closing_is_terminal(coordinator):
    vendor = VendorFactory(status="active")
    vendor_close(vendor=vendor, closed_by=coordinator, reason="El negocio cerró.")
    with pytest.raises(ValidationError):
        vendor_reactivate(vendor=vendor, reactivated_by=coordinator)


def test_only_coordinators_decide(citizen, moderator, vendor_owner):
    vendor = VendorFactory(status="pending_review")
    for user in (citizen, moderator, vendor_owner):
        with pytest.raises(PermissionDenied):
            vendor_approve(vendor=vendor, approved_by=user)
    vendor.refresh_from_db()
    assert vendor.status == "pending_review"


def test_withdrawing_the_enrolment_suspends_the_vendor(
    coordinator, events, django_capture_on_commit_callbacks
):
    vendor = VendorFactory(status="active")
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_change_status(
            enrollment=vendor.enrollment, status="withdrawn", changed_by=coordinator
        )
    vendor.refresh_from_db()
    assert vendor.status == "suspended"
    event = _audit(vendor, "vendor.suspended").get()
    assert event.actor == coordinator
    assert events == [("VendorSuspended", vendor.pk)]
    with pytest.raises(ValidationError) as exc:
        vendor_reactivate(vendor=vendor, reactivated_by=coordinator)
    assert exc.value.error_dict["status"][0].code == "enrollment_withdrawn"


def test_an_application_of_a_withdrawn_business_cannot_be_approved(coordinator):
    vendor = VendorFactory(status="pending_review", enrollment__status="withdrawn")
    with pytest.raises(ValidationError) as exc:
        vendor_approve(vendor=vendor, approved_by=coordinator)
    assert exc.value.error_dict["status"][0].code == "enrollment_withdrawn"
    vendor.refresh_from_db()
    assert vendor.status == "pending_review"
