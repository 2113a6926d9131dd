"""Vendor memberships: the owner invites staff by email and removes them."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.roles import Role, grant_role, revoke_role
from marketplace.core.audit import audit_record
from marketplace.core.errors import CoreErrorCode
from marketplace.core.mail import email_send_templated
from marketplace.core.permissions import require_authenticated

from ..error_codes import VendorErrorCode
from ..models import Vendor, VendorInvitation, VendorMembership
from ..permissions import require_vendor_member

INVITATION_TTL = timedelta(days=7)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def vendor_member_invite(*, vendor: Vendor, email: str, invited_by) -> VendorInvitation:
    require_vendor_member(invited_by, vendor, owner=True)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": ValidationError(_("Escribe un correo válido."), code=CoreErrorCode.INVALID)}
        ) from None
    if VendorMembership.objects.filter(vendor=vendor, user__email__iexact=email).exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("Esa persona ya es parte de tu equipo."),
                    code=VendorErrorCode.ALREADY_A_MEMBER,
                )
            }
        )
    token = secrets.token_urlsafe(32)
    invitation = VendorInvitation.objects.create(
        vendor=vendor,
        email=email,
        token_hash=_token_hash(token),
        invited_by=invited_by,
        expires_at=timezone.now() + INVITATION_TTL,
    )
    email_send_templated(
        to=email,
        template="vendors/email/invitation",
        context={
            "vendor": vendor,
            "invited_by": invited_by,
            "accept_url": settings.SITE_URL
            + reverse("vendors:invitation_accept", kwargs={"token": token}),
        },
    )
    audit_record(
        actor=invited_by, action="vendor.member_invited", target=vendor, data={"email": email}
    )
    return invitation


@transaction.atomic
def vendor_invitation_accept(*, token: str, user) -> VendorMembership:
    require_authenticated(user)
    invitation = (
        VendorInvitation.objects.select_for_update()
        .select_related("vendor")
        .filter(
            token_hash=_token_hash(token or ""),
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )
    if invitation is None or invitation.email.lower() != user.email.lower():
        raise ValidationError(
            _("La invitación no es válida, venció o es para otro correo."),
            code=VendorErrorCode.INVITATION_INVALID,
        )
    membership, _created = VendorMembership.objects.get_or_create(
        vendor=invitation.vendor, user=user, defaults={"role": VendorMembership.Role.STAFF}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    grant_role(user, Role.VENDOR_MEMBER)
    audit_record(actor=user, action="vendor.member_joined", target=invitation.vendor)
    return membership


@transaction.atomic
def vendor_member_remove(*, membership: VendorMembership, removed_by) -> None:
    require_vendor_member(removed_by, membership.vendor, owner=True)
    if membership.role == VendorMembership.Role.OWNER:
        raise ValidationError(
            _("No puedes quitar a la persona propietaria del negocio."),
            code=VendorErrorCode.CANNOT_REMOVE_OWNER,
        )
    audit_record(
        actor=removed_by,
        action="vendor.member_removed",
        target=membership.vendor,
        data={"email": membership.user.email},
    )
    user = membership.user
    membership.delete()
    if not VendorMembership.objects.filter(user=user).exists():
        revoke_role(user, Role.VENDOR_MEMBER)
