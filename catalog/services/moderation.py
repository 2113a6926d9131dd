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
from ..models import ModerationCase, Product, ProductRevision
from ..moderation_checks import listing_flags
from ..pricing import require_priced
from ..revisions import case_version
from .moderation_notices import listing_decision_notice
from .revisions import revert_flagged_prices, revision_apply, revision_close

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


def _not_in_review(expected: str) -> ValidationError:
    message = (
        _("Esta publicación ya no está en revisión: otra persona decidió antes.")
        if expected == Product.Status.IN_REVIEW
        else _("Esta publicación no está publicada.")
    )
    return _error("status", message, CatalogErrorCode.NOT_IN_REVIEW)


def _locked_case(product: Product) -> tuple[Product, ModerationCase | None]:
    locked = Product.objects.select_for_update().select_related("vendor").get(pk=product.pk)
    case = (
        # Only the case row is locked: its revision may be absent (an outer join).
        ModerationCase.objects.select_for_update(of=("self",))
        .select_related("revision")
        .filter(product=locked, decided_at__isnull=True)
        .first()
    )
    return locked, case


def _is_live_change(locked: Product, case: ModerationCase | None) -> bool:
    return (
        case is not None
        and case.kind == ModerationCase.Kind.REVISION
        and locked.status == Product.Status.PUBLISHED
    )


def _locked(product: Product, expected: str) -> tuple[Product, ModerationCase | None]:
    locked, case = _locked_case(product)
    if locked.status != expected:
        raise _not_in_review(expected)
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
    product,
    case,
    *,
    moderator,
    status,
    decision,
    reason="",
    message="",
    kind=None,
    changes: tuple[dict, dict] = ({}, {}),
    notify: bool = True,
) -> ModerationCase:
    """Record a decision on `case` (a new one for takedowns). `changes` is the (before, after)
    of fields an approved revision changed, for the audit trail."""
    now = timezone.now()
    before = product.status
    if status != before:
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
    prefix = "revision" if case.kind == ModerationCase.Kind.REVISION else "listing"
    audit_record(
        actor=moderator,
        action=f"{prefix}.{decision}",
        target=product,
        data={
            "before": {"status": before, **changes[0]},
            "after": {"status": status, **changes[1]},
            "reason": reason,
            "message": message,
            "revision": case.revision_id,
            "flags": [flag.get("code") for flag in case.flags],
        },
    )
    if not notify:
        return case
    vendor_notify(vendor=product.vendor, **listing_decision_notice(product=product, case=case))
    owners = VendorMembership.objects.filter(vendor_id=product.vendor_id).select_related("user")
    for membership in owners:
        email_send_templated(
            to=membership.user.email,
            template=f"catalog/email/{prefix}_{decision}",
            context={"product": product, "case": case, "user": membership.user},
        )
    publish(ProductChanged(product_id=product.pk))
    return case


def _check_seen(case: ModerationCase | None, seen: str | None) -> None:
    """`seen` is the case_version of the page the moderator decided from (None: not from a
    page). A vendor's edit since then, or a new case, means they would decide unseen changes."""
    if seen is None or case is None:
        return
    if case_version(case) != seen:
        raise _error(
            "status",
            _(
                "La publicación cambió mientras la revisabas: mira los cambios nuevos antes "
                "de decidir."
            ),
            CatalogErrorCode.REVIEW_OUTDATED,
        )


def _revision_changes(case: ModerationCase) -> tuple[dict, dict]:
    revision = case.revision
    if revision is None or revision.status != ProductRevision.Status.PENDING:
        return {}, {}
    return dict(revision.base), dict(revision.changes)


@transaction.atomic
def listing_approve(
    *, product: Product, moderator, seen: str | None = None, live_changes: bool = True
) -> Product:
    """Publish a submitted listing, or approve the change waiting on a live one (its revision
    replaces the live values at once; a flagged price change is confirmed). `seen` is the
    case_version the moderator looked at; `live_changes=False` (bulk approval, where the
    changes are not on screen) refuses changes to live listings."""
    _require_moderator(moderator, product)
    locked, case = _locked_case(product)
    _check_seen(case, seen)
    if _is_live_change(locked, case):
        if not live_changes:
            raise _error(
                "status",
                _("Es un cambio a una publicación en la tienda: ábrelo para ver qué cambia."),
                CatalogErrorCode.REVIEW_REQUIRED,
            )
        changes = _revision_changes(case)
        if changes[1]:
            revision_apply(product=locked, revision=case.revision)
        _decide(
            locked,
            case,
            moderator=moderator,
            status=locked.status,
            decision="approved",
            changes=changes,
        )
        product.status = locked.status
        return locked
    if locked.status != Product.Status.IN_REVIEW:
        raise _not_in_review(Product.Status.IN_REVIEW)
    if locked.vendor.status != locked.vendor.Status.ACTIVE:
        raise _error(
            "vendor",
            _("El negocio de este producto no está activo: no se puede publicar."),
            CatalogErrorCode.VENDOR_NOT_ACTIVE,
        )
    require_priced(locked)
    _decide(locked, case, moderator=moderator, status=Product.Status.PUBLISHED, decision="approved")
    product.status = locked.status
    return locked


@transaction.atomic
def listing_reject(
    *, product: Product, moderator, reason: str, message: str, seen: str | None = None
) -> Product:
    """Reject a submitted listing, or the change waiting on a live one: the live listing then
    stays as it was (a flagged price change goes back to the price before it)."""
    _require_moderator(moderator, product)
    reason, message = _reason(reason, message)
    locked, case = _locked_case(product)
    _check_seen(case, seen)
    if _is_live_change(locked, case):
        if case.revision is not None and case.revision.status == ProductRevision.Status.PENDING:
            revision_close(revision=case.revision, status=ProductRevision.Status.REJECTED)
        revert_flagged_prices(product=locked, flags=case.flags)
        status = locked.status
    elif locked.status == Product.Status.IN_REVIEW:
        status = Product.Status.REJECTED
    else:
        raise _not_in_review(Product.Status.IN_REVIEW)
    _decide(
        locked,
        case,
        moderator=moderator,
        status=status,
        decision="rejected",
        reason=reason,
        message=message,
    )
    product.status = locked.status
    return locked


@transaction.atomic
def listing_takedown(*, product: Product, moderator, reason: str, message: str) -> Product:
    """Take a live listing out of the store. A change waiting on it goes too: it is closed as
    rejected for the same reason, and the vendor hears once, of the takedown."""
    _require_moderator(moderator, product)
    reason, message = _reason(reason, message)
    locked, case = _locked(product, Product.Status.PUBLISHED)
    if case is not None:
        if case.revision is not None and case.revision.status == ProductRevision.Status.PENDING:
            revision_close(revision=case.revision, status=ProductRevision.Status.REJECTED)
        _decide(
            locked,
            case,
            moderator=moderator,
            status=locked.status,
            decision="rejected",
            reason=reason,
            message=message,
            notify=False,
        )
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
