"""Vendor lifecycle: review of applications, suspension, reactivation, closure.

pending_review -> active | rejected; active -> suspended | closed; suspended -> active | closed.
Every transition is audited; leaving `active` publishes VendorSuspended so listings leave the
store, returning to it publishes VendorActivated.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.events import publish
from marketplace.core.mail import email_send_templated
from marketplace.core.permissions import require_perm

from ..error_codes import VendorErrorCode
from ..events import VendorActivated, VendorSuspended
from ..models import Vendor, VendorMembership

S = Vendor.Status
ALLOWED = {
    S.PENDING_REVIEW: {S.ACTIVE, S.REJECTED},
    S.ACTIVE: {S.SUSPENDED, S.CLOSED},
    S.SUSPENDED: {S.ACTIVE, S.CLOSED},
    S.REJECTED: set(),
    S.CLOSED: set(),
}


def _locked(vendor: Vendor) -> Vendor:
    # Two coordinators deciding at once: the second sees the first's result and is refused.
    return Vendor.objects.select_for_update().select_related("enrollment").get(pk=vendor.pk)


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Escribe el motivo."), code=VendorErrorCode.REASON_REQUIRED
                )
            }
        )
    return reason


def _transition(*, vendor: Vendor, to: str, actor, reason: str = "", action: str) -> Vendor:
    current = _locked(vendor)
    if to not in ALLOWED[current.status]:
        raise ValidationError(
            {
                "status": ValidationError(
                    _("No se puede pasar de «%(from)s» a «%(to)s».")
                    % {"from": current.get_status_display(), "to": S(to).label},
                    code=VendorErrorCode.INVALID_TRANSITION,
                )
            }
        )
    before = current.status
    now = timezone.now()
    current.status = to
    current.status_reason = reason
    current.status_changed_at = now
    fields = ["status", "status_reason", "status_changed_at", "updated_at"]
    if to == S.ACTIVE and current.approved_at is None:
        current.approved_at = now
        fields.append("approved_at")
    current.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=action,
        target=current,
        data={"before": {"status": before}, "after": {"status": to}, "reason": reason},
    )
    if before == S.ACTIVE and to != S.ACTIVE:
        publish(VendorSuspended(vendor_id=current.pk, reason=reason))
    if to == S.ACTIVE:
        publish(VendorActivated(vendor_id=current.pk))
    vendor.__dict__.update({f: getattr(current, f) for f in fields})
    return current


def _require_enrolled(vendor: Vendor) -> None:
    if vendor.enrollment.status == vendor.enrollment.Status.WITHDRAWN:
        raise ValidationError(
            {
                "status": ValidationError(
                    _(
                        "La inscripción de este negocio está retirada: reactívala primero en el registro."
                    ),
                    code=VendorErrorCode.ENROLLMENT_WITHDRAWN,
                )
            }
        )


def _notify_owners(vendor: Vendor, template: str, **context) -> None:
    owners = VendorMembership.objects.filter(
        vendor=vendor, role=VendorMembership.Role.OWNER
    ).select_related("user")
    for membership in owners:
        email_send_templated(
            to=membership.user.email,
            template=template,
            context={"vendor": vendor, "user": membership.user, **context},
        )


@transaction.atomic
def vendor_approve(*, vendor: Vendor, approved_by) -> Vendor:
    require_perm(approved_by, "accounts.manage_vendors")
    _require_enrolled(vendor)
    vendor = _transition(vendor=vendor, to=S.ACTIVE, actor=approved_by, action="vendor.approved")
    _notify_owners(vendor, "vendors/email/application_approved")
    return vendor


@transaction.atomic
def vendor_reject(*, vendor: Vendor, rejected_by, reason: str) -> Vendor:
    require_perm(rejected_by, "accounts.manage_vendors")
    reason = _require_reason(reason)
    vendor = _transition(
        vendor=vendor, to=S.REJECTED, actor=rejected_by, reason=reason, action="vendor.rejected"
    )
    _notify_owners(vendor, "vendors/email/application_rejected", reason=reason)
    return vendor


@transaction.atomic
def vendor_suspend(*, vendor: Vendor, suspended_by, reason: str) -> Vendor:
    """`suspended_by=None` is the system (e.g. the enrolment was withdrawn)."""
    if suspended_by is not None:
        require_perm(suspended_by, "accounts.manage_vendors")
    reason = _require_reason(reason)
    vendor = _transition(
        vendor=vendor, to=S.SUSPENDED, actor=suspended_by, reason=reason, action="vendor.suspended"
    )
    _notify_owners(vendor, "vendors/email/vendor_suspended", reason=reason)
    return vendor


@transaction.atomic
def vendor_reactivate(*, vendor: Vendor, reactivated_by) -> Vendor:
    require_perm(reactivated_by, "accounts.manage_vendors")
    _require_enrolled(vendor)
    vendor = _transition(
        vendor=vendor, to=S.ACTIVE, actor=reactivated_by, action="vendor.reactivated"
    )
    _notify_owners(vendor, "vendors/email/vendor_reactivated")
    return vendor


@transaction.atomic
def vendor_close(*, vendor: Vendor, closed_by, reason: str) -> Vendor:
    require_perm(closed_by, "accounts.manage_vendors")
    reason = _require_reason(reason)
    return _transition(
        vendor=vendor, to=S.CLOSED, actor=closed_by, reason=reason, action="vendor.closed"
    )
