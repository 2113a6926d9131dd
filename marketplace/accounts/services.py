"""Account writes: registration with consent, activation, profile changes."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import CoreErrorCode
from marketplace.core.mail import email_send_templated

from .emails import email_normalize, email_validate_unambiguous
from .error_codes import AccountErrorCode
from .models import PrivacyConsent, User
from .phones import phone_normalize
from .roles import Role, grant_role


class _ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Activation links stop working once used: the verification time is part of the hash."""

    key_salt = "marketplace.accounts.activation"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.email_verified_at}{timestamp}"


activation_token_generator = _ActivationTokenGenerator()


@dataclass(frozen=True)
class RegistrationRequest:
    email: str
    password: str
    first_name: str
    last_name: str
    phone: str = ""
    accepted_privacy: bool = False
    ip_address: str | None = None
    user_agent: str = ""


def _validate_registration(data: RegistrationRequest) -> tuple[str, str]:
    errors: dict[str, list[ValidationError]] = {}
    email = email_normalize(data.email)
    try:
        # Lookalikes first: their own message says what is wrong, "invalid" would not.
        email_validate_unambiguous(email)
        validate_email(email)
    except ValidationError as exc:
        errors["email"] = (
            exc.error_dict["email"]
            if hasattr(exc, "error_dict")
            else [ValidationError(_("Escribe un correo válido."), code=CoreErrorCode.INVALID)]
        )
    if not (data.first_name or "").strip():
        errors["first_name"] = [
            ValidationError(_("Escribe tu nombre."), code=CoreErrorCode.REQUIRED)
        ]
    if not data.accepted_privacy:
        errors["accepted_privacy"] = [
            ValidationError(
                _("Debes aceptar la política de tratamiento de datos para crear tu cuenta."),
                code=AccountErrorCode.PRIVACY_CONSENT_REQUIRED,
            )
        ]
    phone = ""
    try:
        phone = phone_normalize(data.phone)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        probe = User(email=email, first_name=data.first_name, last_name=data.last_name)
        validate_password(data.password or "", user=probe)
    except ValidationError as exc:
        errors["password"] = exc.error_list
    if errors:
        raise ValidationError(errors)
    return email, phone


def user_register(*, data: RegistrationRequest) -> None:
    """Create an inactive account and email its activation link.

    An address that already has an account gets an email saying so instead; the caller sees the
    same outcome either way, so registration cannot be used to find out who has an account.
    """
    email, phone = _validate_registration(data)
    with transaction.atomic():
        existing = User.objects.filter(email=email).first()
        if existing is not None:
            # Creating an account hashes the password (Argon2, deliberately slow); hash it here
            # too, so the answer takes as long whether or not the address has an account.
            make_password(data.password)
        if existing is not None and not existing.is_active and existing.email_verified_at is None:
            # Registered but never activated: the link may have been lost, so send a new one.
            _send_activation(existing)
            return
        if existing is not None:
            email_send_templated(
                to=existing.email,
                template="accounts/email/already_registered",
                context={
                    "user": existing,
                    "login_url": settings.SITE_URL + reverse("accounts:login"),
                },
            )
            return
        user = User.objects.create_user(
            email=email,
            password=data.password,
            first_name=data.first_name.strip(),
            last_name=(data.last_name or "").strip(),
            phone=phone,
            is_active=False,
        )
        grant_role(user, Role.CITIZEN)
        PrivacyConsent.objects.create(
            user=user,
            policy_version=settings.PRIVACY_POLICY_VERSION,
            ip_address=data.ip_address,
            user_agent=(data.user_agent or "")[:255],
        )
        audit_record(
            actor=None,
            action="account.registered",
            target=user,
            data={"policy_version": settings.PRIVACY_POLICY_VERSION},
        )
        _send_activation(user)


def _send_activation(user: User) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = activation_token_generator.make_token(user)
    email_send_templated(
        to=user.email,
        template="accounts/email/activate",
        context={
            "user": user,
            "activation_url": settings.SITE_URL
            + reverse("accounts:activate", kwargs={"uidb64": uid, "token": token}),
        },
    )


def user_activate(*, uidb64: str, token: str) -> User:
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        user = None
    if user is None or not activation_token_generator.check_token(user, token):
        raise ValidationError(
            _("El enlace de activación no es válido o ya se usó."),
            code=AccountErrorCode.ACTIVATION_LINK_INVALID,
        )
    if user.email_verified_at is None:
        with transaction.atomic():
            user.is_active = True
            user.email_verified_at = timezone.now()
            user.save(update_fields=["is_active", "email_verified_at"])
            audit_record(actor=user, action="account.activated", target=user)
    return user


def user_update_profile(*, user: User, first_name: str, last_name: str, phone: str) -> User:
    errors = {}
    if not (first_name or "").strip():
        errors["first_name"] = [
            ValidationError(_("Escribe tu nombre."), code=CoreErrorCode.REQUIRED)
        ]
    try:
        phone = phone_normalize(phone)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user.first_name = first_name.strip()
        user.last_name = (last_name or "").strip()
        user.phone = phone
        user.save(update_fields=["first_name", "last_name", "phone"])
    return user


def user_record_consent(
    *, user: User, ip_address: str | None, user_agent: str = ""
) -> PrivacyConsent:
    consent, _created = PrivacyConsent.objects.get_or_create(
        user=user,
        policy_version=settings.PRIVACY_POLICY_VERSION,
        defaults={"ip_address": ip_address, "user_agent": (user_agent or "")[:255]},
    )
    return consent
