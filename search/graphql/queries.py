"""`search` and `searchSuggestions`, and the ranking behind `products(filter: {search})`: all
three answer from search.services, the interface the storefront's search page uses too, so the
API and the pages cannot disagree about what matches."""

from collections.abc import Mapping

import graphene
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from graphene.relay import PageInfo
from graphql import GraphQLError
from graphql_relay import cursor_to_offset, offset_to_cursor

from catalog.models import Product
from marketplace.core.errors import CoreErrorCode
from marketplace.graphql.dataloaders import register_siblings
from search.services import DEFAULT_PAGE_SIZE, suggest
from search.types import FACET_FIELDS, MAX_PAGE_SIZE, MAX_RESULT_WINDOW, RELEVANCE, SearchFilters

from .types import (
    ProductSearchConnection,
    SearchFacet,
    SearchFacetValue,
    SearchFilterInput,
    SearchSort,
    SearchSuggestion,
)
from .window import RankedProducts, search_window


def _value(value):
    return getattr(value, "value", value)  # enums arrive as members


def search_filters(given: Mapping | None) -> SearchFilters:
    """The service's filters from a `SearchFilterInput` or a `ProductFilterInput`. Slugs pass
    as they are (one that names nothing matches nothing); the service reads DANE codes."""
    values = {name: _value(value) for name, value in (given or {}).items() if value is not None}
    return SearchFilters.from_mapping(values)


def _start(after: str | None, offset: int | None = None) -> int:
    """The first position a page starts at: after the `after` cursor, plus `offset`."""
    start = 0
    if after:
        position = cursor_to_offset(after)
        start = position + 1 if position is not None and position >= 0 else 0
    return start + max(offset or 0, 0)


def _refused(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": str(CoreErrorCode.INVALID)})


def ranked_products(*, filters: Mapping, sort: str | None, reverse: bool, page: Mapping):
    """`products(filter: {search})`: the matches in the search backend's order, as a sequence
    the catalogue's connection field slices (see catalog.graphql.queries.use_product_search).
    `sort` None ranks by relevance; NEWEST and PRICE keep their meaning."""
    if sort == "name":
        raise _refused(
            _(
                "Los resultados de una búsqueda no se pueden ordenar por nombre; ordénalos por "
                "relevancia (sin sortBy), por NEWEST o por PRICE."
            )
        )
    start = _start(page.get("after"), page.get("offset"))
    size = page.get("first") or page.get("last") or MAX_PAGE_SIZE
    return RankedProducts(
        filters.get("search") or "",
        search_filters(filters),
        sort or RELEVANCE,
        reverse=reverse,
        guess=(start, start + min(max(size, 0), MAX_PAGE_SIZE)),
    )


def _facets(result) -> list[SearchFacet]:
    facets = []
    for name in FACET_FIELDS:
        values = []
        for facet_value in result.facets.get(name, []):
            value = facet_value.value
            if name == "kind":
                # The filter takes a ProductKind; its GraphQL name is what a client passes back.
                value = Product.Kind(value).name
            values.append(
                SearchFacetValue(
                    value=value,
                    label=facet_value.label,
                    count=facet_value.count,
                    selected=facet_value.selected,
                )
            )
        facets.append(SearchFacet(field=name, values=values))
    return facets


SUGGESTION_URLS = {
    "product": "catalog:product",
    "category": "catalog:category",
    "vendor": "vendors:detail",
}


def suggestion_url(kind: str, slug: str) -> str | None:
    try:
        return reverse(SUGGESTION_URLS[kind], args=[slug])
    except (KeyError, NoReverseMatch):
        return None


class Query(graphene.ObjectType):
    search = graphene.Field(
        ProductSearchConnection,
        required=True,
        query=graphene.String(
            description="What was typed. Accents, case, plurals and punctuation do not matter; "
            "empty lists everything (newest first) and lets the filters browse."
        ),
        filter=SearchFilterInput(),
        sort_by=SearchSort(description="RELEVANCE unless given."),
        first=graphene.Int(description=f"At most {MAX_PAGE_SIZE}; {DEFAULT_PAGE_SIZE} if omitted."),
        after=graphene.String(),
        description="Products and services in the store now matching a query, ranked, with "
        "facet counts and a spelling suggestion. The storefront's search page answers from the "
        f"same backend. Results past the first {MAX_RESULT_WINDOW} cannot be paged to.",
    )
    search_suggestions = graphene.List(
        graphene.NonNull(SearchSuggestion),
        required=True,
        prefix=graphene.String(required=True),
        description="Autocomplete: products, then categories, then vendors whose names have "
        "words starting with what was typed. Empty under two letters.",
    )

    @staticmethod
    def resolve_search(
        root,
        info,
        query=None,
        filter=None,  # noqa: A002 - the API's argument name
        sort_by=None,
        first=None,
        after=None,
    ):
        first = DEFAULT_PAGE_SIZE if first is None else first
        if not 0 <= first <= MAX_PAGE_SIZE:
            raise _refused(_("`first` debe estar entre 0 y %(max)d.") % {"max": MAX_PAGE_SIZE})
        start = _start(after)
        sort = _value(sort_by) or RELEVANCE
        window = search_window(query, search_filters(filter), sort, start, start + first)
        result = window.result
        # Siblings, so each product's relations load for the whole page at once.
        register_siblings(info.context, [product for _position, product in window.products])
        edges = [
            ProductSearchConnection.Edge(node=product, cursor=offset_to_cursor(position))
            for position, product in window.products
        ]
        reachable = min(result.total, MAX_RESULT_WINDOW)
        return ProductSearchConnection(
            edges=edges,
            page_info=PageInfo(
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
                has_previous_page=start > 0,
                has_next_page=start + first < reachable,
            ),
            total_count=result.total,
            facets=_facets(result),
            suggestion=result.suggestion,
            corrected=result.corrected,
            query=result.query,
            left_out=list(result.left_out),
            searched=result.searched,
            partial=result.partial,
            estimated=result.estimated,
        )

    @staticmethod
    def resolve_search_suggestions(root, info, prefix):
        return [
            SearchSuggestion(
                kind=item.kind,
                label=item.label,
                slug=item.value,
                url=suggestion_url(item.kind, item.value),
            )
            for item in suggest(prefix)
        ]
