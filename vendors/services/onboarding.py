"""Claiming a vendor account: the NIT must be on the roster and the claimant must prove they
read the roster's contact mailbox (a six-digit code, 30 minutes, 5 tries)."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marketplace.accounts.roles import Role, grant_role
from marketplace.core.audit import audit_record
from marketplace.core.mail import email_send_templated
from marketplace.core.permissions import require_authenticated

from ..error_codes import VendorErrorCode
from ..identifiers import nit_normalize
from ..models import Enrollment, Vendor, VendorClaim, VendorMembership

CLAIM_TTL = timedelta(minutes=30)
CLAIM_MAX_ATTEMPTS = 5
CLAIMS_PER_HOUR = 3


def _hash(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'*' * max(len(local) - 1, 2)}@{domain}"


def _error(field: str, message: str, code: VendorErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _claimable_enrollment(nit: str) -> Enrollment:
    enrollments = list(
        Enrollment.objects.filter(nit=nit, program__is_active=True).select_related("vendor")
    )
    if not enrollments:
        raise _error(
            "nit",
            _(
                "Este NIT no está inscrito en el programa. Solo los negocios acompañados por el "
                "programa pueden vender en la Tienda Virtual: comunícate con la oficina de "
                "desarrollo económico de tu municipio para inscribirte."
            ),
            VendorErrorCode.NIT_NOT_ENROLLED,
        )
    open_ = [e for e in enrollments if e.status != Enrollment.Status.WITHDRAWN]
    if not open_:
        raise _error(
            "nit",
            _(
                "Este negocio se retiró del programa. Comunícate con el equipo del programa para volver."
            ),
            VendorErrorCode.ENROLLMENT_WITHDRAWN,
        )
    enrollment = open_[0]
    if hasattr(enrollment, "vendor"):
        raise _error(
            "nit",
            _("Este negocio ya tiene una cuenta de vendedor. Pide a su propietario que te invite."),
            VendorErrorCode.NIT_ALREADY_CLAIMED,
        )
    return enrollment


@dataclass(frozen=True)
class ClaimStarted:
    claim: VendorClaim
    sent_to: str  # masked address, safe to show


@transaction.atomic
def vendor_apply(*, user, nit: str) -> ClaimStarted:
    require_authenticated(user)
    enrollment = _claimable_enrollment(nit_normalize(nit))
    recent = VendorClaim.objects.filter(
        user=user, enrollment=enrollment, created_at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    if recent >= CLAIMS_PER_HOUR:
        raise _error(
            "nit",
            _(
                "Ya pediste varios códigos en la última hora. Espera un momento e inténtalo de nuevo."
            ),
            VendorErrorCode.CLAIM_TOO_MANY_ATTEMPTS,
        )
    # A new code supersedes the previous ones.
    VendorClaim.objects.filter(user=user, consumed_at__isnull=True).update(
        consumed_at=timezone.now()
    )
    code = f"{secrets.randbelow(10**6):06d}"
    claim = VendorClaim.objects.create(
        user=user,
        enrollment=enrollment,
        code_hash=_hash(code),
        expires_at=timezone.now() + CLAIM_TTL,
    )
    email_send_templated(
        to=enrollment.contact_email,
        template="vendors/email/claim_code",
        context={"code": code, "enrollment": enrollment, "claimant": user, "minutes": 30},
    )
    audit_record(actor=user, action="vendor.claim_requested", target=enrollment)
    return ClaimStarted(claim=claim, sent_to=mask_email(enrollment.contact_email))


def open_claim_for(user) -> VendorClaim | None:
    return (
        VendorClaim.objects.filter(user=user, consumed_at__isnull=True)
        .select_related("enrollment")
        .order_by("-created_at")
        .first()
    )


@dataclass(frozen=True)
class ClaimOutcome:
    """A wrong code is not raised: the attempt counter must be committed with the refusal."""

    vendor: Vendor | None = None
    error: ValidationError | None = None


def _unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "negocio"
    slug, n = base, 2
    while Vendor.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def vendor_application_confirm(*, user, code: str) -> ClaimOutcome:
    require_authenticated(user)
    claim = (
        VendorClaim.objects.select_for_update()
        .filter(pk=getattr(open_claim_for(user), "pk", None))
        .first()
    )
    if claim is None:
        raise _error(
            "code",
            _("No tienes una solicitud pendiente. Empieza de nuevo con tu NIT."),
            VendorErrorCode.CLAIM_CODE_INVALID,
        )
    if claim.expires_at <= timezone.now():
        raise _error(
            "code", _("El código venció. Pide uno nuevo."), VendorErrorCode.CLAIM_CODE_EXPIRED
        )
    if claim.attempts >= CLAIM_MAX_ATTEMPTS:
        raise _error(
            "code",
            _("Agotaste los intentos para este código. Pide uno nuevo."),
            VendorErrorCode.CLAIM_TOO_MANY_ATTEMPTS,
        )
    if not hmac.compare_digest(claim.code_hash, _hash((code or "").strip())):
        claim.attempts += 1
        claim.save(update_fields=["attempts"])
        left = CLAIM_MAX_ATTEMPTS - claim.attempts
        return ClaimOutcome(
            error=_error(
                "code",
                _("El código no coincide. Te quedan %(left)d intentos.") % {"left": left},
                VendorErrorCode.CLAIM_CODE_INVALID,
            )
        )
    enrollment = Enrollment.objects.select_for_update().get(pk=claim.enrollment_id)
    _claimable_enrollment(enrollment.nit)  # still on the roster and unclaimed
    claim.consumed_at = timezone.now()
    claim.save(update_fields=["consumed_at"])
    vendor = Vendor.objects.create(
        enrollment=enrollment,
        display_name=str(enrollment)[:120],
        slug=_unique_slug(str(enrollment)),
        notice_email=enrollment.contact_email,
        notice_phone=enrollment.contact_phone,
    )
    VendorMembership.objects.create(vendor=vendor, user=user, role=VendorMembership.Role.OWNER)
    grant_role(user, Role.VENDOR_MEMBER)
    audit_record(actor=user, action="vendor.applied", target=vendor, data={"nit": enrollment.nit})
    return ClaimOutcome(vendor=vendor)
