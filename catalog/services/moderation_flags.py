"""Keeping a waiting submission's automatic flags true to the listing: a vendor may still fix a
listing while it waits for review, and the moderator must not see a "Sin fotos" flag for a
listing that has photos by now."""

from ..models import ModerationCase, Product
from ..moderation_checks import listing_flags


def submission_flags_refresh(*, product: Product) -> None:
    """Recompute the flags of the listing's open submission case, if it is in review. Called by
    every service that changes what the checks look at (fields, photos, prices)."""
    if product.status != Product.Status.IN_REVIEW:
        return
    case = (
        ModerationCase.objects.select_for_update()
        .filter(
            product_id=product.pk,
            kind=ModerationCase.Kind.SUBMISSION,
            decided_at__isnull=True,
        )
        .first()
    )
    if case is None:
        return
    flags = listing_flags(Product.objects.get(pk=product.pk))
    if flags != case.flags:
        case.flags = flags
        case.save(update_fields=["flags"])
