"""The storefront's front door: what is new, the categories, the ten municipalities and the way
in for businesses."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from catalog import selectors
from marketplace.core.selectors import municipality_list

from .catalog_cards import CARD_FIELDS, product_cards

FEATURED = 8
# Two cards a row on a phone, four in the 72rem container.
FEATURED_SIZES = "(min-width: 72rem) 16rem, (min-width: 48rem) 23vw, (min-width: 36rem) 31vw, 47vw"


@require_safe
def home(request):
    return render(
        request,
        "pages/home.html",
        {
            "municipalities": municipality_list(),
            "categories": selectors.category_tree(),
            # The cards read only the columns they show (the description and the rest stay in
            # the database).
            "featured": product_cards(
                selectors.product_list_featured(limit=FEATURED, fields=CARD_FIELDS),
                sizes=FEATURED_SIZES,
            ),
        },
    )
