"""The storefront's search: the results page with its facets, and the suggestions the header's
search box asks for as people type. Both call search.services, the interface the API uses too.

Addresses speak Spanish, like the catalogue's (`/buscar/?q=arepas&municipio=bello&orden=
menor-precio&pagina=2`); the facet parameters map onto search.types.SearchFilters.
"""

import logging
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from catalog import selectors as catalog_selectors
from catalog.models import Product
from search.backends import SearchUnavailable
from search.services import suggest
from search.types import PRICE_RANGE_BY_KEY, SearchFilters

from .catalog_cards import LISTING_CARD_SIZES
from .search_results import has_words, notices, result_cards, run_search, url_with

logger = logging.getLogger(__name__)

PAGE_SIZE = 24
# URL parameter -> SearchFilters field, in the order the facets are shown.
FACET_PARAMS = {
    "categoria": "category",
    "municipio": "municipality",
    "tipo": "kind",
    "precio": "price",
    "negocio": "vendor",
}
FACET_TITLES = {
    "category": gettext_lazy("Categoría"),
    "municipality": gettext_lazy("Municipio"),
    "kind": gettext_lazy("Tipo"),
    "price": gettext_lazy("Precio"),
    "vendor": gettext_lazy("Negocio"),
}
# The catalogue's words for the kinds, so both pages share their addresses' vocabulary.
KIND_PARAMS = {"productos": Product.Kind.GOODS.value, "servicios": Product.Kind.SERVICE.value}
KIND_SLUGS = {kind: param for param, kind in KIND_PARAMS.items()}
# `orden` values; relevance is the default and has none.
SORTS = {
    "": ("relevance", gettext_lazy("Relevancia")),
    "recientes": ("newest", gettext_lazy("Más recientes")),
    "menor-precio": ("price_asc", gettext_lazy("Menor precio")),
    "mayor-precio": ("price_desc", gettext_lazy("Mayor precio")),
}
SUGGESTION_URLS = {
    "product": "catalog:product",
    "category": "catalog:category",
    "vendor": "vendors:detail",
}
SUGGESTION_KINDS = {
    "product": gettext_lazy("Producto"),
    "category": gettext_lazy("Categoría"),
    "vendor": gettext_lazy("Negocio"),
}


def _param(request, name: str) -> str:
    return str(request.GET.get(name, "")).strip()[:200]


def _page_url(request, number: int) -> str:
    params = request.GET.copy()
    params.pop("pagina", None)
    if number > 1:
        params["pagina"] = str(number)
    return f"{request.path}?{params.urlencode()}" if params else request.path


def _filters(request) -> dict:
    filters = {field: _param(request, param) for param, field in FACET_PARAMS.items()}
    filters["kind"] = KIND_PARAMS.get(filters["kind"], "")
    filters["price_range"] = filters.pop("price")
    return filters


def _facet_groups(request, result) -> list[dict]:
    """Each facet as links: selecting a value keeps the query and the other filters; the
    selected value's link removes it."""
    groups = []
    for param, field in FACET_PARAMS.items():
        values = []
        for value in result.facets.get(field, []):
            slug = KIND_SLUGS.get(value.value, value.value) if field == "kind" else value.value
            values.append(
                {
                    "label": value.label,
                    "count": value.count,
                    "selected": value.selected,
                    "url": url_with(request, **{param: "" if value.selected else slug}),
                }
            )
        if values:
            groups.append({"param": param, "title": FACET_TITLES[field], "values": values})
    return groups


def _applied(request, result, family) -> list[dict]:
    """The filters in force, each with a link that removes just that one."""
    chips = []
    for param, field in FACET_PARAMS.items():
        raw = _param(request, param)
        if not raw:
            continue
        label = next((v.label for v in result.facets.get(field, []) if v.selected), "")
        if field == "category" and family is not None:
            label = family.category.name
        if (field == "kind" and raw not in KIND_PARAMS) or (
            field == "price" and raw not in PRICE_RANGE_BY_KEY
        ):
            continue  # the search ignored it, so there is nothing to remove
        chips.append({"label": label or raw, "url": url_with(request, **{param: ""})})
    return chips


