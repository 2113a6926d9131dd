"""Moderation decisions by programme staff: approve, reject with a reason, take down.

Each decision locks the listing row, so of two moderators deciding at once the second finds the
listing no longer in review and is refused with nothing changed. A moderator who is a member of
the listing's vendor may not decide on it. Vendors hear of every decision after commit.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import CoreErrorCode
from marketplace.core.events import publish
from marketplace.core.mail import email_send_templated
from marketplace.core.permissions import require_perm
from vendors.models import VendorMembership
from vendors.services.notifications import vendor_notify

from ..error_codes import CatalogErrorCode
from ..events import ProductChanged
from ..models import ModerationCase, Product
from ..moderation_checks import listing_flags
from .moderation_notices import listing_decision_notice

Reason = ModerationCase.Reason


def _error(field_name, message, code):
    return ValidationError({field_name: ValidationError(message, code=code)})


def moderation_case_open(*, product: Product, submitted_by) -> ModerationCase:
    """Called inside the submission's transaction: queue the listing with its automatic flags."""
    return ModerationCase.objects.create(
        product=product, submitted_by=submitted_by, flags=listing_flags(product)
    )


def _require_moderator(user, product: Product) -> None:
    require_perm(user, "accounts.moderate_listings")
    if VendorMembership.objects.filter(vendor_id=product.vendor_id, user=user).exists():
        raise PermissionDenied(
            _("No puedes decidir sobre publicaciones de un negocio del que haces parte.")
        )


def _locked(product: Product, expected: str) -> tuple[Product, ModerationCase | None]:
    locked = Product.objects.select_for_update().select_related("vendor").get(pk=product.pk)
    if locked.status != expected:
        message = (
            _("Esta publicación ya no está en revisión: otra persona decidió antes.")
            if expected == Product.Status.IN_REVIEW
            else _("Esta publicación no está publicada.")
        )
        raise _error("status", message, CatalogErrorCode.NOT_IN_REVIEW)
    case = (
        ModerationCase.objects.select_for_update()
        .filter(product=locked, decided_at__isnull=True)
        .first()
    )
    return locked, case


def _reason(reason: str, message: str) -> tuple[str, str]:
    errors = {}
    if reason not in Reason.values:
        errors["reason"] = [ValidationError(_("Elige el motivo."), code=CoreErrorCode.REQUIRED)]
    if not (message or "").strip():
        errors["message"] = [
            ValidationError(_("Explica al negocio qué debe corregir."), code=CoreErrorCode.REQUIRED)
        ]
    if errors:
        raise ValidationError(errors)
    return reason, message.strip()[:2000]


def _decide(
    product, case, *, moderator, status, decision, reason="", message="", kind=None
) -> ModerationCase:
    now = timezone.now()
    before = product.status
    product.status = status
    fields = ["status", "updated_at"]
    if status == Product.Status.PUBLISHED:
        product.published_at = now
        fields.append("published_at")
    product.save(update_fields=fields)
    if case is None:
        case = ModerationCase(product=product, kind=kind or ModerationCase.Kind.SUBMISSION)
    case.decision, case.decided_by, case.decided_at = decision, moderator, now
    case.reason, case.message = reason, message
    case.save()
    audit_record(
        actor=moderator,
        action=f"listing.{decision}",
        target=product,
        data={
            "before": {"status": before},
            "after": {"status": status},
            "reason": reason,
            "message": message,
        },
    )
    vendor_notify(vendor=product.vendor, **listing_decision_notice(product=product, case=case))
    owners = VendorMembership.objects.filter(vendor_id=product.vendor_id).select_related("user")
    for membership in owners:
        email_send_templated(
            to=membership.user.email,
            template=f"catalog/email/listing_{decision}",
            context={"product": product, "case": case, "user": membership.user},
        )
    publish(ProductChanged(product_id=product.pk))
    return case


@transaction.atomic
def listing_approve(*, product: Product, moderator) -> Product:
    _require_moderator(moderator, product)
    locked, case = _locked(product, Product.Status.IN_REVIEW)
    if locked.vendor.status != locked.vendor.Status.ACTIVE:
        raise _error(
            "vendor",
            _("El negocio de este producto no está activo: no se puede publicar."),
            CatalogErrorCode.VENDOR_NOT_ACTIVE,
        )
    if not locked.variants.exists():
        raise _error(
            "variants",
            _("Agrega al menos una variante con precio."),
            CatalogErrorCode.PRICE_REQUIRED,
        )
    _decide(locked, case, moderator=moderator, status=Product.Status.PUBLISHED, decision="approved")
    product.status = locked.status
    return locked


@transaction.atomic
def listing_reject(*, product: Product, moderator, reason: str, message: str) -> Product:
    _require_moderator(moderator, product)
    reason, message = _reason(reason, message)
    locked, case = _locked(product, Product.Status.IN_REVIEW)
    _decide(
        locked,
        case,
        moderator=moderator,
        status=Product.Status.REJECTED,
        decision="rejected",
        reason=reason,
        message=message,
    )
    product.status = locked.status
    return locked


@transaction.atomic
def listing_takedown(*, product: Product, moderator, reason: str, message: str) -> Product:
    _require_moderator(moderator, product)
    reason, message = _reason(reason, message)
    locked, _case = _locked(product, Product.Status.PUBLISHED)
    _decide(
        locked,
        None,
        moderator=moderator,
        status=Product.Status.UNPUBLISHED,
        decision="taken_down",
        reason=reason,
        message=message,
        kind=ModerationCase.Kind.TAKEDOWN,
    )
    product.status = locked.status
    return locked
