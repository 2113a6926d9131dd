"""Reads behind the staff moderation queue page (kept apart from `selectors.py`). Which cases
are in the queue, in what order and under which filters stays in `selectors.moderation_queue`;
these read one page of it in two narrow queries: the page's ids, then its rows."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

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


@dataclass(frozen=True)
class WaitingVendor:
    slug: str
    name: str
    waiting: int  # open cases of this business in the whole queue


def moderation_queue_vendors(*, user) -> list[WaitingVendor]:
    """Each business with listings in the (unfiltered) queue and how many, by name: the
    queue's vendor filter and, summed, the length of the unfiltered queue, from one pass over
    the open cases instead of one for the filter and another for the count."""
    rows = (
        moderation_queue(user=user)
        .select_related(None)
        .prefetch_related(None)
        .order_by("product__vendor__display_name", "product__vendor_id")
        .values_list("product__vendor_id", "product__vendor__slug", "product__vendor__display_name")
        .annotate(waiting=Count("pk"))
    )
    return [WaitingVendor(slug=slug, name=name, waiting=n) for _pk, slug, name, n in rows]


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
