"""Reads behind the staff moderation queue page (kept apart from `selectors.py`). Which cases
are in the queue, in what order and under which filters stays in `selectors.moderation_queue`;
these read one page of it in two narrow queries: the page's ids, then its rows."""

from django.db.models import QuerySet

from marketplace.core.permissions import require_perm

from .models import ModerationCase
from .selectors import ModerationFilters, moderation_queue

MODERATE = "accounts.moderate_listings"

# What a row of the queue shows. The price and the photo are the product's kept list fields
# (catalog.listing_fields), so no variant or photo is read.
ROW_FIELDS = (
    "kind",
    "submitted_at",
    "flags",
    "decided_at",
    "product__name",
    "product__kind",
    "product__pricing_mode",
    "product__min_price",
    "product__max_price",
    "product__thumbnail",
    "product__vendor__display_name",
    "product__vendor__enrollment__municipality__name",
    "product__category__name",
    "revision__status",
    "revision__changes",
)


def moderation_queue_ids(*, user, filters: ModerationFilters | None = None) -> QuerySet:
    """The queue's case ids in queue order, for counting and slicing a page: the sort and the
    filters touch only the case and its product, never the wide joined rows of the whole
    queue."""
    return (
        moderation_queue(user=user, filters=filters)
        .select_related(None)
        .prefetch_related(None)
        .values_list("pk", flat=True)
    )


def moderation_queue_rows(*, user, case_ids: list[int]) -> list[ModerationCase]:
    """These cases (a page of `moderation_queue_ids`) in the same order, with what their rows
    show: one query whatever the page length. A case deleted in between is left out."""
    require_perm(user, MODERATE)
    if not case_ids:
        return []
    rows = (
        ModerationCase.objects.filter(pk__in=case_ids)
        .select_related(
            "product__vendor__enrollment__municipality", "product__category", "revision"
        )
        .only(*ROW_FIELDS)
        .order_by()
    )
    found = {case.pk: case for case in rows}
    return [found[pk] for pk in case_ids if pk in found]
