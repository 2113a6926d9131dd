"""The storefront's front door: what is new, the categories, the ten municipalities and the way
in for businesses."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from catalog import selectors
from marketplace.core.selectors import municipality_list

from .catalog_cards import CARD_FIELDS, product_cards, slug_address
from .page_cache import anonymous_page_cache

FEATURED = 8
# Two cards a row on a phone, four in the 72rem container.
FEATURED_SIZES = "(min-width: 72rem) 16rem, (min-width: 48rem) 23vw, (min-width: 36rem) 31vw, 47vw"


def _category_tiles() -> list[dict]:
    """The top-level categories, each with its address and its children in order, from the one
    read of the (small) tree the catalogue pages use: no prefetch, no reverse() per tile."""
    children: dict[int | None, list] = {}
    for category in selectors.category_list():
        children.setdefault(category.parent_id, []).append(category)
    address = slug_address("catalog:category")
    return [
        {
            "category": root,
            "url": address(root.slug),
            "children": children.get(root.pk, []),
        }
        for root in children.get(None, [])
    ]


@require_safe
@anonymous_page_cache()
def home(request):
    return render(
        request,
        "pages/home.html",
        {
            "municipalities": municipality_list(),
            "categories": _category_tiles(),
            # The cards read only the columns they show (the description and the rest stay in
            # the database).
            "featured": product_cards(
                selectors.product_list_featured(limit=FEATURED, fields=CARD_FIELDS),
                sizes=FEATURED_SIZES,
            ),
        },
    )