def _category_trail(request, family) -> list[dict]:
    """Links up the tree from the selected category: every category, then its ancestors."""
    if family is None:
        return []
    return [{"label": _("Todas las categorías"), "url": url_with(request, categoria="")}] + [
        {"label": ancestor.name, "url": url_with(request, categoria=ancestor.slug)}
        for ancestor in family.ancestors
    ]


def _sort_links(request, current: str) -> list[dict]:
    return [
        {"label": label, "url": url_with(request, orden=param), "current": param == current}
        for param, (_key, label) in SORTS.items()
    ]


@require_safe
def results(request):
    query = _param(request, "q")
    filters = _filters(request)
    sort_param = _param(request, "orden")
    sort_param = sort_param if sort_param in SORTS else ""
    context = {"query": query, "sort_links": _sort_links(request, sort_param)}
    if not query and not any(filters.values()):
        # An empty box: nothing was asked yet.
        return render(request, "search/results.html", {**context, "state": "empty"})
    # Only punctuation and little words ("de la", "&"): no query, as for the API, which lists
    # every listing newest first; the page says why.
    context["no_words"] = not has_words(query)

    try:
        result = run_search(
            query,
            SearchFilters.from_mapping(filters),
            sort=SORTS[sort_param][0],
            page=_param(request, "pagina"),
            page_size=PAGE_SIZE,
        )
    except SearchUnavailable:
        # Only the database backend raises this, and it is the last resort: say so plainly.
        logger.exception("Search failed for %r", query)
        return render(
            request, "search/results.html", {**context, "state": "unavailable"}, status=503
        )

    family = (
        catalog_selectors.category_family(slug=filters["category"]) if filters["category"] else None
    )
    return render(
        request,
        "search/results.html",
        {
            **context,
            **notices(request, result, query),
            "state": "results" if result.total else "none",
            "shown_query": result.suggestion if result.corrected else query,
            "result": result,
            "cards": result_cards(result, sizes=LISTING_CARD_SIZES),
            "facets": _facet_groups(request, result),
            "applied": _applied(request, result, family),
            "family": family,
            "category_trail": _category_trail(request, family),
            "clear_url": url_with(request, **dict.fromkeys(FACET_PARAMS, "")),
            "previous_url": _page_url(request, result.page - 1) if result.has_previous else "",
            "next_url": _page_url(request, result.page + 1) if result.has_next else "",
        },
    )


def _suggestion_url(kind: str, slug: str) -> str:
    try:
        return reverse(SUGGESTION_URLS[kind], args=[slug])
    except (KeyError, NoReverseMatch):
        return ""


@require_safe
def suggestions(request):
    """Autocomplete for the header's search box (static/js/autocomplete.js)."""
    prefix = _param(request, "q")
    status = 200
    try:
        items = list(suggest(prefix))
    except SearchUnavailable:
        logger.exception("Suggestions failed for %r", prefix)
        items, status = [], 503
    entries = [
        {
            "kind": item.kind,
            "kind_label": str(SUGGESTION_KINDS.get(item.kind, "")),
            "label": item.label,
            "slug": item.value,
            "url": _suggestion_url(item.kind, item.value),
        }
        for item in items
    ]
    entries = [entry for entry in entries if entry["url"]]
    if entries:
        announce = ngettext(
            "%(count)d sugerencia; usa las flechas para recorrerla.",
            "%(count)d sugerencias; usa las flechas para recorrerlas.",
            len(entries),
        ) % {"count": len(entries)}
    else:
        announce = _("Sin sugerencias.") if prefix else ""
    response = JsonResponse(
        {
            "query": prefix,
            "results_url": f"{reverse('search:results')}?{urlencode({'q': prefix})}",
            "status": announce,
            "suggestions": entries,
        },
        status=status,
    )
    # The same letters are typed by many people; a minute of staleness is harmless.
    if status == 200:
        patch_cache_control(response, public=True, max_age=60)
    return response
