import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from marketplace.accounts.roles import Role, has_role
from tests.factories import EnrollmentFactory, UserFactory, VendorFactory
from vendors.models import Vendor, VendorClaim, VendorMembership
from vendors.services.onboarding import vendor_application_confirm, vendor_apply


@pytest.fixture
def enrollment(db):
    return EnrollmentFactory(contact_email="gerencia@arepasdonaluz.example.com")


@pytest.fixture
def applicant(db):
    return UserFactory(email="luz@example.com")


def _code(mail):
    return re.search(r"\b(\d{6})\b", mail.body).group(1)


def _apply(applicant, enrollment, mailoutbox, capture):
    with capture(execute=True):
        started = vendor_apply(user=applicant, nit=enrollment.nit)
    return started, _code(mailoutbox[-1])


def test_claim_code_goes_to_roster_contact_and_creates_pending_vendor(
    applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    started, code = _apply(applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks)
    assert mailoutbox[-1].to == ["gerencia@arepasdonaluz.example.com"]
    assert started.sent_to == "g*******@arepasdonaluz.example.com"
    assert code not in VendorClaim.objects.get().code_hash
    outcome = vendor_application_confirm(user=applicant, code=code)
    assert outcome.error is None
    vendor = outcome.vendor
    assert vendor.status == Vendor.Status.PENDING_REVIEW
    assert vendor.enrollment == enrollment
    assert VendorMembership.objects.get(vendor=vendor).user == applicant
    assert has_role(applicant, Role.VENDOR_MEMBER)


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        (lambda e: None, "nit_not_enrolled"),
        (
            lambda e: e.__class__.objects.filter(pk=e.pk).update(status="withdrawn"),
            "enrollment_withdrawn",
        ),
        (lambda e: VendorFactory(enrollment=e), "nit_already_claimed"),
    ],
    ids=["unknown", "withdrawn", "claimed"],
)
def test_nit_that_cannot_be_claimed_creates_nothing(applicant, enrollment, mailoutbox, setup, code):
    setup(enrollment)
    nit = enrollment.nit if code != "nit_not_enrolled" else "800.197.268-4"
    with pytest.raises(ValidationError) as exc:
        vendor_apply(user=applicant, nit=nit)
    assert exc.value.error_dict["nit"][0].code == code
    assert not VendorClaim.objects.exists()
    assert mailoutbox == []


def test_wrong_codes_count_and_lock_after_five(
    applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    _started, code = _apply(applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for left in (4, 3, 2, 1, 0):
        outcome = vendor_application_confirm(user=applicant, code=wrong)
        assert outcome.vendor is None
        assert outcome.error.error_dict["code"][0].code == "claim_code_invalid"
        assert str(left) in outcome.error.error_dict["code"][0].messages[0]
    assert VendorClaim.objects.get().attempts == 5
    with pytest.raises(ValidationError) as exc:
        vendor_application_confirm(user=applicant, code=code)
    assert exc.value.error_dict["code"][0].code == "claim_too_many_attempts"
    assert not Vendor.objects.exists()


def test_expired_code_is_refused(
    applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    _started, code = _apply(applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks)
    VendorClaim.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError) as exc:
        vendor_application_confirm(user=applicant, code=code)
    assert exc.value.error_dict["code"][0].code == "claim_code_expired"
    assert not Vendor.objects.exists()


def test_a_new_code_supersedes_the_old_and_requests_are_rate_limited(
    applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    _s, first = _apply(applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks)
    _s, second = _apply(applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks)
    if first != second:
        outcome = vendor_application_confirm(user=applicant, code=first)
        assert outcome.error is not None
    _apply(applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as exc:
        vendor_apply(user=applicant, nit=enrollment.nit)
    assert exc.value.error_dict["nit"][0].code == "claim_too_many_attempts"


def test_enrolment_claimed_meanwhile_is_refused_at_confirmation(
    applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    _s, code = _apply(applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks)
    VendorFactory(enrollment=enrollment)
    with pytest.raises(ValidationError) as exc:
        vendor_application_confirm(user=applicant, code=code)
    assert exc.value.error_dict["nit"][0].code == "nit_already_claimed"
    assert VendorMembership.objects.filter(user=applicant).count() == 0
