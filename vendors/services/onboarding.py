"""Claiming a vendor account: the NIT must be on the roster and the claimant must prove they
read the roster's contact mailbox (a six-digit code, 30 minutes, 5 tries). Until the code is
right, nothing the claimant sees depends on whether the NIT is enrolled, claimed or unknown."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marketplace.accounts.roles import Role, grant_role
from marketplace.core.audit import audit_record
from marketplace.core.mail import email_render_templated, email_send_templated
from marketplace.core.permissions import require_authenticated

from ..error_codes import VendorErrorCode
from ..identifiers import nit_normalize
from ..models import Enrollment, Vendor, VendorClaim, VendorMembership

CLAIM_TTL = timedelta(minutes=30)
CLAIM_MAX_ATTEMPTS = 5
CLAIMS_PER_HOUR = 3
# However many people type a NIT, its business's mailbox hears of it once in this window.
APPLY_NOTICE_WINDOW = timedelta(minutes=15)


def _hash(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def _error(field: str, message: str, code: VendorErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _claimable_enrollment(nit: str) -> Enrollment:
    """Used once the claimant proved they read the roster mailbox: then the reason may be said."""
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


class _State(StrEnum):
    CLAIMABLE = "claimable"
    CLAIMED = "claimed"
    WITHDRAWN = "withdrawn"
    UNKNOWN = "unknown"


# What the business's registered mailbox receives in each state; an unknown NIT has no mailbox.
_NOTICE_TEMPLATES = {
    _State.CLAIMABLE: "vendors/email/claim_code",
    _State.CLAIMED: "vendors/email/apply_already_claimed",
    _State.WITHDRAWN: "vendors/email/apply_withdrawn",
}


def _enrollment_state(nit: str) -> tuple[Enrollment | None, _State]:
    """Locks the enrollment it finds, so two parallel probes cannot both pass the dedupe."""
    enrollments = list(
        Enrollment.objects.select_for_update(of=("self",))
        .filter(nit=nit, program__is_active=True)
        .select_related("vendor")
        .order_by("pk")
    )
    open_ = [e for e in enrollments if e.status != Enrollment.Status.WITHDRAWN]
    if open_:
        enrollment = open_[0]
        return enrollment, _State.CLAIMED if hasattr(enrollment, "vendor") else _State.CLAIMABLE
    if enrollments:
        return enrollments[0], _State.WITHDRAWN
    return None, _State.UNKNOWN


def apply_received_message() -> str:
    return _(
        "Si el NIT corresponde a un negocio inscrito en el programa, enviamos las instrucciones "
        "al correo registrado del negocio. Si te llega un código de 6 dígitos, escríbelo aquí; "
        "vence en 30 minutos."
    )


@dataclass(frozen=True)
class ApplyReceived:
    """The same for every NIT: nothing here says whether the business is on the roster."""

    message: str


@transaction.atomic
def vendor_apply(*, user, nit: str) -> ApplyReceived:
    """Whatever the NIT's state, the applicant gets the same answer and a claim row of their
    own: a real code reached the roster mailbox only when the business can be claimed; the
    other rows hold the hash of a secret nobody has, so the code step behaves alike too. The
    business's mailbox hears of it at most once per APPLY_NOTICE_WINDOW."""
    require_authenticated(user)
    nit = nit_normalize(nit)  # a bad check digit says nothing about the roster
    now = timezone.now()
    if (
        VendorClaim.objects.filter(user=user, created_at__gte=now - timedelta(hours=1)).count()
        >= CLAIMS_PER_HOUR
    ):
        raise _error(
            "nit",
            _(
                "Ya pediste varios códigos en la última hora. Espera un momento e inténtalo de nuevo."
            ),
            VendorErrorCode.CLAIM_TOO_MANY_ATTEMPTS,
        )
    enrollment, state = _enrollment_state(nit)
    code = f"{secrets.randbelow(10**6):06d}"
    decoy_hash = _hash(secrets.token_hex(16))
    notified = False
    if enrollment is not None:
        recent_notice = VendorClaim.objects.filter(
            enrollment=enrollment, notified=True, created_at__gte=now - APPLY_NOTICE_WINDOW
        )
        if not recent_notice.exists():
            notified = True
        elif recent_notice.filter(user=user, consumed_at__isnull=True).exists():
            # The applicant asked again for a code already in the mailbox: it keeps working.
            audit_record(
                actor=user,
                action="vendor.claim_requested",
                target=enrollment,
                data={"nit": nit, "state": state, "notified": False},
            )
            return ApplyReceived(message=apply_received_message())
    # A new request supersedes the applicant's previous ones.
    VendorClaim.objects.filter(user=user, consumed_at__isnull=True).update(consumed_at=now)
    real_code = notified and state == _State.CLAIMABLE
    VendorClaim.objects.create(
        user=user,
        enrollment=enrollment,
        code_hash=_hash(code) if real_code else decoy_hash,
        expires_at=now + CLAIM_TTL,
        notified=notified,
    )
    context = {"code": code, "enrollment": enrollment, "claimant": user, "minutes": 30}
    if notified:
        email_send_templated(
            to=enrollment.contact_email, template=_NOTICE_TEMPLATES[state], context=context
        )
    else:
        # Keep the answer's timing close to a sending one: the same rendering, nothing sent.
        email_render_templated(template=_NOTICE_TEMPLATES[_State.CLAIMABLE], context=context)
    audit_record(
        actor=user,
        action="vendor.claim_requested",
        target=enrollment,
        data={"nit": nit, "state": state, "notified": notified},
    )
    return ApplyReceived(message=apply_received_message())


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
