"""The public side of the vendors: the directory of businesses selling in the store and each
business's page, with the seller information Ley 1480 (art. 50) asks every online seller to
show."""

import logging

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from catalog.selectors import ProductFilters, product_list_visible
from marketplace.accounts.phones import phone_display
from marketplace.core.media_urls import media_url
from marketplace.core.selectors import municipality_list
from search.backends import SearchUnavailable
from search.query import MAX_QUERY_LENGTH
from search.types import RELEVANCE, SearchFilters
from vendors import selectors
from vendors.identifiers import nit_format

from ..forms.vendors import DirectoryFilterForm
from .pagination import BoundedPaginator

logger = logging.getLogger(__name__)

PAGE_SIZE = 24
# Rendered sizes, so the browser picks the smallest rendition that stays sharp.
CARD_LOGO_SIZES = "4.5rem"
DETAIL_LOGO_SIZES = "(min-width: 48rem) 8rem, 6rem"
BANNER_SIZES = "(min-width: 72rem) 72rem, 100vw"
# The portfolio sits in the page's main column: two cards a row from 36rem, beside the aside
# from 60rem.
PORTFOLIO_PAGE_SIZE = 12
PORTFOLIO_CARD_SIZES = (
    "(min-width: 72rem) 20rem, (min-width: 60rem) 28vw, (min-width: 36rem) 45vw, 47vw"
)


def picture(stored: dict | None, *, sizes: str) -> dict | None:
    """What `vendors/includes/picture.html` needs to show stored renditions
    (marketplace.core.images): WebP and JPEG srcsets, a fallback src and the intrinsic size that
    reserves the space before the file arrives. None when no image was uploaded."""
    entries = {}
    for requested, entry in ((stored or {}).get("renditions") or {}).items():
        if not (entry.get("webp") and entry.get("jpeg")):
            continue
        width = int(entry.get("width") or requested)
        # Renditions are never upscaled, so a small upload repeats a width; a srcset with a
        # repeated descriptor is invalid and browsers would drop it.
        entries.setdefault(width, entry)
    if not entries:
        return None
    ordered = [entries[width] | {"w": width} for width in sorted(entries)]
    first = ordered[0]
    return {
        "webp_srcset": ", ".join(f"{media_url(e['webp'])} {e['w']}w" for e in ordered),
        "jpeg_srcset": ", ".join(f"{media_url(e['jpeg'])} {e['w']}w" for e in ordered),
        "src": media_url(first["jpeg"]),
        "width": first["w"],
        "height": int(first.get("height") or first["w"]),
        "sizes": sizes,
    }


def whatsapp_url(number: str) -> str:
    digits = "".join(ch for ch in number or "" if ch.isdigit())
    return f"https://wa.me/{digits}" if digits else ""


@require_safe
def directory(request):
    form = DirectoryFilterForm(
        request.GET or None,
        municipalities=municipality_list(),
        sections=selectors.ciiu_section_list(),
    )
    if form.is_bound:
        # Fills cleaned_data with the valid filters; an invalid one is reported and ignored.
        form.is_valid()
    values = form.filter_values()
    vendors = selectors.vendor_list_public(filters=selectors.VendorFilters(**values))
    page = Paginator(vendors, PAGE_SIZE).get_page(request.GET.get("pagina"))
    cards = [
        {"vendor": vendor, "logo": picture(vendor.logo, sizes=CARD_LOGO_SIZES)}
        for vendor in page.object_list
    ]
    return render(
        request,
        "vendors/directory.html",
        {"form": form, "page": page, "cards": cards, "filtered": any(values.values())},
    )


@require_safe
def detail(request, slug):
    vendor = selectors.vendor_get_public(slug=slug)
    if vendor is None:
        raise Http404
    enrollment = vendor.enrollment
    query = str(request.GET.get("q", "")).strip()[:MAX_QUERY_LENGTH]
    portfolio, status = _portfolio(request, vendor, query)
    return render(
        request,
        "vendors/detail.html",
        {
            "vendor": vendor,
            "municipality": enrollment.municipality,
            "sector": enrollment.ciiu_section,
            "logo": picture(vendor.logo, sizes=DETAIL_LOGO_SIZES),
            "banner": picture(vendor.banner, sizes=BANNER_SIZES),
            "whatsapp_url": whatsapp_url(vendor.whatsapp),
            "whatsapp_display": phone_display(vendor.whatsapp),
            # Prefetched by the selector with their municipalities.
            "delivery_zones": list(vendor.delivery_zones.all()),
            **portfolio,
            "seller": {
                "legal_name": enrollment.legal_name,
                "nit": nit_format(enrollment.nit),
                "notice_address": vendor.notice_address,
                "phone": phone_display(vendor.notice_phone),
                "email": vendor.notice_email,
            },
        },
        status=status,
    )


def _portfolio(request, vendor, query: str) -> tuple[dict, int]:
    """The page of the portfolio to show, and the response's status: newest first, or, when
    words were typed in its box, what search.services finds among this vendor's listings,
    ranked as /buscar/ ranks them."""
    # Imported here: these modules build their pictures with this module's picture().
    from .catalog_cards import product_cards
    from .search_results import has_words, notices, result_cards, result_page, run_search

    context = {**notices(request, None, query), "searching": has_words(query), "result": None}
    if context["searching"]:
        try:
            result = run_search(
                query,
                SearchFilters(vendor=vendor.slug),
                sort=RELEVANCE,
                page=request.GET.get("pagina"),
                page_size=PORTFOLIO_PAGE_SIZE,
            )
        except SearchUnavailable:
            logger.exception("Portfolio search failed for %r", query)
            return {**context, "search_unavailable": True, "portfolio_cards": []}, 503
        return {
            **context,
            **notices(request, result, query),
            "result": result,
            "portfolio": result_page(result),
            "portfolio_cards": result_cards(result, sizes=PORTFOLIO_CARD_SIZES, eager=0),
        }, 200
    portfolio = BoundedPaginator(
        product_list_visible(filters=ProductFilters(vendor=vendor)), PORTFOLIO_PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    return {
        **context,
        "portfolio": portfolio,
        "portfolio_cards": product_cards(portfolio.object_list, sizes=PORTFOLIO_CARD_SIZES),
    }, 200
