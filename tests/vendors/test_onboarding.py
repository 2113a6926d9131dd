import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from marketplace.accounts.roles import Role, has_role
from tests.factories import EnrollmentFactory, UserFactory, VendorFactory
from vendors.models import Vendor, VendorClaim, VendorMembership
from vendors.services.onboarding import (
    APPLY_NOTICE_WINDOW,
    vendor_application_confirm,
    vendor_apply,
)


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
    received, code = _apply(applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks)
    assert mailoutbox[-1].to == ["gerencia@arepasdonaluz.example.com"]
    assert received.message.startswith("Si el NIT corresponde a un negocio inscrito")
    assert code not in VendorClaim.objects.get().code_hash
    outcome = vendor_application_confirm(user=applicant, code=code)
    assert outcome.error is None
    vendor = outcome.vendor
    assert vendor.status == Vendor.Status.PENDING_REVIEW
    assert vendor.enrollment == enrollment
    assert VendorMembership.objects.get(vendor=vendor).user == applicant
    assert has_role(applicant, Role.VENDOR_MEMBER)


UNCLAIMABLE = pytest.mark.parametrize(
    ("setup", "business_hears"),
    [
        (lambda e: None, None),
        (
            lambda e: e.__class__.objects.filter(pk=e.pk).update(status="withdrawn"),
            "ya no está inscrito en el programa",
        ),
        (lambda e: VendorFactory(enrollment=e), "el negocio ya tiene una"),
    ],
    ids=["unknown", "withdrawn", "claimed"],
)


@UNCLAIMABLE
def test_nit_that_cannot_be_claimed_answers_like_one_that_can(
    applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks, setup, business_hears
):
    setup(enrollment)
    nit = enrollment.nit if business_hears else "800.197.268-4"
    with django_capture_on_commit_callbacks(execute=True):
        received = vendor_apply(user=applicant, nit=nit)
    assert received.message == vendor_apply_message_for_claimable(enrollment.program)
    # Only the business's registered mailbox learns the state, and never with a code.
    if business_hears is None:
        assert mailoutbox == []
    else:
        [mail] = mailoutbox
        assert mail.to == ["gerencia@arepasdonaluz.example.com"]
        assert business_hears in mail.body
        assert "luz@example.com" in mail.body
        assert not re.search(r"\b\d{6}\b", mail.body)
    # The code step cannot tell either: a claim is open and refuses codes like a real one.
    assert VendorClaim.objects.filter(user=applicant, consumed_at__isnull=True).count() == 1
    outcome = vendor_application_confirm(user=applicant, code="123456")
    assert outcome.error.error_dict["code"][0].code == "claim_code_invalid"
    assert outcome.error.error_dict["code"][0].messages == [
        "El código no coincide. Te quedan 4 intentos."
    ]
    assert VendorMembership.objects.filter(user=applicant).count() == 0


def vendor_apply_message_for_claimable(program) -> str:
    other = EnrollmentFactory(program=program)
    return vendor_apply(user=UserFactory(), nit=other.nit).message


def test_repeated_probes_write_to_the_business_once_per_window(
    enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    probers = [UserFactory() for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        for prober in probers:
            vendor_apply(user=prober, nit=enrollment.nit)
    assert len(mailoutbox) == 1
    # Every prober still has a claim of their own, so their code step looks the same.
    assert VendorClaim.objects.filter(user__in=probers, consumed_at__isnull=True).count() == 3
    VendorClaim.objects.update(created_at=timezone.now() - APPLY_NOTICE_WINDOW)
    with django_capture_on_commit_callbacks(execute=True):
        vendor_apply(user=probers[0], nit=enrollment.nit)
    assert len(mailoutbox) == 2


def test_asking_again_within_the_window_keeps_the_code_already_sent(
    applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    _received, code = _apply(applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        vendor_apply(user=applicant, nit=enrollment.nit)
    assert len(mailoutbox) == 1
    assert vendor_application_confirm(user=applicant, code=code).vendor is not None


def test_a_later_probe_does_not_spoil_the_code_the_owner_received(
    applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    _received, code = _apply(applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks)
    vendor_apply(user=UserFactory(), nit=enrollment.nit)
    assert vendor_application_confirm(user=applicant, code=code).vendor is not None


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


def test_a_new_code_after_the_window_supersedes_the_old(
    applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    _s, first = _apply(applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks)
    VendorClaim.objects.update(created_at=timezone.now() - APPLY_NOTICE_WINDOW)
    _s, second = _apply(applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    if first != second:
        assert vendor_application_confirm(user=applicant, code=first).error is not None
    assert vendor_application_confirm(user=applicant, code=second).vendor is not None


def test_applications_per_hour_are_limited_whatever_the_nit(applicant, enrollment):
    for nit in (enrollment.nit, "800.197.268-4", EnrollmentFactory().nit):
        vendor_apply(user=applicant, nit=nit)
    for nit in (enrollment.nit, "800.197.268-4"):
        with pytest.raises(ValidationError) as exc:
            vendor_apply(user=applicant, nit=nit)
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
