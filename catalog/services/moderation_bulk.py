"""Approving several listings at once from the moderation queue.

Each approval runs in its own transaction (a savepoint when the caller holds one), so a listing
that cannot be approved (decided meanwhile, vendor suspended, conflict of interest) leaves the
others approved. The caller gets one outcome per requested id, in the order asked.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.permissions import require_perm

from ..models import Product
from .moderation import listing_approve

# A page of the queue; more in one request would hold the connection for too long.
MAX_BULK_APPROVALS = 100


@dataclass(frozen=True)
class ApprovalOutcome:
    product_id: int
    product: Product | None
    approved: bool
    code: str = ""
    message: str = ""


def _refusal(exc: ValidationError | PermissionDenied) -> tuple[str, str]:
    if isinstance(exc, PermissionDenied):
        return "permission_denied", str(exc) or _("No tienes permiso para hacer esto.")
    if hasattr(exc, "error_dict"):
        first = next(iter(exc.error_dict.values()))[0]
        return str(first.code or ""), " ".join(first.messages)
    return str(exc.error_list[0].code or ""), " ".join(exc.messages)


def listing_approve_many(*, moderator, product_ids) -> list[ApprovalOutcome]:
    require_perm(moderator, "accounts.moderate_listings")
    wanted = list(dict.fromkeys(int(pk) for pk in product_ids))
    if len(wanted) > MAX_BULK_APPROVALS:
        raise ValidationError(
            {
                "product_ids": ValidationError(
                    _("Aprueba como máximo %(max)d publicaciones a la vez.")
                    % {"max": MAX_BULK_APPROVALS},
                    code="too_many",
                )
            }
        )
    products = Product.objects.select_related("vendor").in_bulk(wanted)
    outcomes = []
    for pk in wanted:
        product = products.get(pk)
        if product is None:
            outcomes.append(
                ApprovalOutcome(pk, None, False, "not_found", _("La publicación ya no existe."))
            )
            continue
        try:
            with transaction.atomic():
                # Changes to live listings are not on the queue page: they need their own review.
                listing_approve(product=product, moderator=moderator, live_changes=False)
        except (ValidationError, PermissionDenied) as exc:
            code, message = _refusal(exc)
            outcomes.append(ApprovalOutcome(pk, product, False, code, message))
        else:
            outcomes.append(ApprovalOutcome(pk, product, True))
    return outcomes
