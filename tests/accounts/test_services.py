import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from marketplace.accounts.models import PrivacyConsent, User
from marketplace.accounts.roles import Role, has_role
from marketplace.accounts.services import (
    RegistrationRequest,
    user_activate,
    user_register,
    user_update_profile,
)
from marketplace.core.models import AuditEvent
from tests.factories import UserFactory


def _request(**overrides):
    data = {
        "email": "Nueva.Persona@Example.com ",
        "password": "arepas-con-queso-2026",
        "first_name": "Luisa",
        "last_name": "Mejía",
        "phone": "300 123 4567",
        "accepted_privacy": True,
        "ip_address": "127.0.0.1",
        "user_agent": "pytest",
    }
    data.update(overrides)
    return RegistrationRequest(**data)


def _activation_link(mail):
    return next(line for line in mail.body.splitlines() if "/activar/" in line).strip()


def test_registration_creates_inactive_citizen_with_consent_and_emails_link(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user_register(data=_request())
    user = User.objects.get()
    assert user.email == "nueva.persona@example.com"
    assert not user.is_active
    assert user.phone == "+573001234567"
    assert user.password.startswith("argon2")
    assert has_role(user, Role.CITIZEN)
    consent = PrivacyConsent.objects.get(user=user)
    assert consent.policy_version == settings.PRIVACY_POLICY_VERSION
    assert consent.ip_address == "127.0.0.1" and consent.accepted_at is not None
    assert AuditEvent.objects.filter(action="account.registered", target_id=str(user.pk)).exists()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"accepted_privacy": False}, "accepted_privacy", "privacy_consent_required"),
        ({"email": "no-es-un-correo"}, "email", "invalid"),
        ({"password": "123"}, "password", "password_too_short"),
        ({"password": "password123"}, "password", "password_too_common"),
        ({"phone": "12"}, "phone", "invalid_phone"),
        ({"first_name": "  "}, "first_name", "required"),
    ],
)
def test_bad_registration_names_field_and_code_and_creates_nothing(
    db, mailoutbox, overrides, field, code
):
    with pytest.raises(ValidationError) as exc:
        user_register(data=_request(**overrides))
    codes = [e.code for e in exc.value.error_dict[field]]
    assert code in codes
    assert not User.objects.exists()
    assert not PrivacyConsent.objects.exists()
    assert mailoutbox == []


def test_existing_email_gets_the_same_outcome_and_a_notice(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="nueva.persona@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        result = user_register(data=_request(first_name="Otra"))
    assert result is None
    assert User.objects.count() == 1
    existing.refresh_from_db()
    assert existing.first_name != "Otra"
    assert [m.to for m in mailoutbox] == [[existing.email]]
    assert "/activar/" not in mailoutbox[0].body


def test_activation_link_works_once(db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user_register(data=_request())
    link = _activation_link(mailoutbox[0])
    uidb64, token = link.rstrip("/").split("/")[-2:]
    user = user_activate(uidb64=uidb64, token=token)
    assert user.is_active and user.email_verified_at is not None
    assert AuditEvent.objects.filter(action="account.activated").count() == 1
    with pytest.raises(ValidationError):
        user_activate(uidb64=uidb64, token=token)
    with pytest.raises(ValidationError) as exc:
        user_activate(uidb64=uidb64, token="bad-token")
    assert exc.value.code == "activation_link_invalid"


def test_profile_update_validates_phone_and_keeps_data_on_error(db):
    user = UserFactory(first_name="Ana", phone="+573001234567")
    with pytest.raises(ValidationError) as exc:
        user_update_profile(user=user, first_name="Ana María", last_name="", phone="55")
    assert exc.value.error_dict["phone"][0].code == "invalid_phone"
    user.refresh_from_db()
    assert (user.first_name, user.phone) == ("Ana", "+573001234567")
    user_update_profile(user=user, first_name="Ana María", last_name="Gil", phone="604 444 5566")
    user.refresh_from_db()
    assert (user.first_name, user.phone) == ("Ana María", "+576044445566")


def test_registering_again_before_activation_resends_the_link(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user_register(data=_request())
        user_register(data=_request())
    assert User.objects.count() == 1
    assert len(mailoutbox) == 2
    assert all("/activar/" in m.body for m in mailoutbox)


def test_a_deactivated_account_is_not_reactivated_by_registering(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    UserFactory(
        email="nueva.persona@example.com", is_active=False, email_verified_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        user_register(data=_request())
    assert "/activar/" not in mailoutbox[0].body
    assert not User.objects.get().is_active
