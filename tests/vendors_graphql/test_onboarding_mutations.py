import re

import pytest

from marketplace.core.models import AuditEvent
from tests.factories import EnrollmentFactory, UserFactory, VendorFactory
from vendors.identifiers import nit_format
from vendors.models import Vendor, VendorClaim, VendorMembership

from .conftest import ERRORS

APPLY = f"mutation($nit: String!) {{ vendorApply(nit: $nit) {{ message sentTo {ERRORS} }} }}"
CONFIRM = f"""
mutation($code: String!) {{
  vendorApplicationConfirm(code: $code) {{
    vendor {{ displayName status members {{ email role }} sellerInformation {{ nit }} }}
    {ERRORS}
  }}
}}
"""
MY_VENDORS = "{ me { vendorMemberships { role vendor { slug status } } } }"


@pytest.fixture
def enrollment(db):
    return EnrollmentFactory(
        trade_name="Arepas Doña Luz", contact_email="gerencia@arepasdonaluz.example.com"
    )


@pytest.fixture
def applicant(db):
    return UserFactory(email="luz@example.com")


def apply(mutate, applicant, nit, mailoutbox, capture):
    with capture(execute=True):
        result = mutate(APPLY, {"nit": nit}, user=applicant)
    assert result["errors"] == []
    return result, re.search(r"\b(\d{6})\b", mailoutbox[-1].body).group(1)


def test_apply_and_confirm_create_a_pending_vendor_owned_by_the_applicant(
    mutate, gql, applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    formatted_nit = nit_format(enrollment.nit)
    started, code = apply(
        mutate, applicant, formatted_nit, mailoutbox, django_capture_on_commit_callbacks
    )
    assert started["message"].startswith("Si el NIT corresponde a un negocio inscrito")
    assert started["sentTo"] is None
    assert mailoutbox[-1].to == ["gerencia@arepasdonaluz.example.com"]

    confirmed = mutate(CONFIRM, {"code": code}, user=applicant)
    assert confirmed["errors"] == []
    assert confirmed["vendor"] == {
        "displayName": "Arepas Doña Luz",
        "status": "PENDING_REVIEW",
        "members": [{"email": "luz@example.com", "role": "OWNER"}],
        "sellerInformation": {"nit": formatted_nit},
    }
    vendor = Vendor.objects.get(enrollment=enrollment)
    assert VendorMembership.objects.get(vendor=vendor).user == applicant
    memberships = gql(MY_VENDORS, user=applicant)["data"]["me"]["vendorMemberships"]
    assert memberships == [
        {"role": "OWNER", "vendor": {"slug": vendor.slug, "status": "PENDING_REVIEW"}}
    ]


def test_enrolled_claimed_withdrawn_and_unknown_nits_get_the_same_answer(
    mutate, applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    claimed = EnrollmentFactory()
    VendorFactory(enrollment=claimed)
    withdrawn = EnrollmentFactory(status="withdrawn")
    nits = [enrollment.nit, claimed.nit, withdrawn.nit, "800.197.268-4"]
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for nit in nits:
            answers.append(mutate(APPLY, {"nit": nit}, user=UserFactory()))
    assert answers[0]["errors"] == []
    assert answers[0]["message"].startswith("Si el NIT corresponde a un negocio inscrito")
    assert all(answer == answers[0] for answer in answers)
    # The next step reached only the businesses' registered mailboxes; the unknown NIT has none.
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [enrollment.contact_email, claimed.contact_email, withdrawn.contact_email]
    )
    assert AuditEvent.objects.filter(action="vendor.claim_requested").count() == 4


def test_a_probe_of_an_unclaimable_nit_meets_the_same_code_step(mutate, applicant):
    mutate(APPLY, {"nit": "800.197.268-4"}, user=applicant)
    result = mutate(CONFIRM, {"code": "123456"}, user=applicant)
    assert result["vendor"] is None
    assert [(e["field"], e["code"], e["message"]) for e in result["errors"]] == [
        ("code", "claim_code_invalid", "El código no coincide. Te quedan 4 intentos.")
    ]


def test_wrong_check_digit_and_anonymous_applicant_are_refused(mutate, applicant, enrollment):
    nit = enrollment.nit[:-1] + str((int(enrollment.nit[-1]) + 1) % 10)
    invalid = mutate(APPLY, {"nit": nit}, user=applicant)["errors"]
    assert [(e["field"], e["code"]) for e in invalid] == [("nit", "invalid_nit")]
    anonymous = mutate(APPLY, {"nit": enrollment.nit})["errors"]
    assert [e["code"] for e in anonymous] == ["permission_denied"]
    assert not VendorClaim.objects.exists()


def test_wrong_codes_are_counted_through_the_api_and_lock_the_claim(
    mutate, applicant, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    _started, code = apply(
        mutate, applicant, enrollment.nit, mailoutbox, django_capture_on_commit_callbacks
    )
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        result = mutate(CONFIRM, {"code": wrong}, user=applicant)
        assert result["vendor"] is None
        assert [(e["field"], e["code"]) for e in result["errors"]] == [
            ("code", "claim_code_invalid")
        ]
    # Committed with each refusal: a rolled-back mutation would have left the counter at 0.
    assert VendorClaim.objects.get().attempts == 5
    locked = mutate(CONFIRM, {"code": code}, user=applicant)
    assert [e["code"] for e in locked["errors"]] == ["claim_too_many_attempts"]
    assert not Vendor.objects.exists()
