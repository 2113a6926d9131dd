"""A search's results as the storefront shows them, wherever the box is: the search page, the
catalogue, a category, a business's page. Every one asks search.services, so a word finds the
same listings in the same order (ranking, spelling tolerance, stems and synonyms) whichever box
it was typed in; only the scope (a category, a business) differs."""

from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

from search.query import parse_query
from search.services import products_for_result, search_products
from search.types import MAX_RESULT_WINDOW, SearchFilters, SearchResult

from .catalog_cards import CARD_FIELDS, product_cards


def has_words(query: str | None) -> bool:
    """Whether the query has something to look for; "de la", "☕" or ":" have not."""
    return bool(query) and not parse_query(query).is_empty


def url_with(request, **changes) -> str:
    """This page's address with `changes` applied (a falsy value removes the parameter). Any
    change of query, filter or order starts over at page one."""
    # A plain dict of the parameters' lists, as QueryDict.copy() and urlencode() would give (same
    # order, a changed parameter keeps its place) without deep-copying the query for each of
    # a page's few dozen facet links.
    params = dict(request.GET.lists())
    params.pop("pagina", None)
    for name, value in changes.items():
        if value:
            params[name] = [value]
        else:
            params.pop(name, None)
    if not params:
        return request.path
    return f"{request.path}?{urlencode([(k, v) for k, values in params.items() for v in values])}"


def run_search(
    query: str, filters: SearchFilters, *, sort: str, page, page_size: int
) -> SearchResult:
    """One page of results. A page past the end (an old link after the catalogue shrank) gives
    the last one. Raises SearchUnavailable only when the database itself cannot answer."""
    result = search_products(query, filters, sort, page, page_size)
    if result.total and result.page > result.num_pages:
        result = search_products(query, filters, sort, result.num_pages, page_size)
    return result


def result_page(result: SearchResult) -> Page:
    """A paginator page over the result's positions, for the pagination the catalogue's lists
    share (catalog/includes/product_grid.html); the products themselves come from the result."""
    positions = range(min(result.total, MAX_RESULT_WINDOW))
    return Paginator(positions, result.page_size).get_page(result.page)


def result_cards(result: SearchResult, *, sizes: str, eager: int = 2) -> list[dict]:
    """The catalogue's cards in the result's order, with the matched words marked."""
    products = products_for_result(result, fields=CARD_FIELDS)
    cards = product_cards(products, sizes=sizes, eager=eager)
    for card in cards:
        # SafeStrings from the backend: every piece of the product's text is escaped and only
        # <mark> added (search.highlight; Elasticsearch with encoder=html). Autoescaping keeps
        # them as they are and would escape anything that was not marked safe.
        marked = result.highlights.get(card["product"].pk, {})
        name, description = marked.get("name") or "", marked.get("description") or ""
        card["name_html"] = name
        # The description is shown only for what it adds: a match that the name lacks.
        card["snippet"] = description if "<mark>" in description and "<mark>" not in name else ""
    return cards


def notices(request, result: SearchResult | None, query: str) -> dict:
    """What the notices include (search/includes/notices.html) needs besides the result."""
    suggestion = result.suggestion if result is not None else None
    return {
        "query": query,
        "no_words": bool(query) and not has_words(query),
        "suggestion_url": url_with(request, q=suggestion) if suggestion else "",
    }
