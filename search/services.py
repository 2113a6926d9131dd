"""Search, the one interface the pages and the API call. Which backend answers is a setting;
what comes back is the same for all of them."""

import logging
from collections.abc import Mapping
from dataclasses import asdict, replace

from django.core.cache import cache

from catalog.models import Product
from catalog.selectors import product_list_visible
from marketplace.core import readcache
from marketplace.core.selectors import municipality_list

from . import text
from .backends import SearchUnavailable, database_backend, get_backend
from .documents import CategoryTree
from .query import parse_prefix, parse_query
from .types import (
    MAX_PAGE_SIZE,
    RELEVANCE,
    SORTS,
    SearchFilters,
    SearchResult,
    SuggestionItem,
    Suggestions,
)

logger = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 24
# After a failure, skip the remote backend for this long: every request would otherwise wait
# for the connection timeout before falling back, and a results page would take seconds.
BACKEND_DOWN_SECONDS = 30
_DOWN_KEY = "search:backend-down:{}"
SUGGEST_LIMIT = 5
MIN_PREFIX_CHARS = 2


def _int(value, default: int, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an infinite float
        return default
    return min(max(number, low), high)


def _backend():
    """The configured backend, or the database while the configured one is marked down."""
    backend = get_backend()
    if backend.name != "database" and cache.get(_DOWN_KEY.format(backend.name)):
        return database_backend(), True
    return backend, False


def _mark_down(backend) -> None:
    logger.warning("Search backend %s unavailable; using the database", backend.name)
    cache.set(_DOWN_KEY.format(backend.name), True, BACKEND_DOWN_SECONDS)


def _resolved(filters: SearchFilters) -> SearchFilters:
    """Municipalities are named by slug or by DANE code, in pages and API alike."""
    code = filters.municipality
    if code.isdigit():
        slug = municipality_list().filter(dane_code=code).values_list("slug", flat=True).first()
        return replace(filters, municipality=slug or code)
    return filters


def search_products(
    query: str | None = "",
    filters: SearchFilters | Mapping | None = None,
    sort: str = RELEVANCE,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> SearchResult:
    """Visible products matching `query` and `filters`, one page of ids in rank order, with the
    filtered total, facets, highlights and a spelling suggestion. Never raises on user input:
    a query that cleans down to nothing (empty, only stop words or symbols) is no query, the
    same for pages and API: every product matching the filters, newest first. A bad page is
    the first.
    When the configured backend is down, the database answers and `degraded` says so."""
    parsed = parse_query(query)
    if not isinstance(filters, SearchFilters):
        filters = SearchFilters.from_mapping(filters)
    filters = _resolved(filters)
    sort = sort if sort in SORTS else RELEVANCE
    page = _int(page, 1, 1, 10_000)
    page_size = _int(page_size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    # The answer depends only on the published catalogue, never on who asks, so one cached
    # answer serves every reader until the catalogue version moves (marketplace.core.readcache).
    # A degraded answer is not kept: the configured backend should answer once it is back.
    return readcache.remember(
        "search",
        [asdict(parsed), asdict(filters), sort, page, page_size],
        lambda: _search(parsed, filters, sort=sort, page=page, page_size=page_size),
        keep=lambda result: not result.degraded,
    )


def _search(parsed, filters: SearchFilters, **arguments) -> SearchResult:
    arguments["tree"] = CategoryTree()
    backend, degraded = _backend()
    try:
        result = backend.search(parsed, filters, **arguments)
    except SearchUnavailable:
        if backend.name == "database":
            raise
        _mark_down(backend)
        result = database_backend().search(parsed, filters, **arguments)
        degraded = True
    return replace(result, query=parsed.text, degraded=degraded)


def _category_suggestions(tree: CategoryTree, words: tuple[str, ...], limit: int):
    found = []
    for slug, name, _parent in tree.by_id.values():
        name_words = text.words(name)
        if all(any(nw.startswith(w) for nw in name_words) for w in words):
            found.append(SuggestionItem("category", slug, name))
    found.sort(key=lambda item: (not text.fold(item.label).startswith(words[0]), item.label))
    return found[:limit]


def suggest(prefix: str | None, limit: int = SUGGEST_LIMIT) -> Suggestions:
    """Autocomplete: products, categories and vendors whose names have words starting with
    what was typed, accents and case ignored. Under two letters, nothing."""
    parsed = parse_prefix(prefix)
    limit = _int(limit, SUGGEST_LIMIT, 1, 20)
    if len("".join(parsed.words)) < MIN_PREFIX_CHARS:
        return Suggestions(prefix=parsed.text)
    return readcache.remember(
        "suggest",
        [asdict(parsed), limit],
        lambda: _suggest(parsed, limit),
    )


def _suggest(parsed, limit: int) -> Suggestions:
    backend, _degraded = _backend()
    try:
        products = backend.suggest_products(parsed, limit=limit)
        vendors = backend.suggest_vendors(parsed, limit=limit)
    except SearchUnavailable:
        if backend.name == "database":
            raise
        _mark_down(backend)
        fallback = database_backend()
        products = fallback.suggest_products(parsed, limit=limit)
        vendors = fallback.suggest_vendors(parsed, limit=limit)
    return Suggestions(
        prefix=parsed.text,
        products=products,
        categories=_category_suggestions(CategoryTree(), parsed.words, limit),
        vendors=vendors,
    )


def products_for_result(result: SearchResult, *, fields: tuple[str, ...] = ()) -> list[Product]:
    """The page's products, in rank order, through the catalogue's visibility rule: a product
    that stopped being visible since it was indexed is dropped, never shown. `fields` reads
    only those columns (QuerySet.only), for a caller that shows no more."""
    products = product_list_visible().filter(pk__in=result.product_ids)
    if fields:
        products = products.only(*fields)
    by_id = {p.pk: p for p in products}
    return [by_id[pk] for pk in result.product_ids if pk in by_id]
