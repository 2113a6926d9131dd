"""Search API types. Results are the catalogue's own `Product` type (search sits above catalog,
so it may import it): a product reads the same whether it came from a search or a listing."""

import graphene

from catalog.graphql.enums import ProductKind
from catalog.graphql.types import Product


class SearchSort(graphene.Enum):
    """RELEVANCE ranks name matches above description matches (and, for an empty query, lists
    the newest first); PRICE sorts by the cheapest variant."""

    RELEVANCE = "relevance"
    NEWEST = "newest"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"


class SearchFacetField(graphene.Enum):
    """What a facet counts; the same name, camelCased, is its `filter` input field (PRICE:
    `priceRange`)."""

    CATEGORY = "category"
    MUNICIPALITY = "municipality"
    VENDOR = "vendor"
    KIND = "kind"
    PRICE = "price"


class SearchSuggestionKind(graphene.Enum):
    PRODUCT = "product"
    CATEGORY = "category"
    VENDOR = "vendor"


class SearchFilterInput(graphene.InputObjectType):
    category = graphene.String(description="Category slug; includes its subcategories.")
    municipality = graphene.String(description="The vendor's municipality: slug or DANE code.")
    vendor = graphene.String(description="Vendor slug.")
    kind = ProductKind()
    price_range = graphene.String(
        description='A PRICE facet value: a price band such as "20000-50000".'
    )
    price_min = graphene.Int(
        description="Only products whose cheapest variant costs at least this, in whole pesos."
    )
    price_max = graphene.Int(
        description="Only products whose cheapest variant costs at most this, in whole pesos."
    )
    in_stock = graphene.Boolean(description="Only what can be ordered now.")


class SearchFacetValue(graphene.ObjectType):
    value = graphene.String(
        required=True,
        description="What to pass in `filter` to select it: a slug, a price band, or a "
        "ProductKind name for KIND.",
    )
    label = graphene.String(required=True, description="As the storefront shows it.")
    count = graphene.Int(
        required=True,
        description="How many results selecting this value would give; when the "
        "connection's `estimated` is true, an estimate scaled from the newest matches.",
    )
    selected = graphene.Boolean(required=True, description="Whether `filter` selects it now.")


class SearchFacet(graphene.ObjectType):
    field = graphene.Field(SearchFacetField, required=True)
    values = graphene.List(
        graphene.NonNull(SearchFacetValue),
        required=True,
        description="Values with at least one result, the most frequent first (categories and "
        "price bands in their own order). Categories are one level of the tree: the top level, "
        "or the children of the selected category.",
    )


class ProductSearchConnection(graphene.relay.Connection):
    """One page of search results with the facets and the spelling suggestion of the whole
    result set."""

    class Meta:
        node = Product

    total_count = graphene.Int(required=True, description="Number of results in all pages.")
    facets = graphene.List(graphene.NonNull(SearchFacet), required=True)
    suggestion = graphene.String(
        description='A corrected query when a word of `query` is unknown ("¿Quisiste decir '
        '…?"); null otherwise.'
    )
    corrected = graphene.Boolean(
        required=True,
        description="True when nothing matched `query` and the results are those of "
        "`suggestion` instead.",
    )
    query = graphene.String(
        required=True,
        description="The query as it was searched: cleaned, operators and punctuation dropped.",
    )
    left_out = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Words of `query` that no listing has and that were left out (the results "
        "are those of `searched`); empty when every word was searched.",
    )
    searched = graphene.String(
        required=True,
        description="What the results are for when words were left out; empty otherwise.",
    )
    estimated = graphene.Boolean(
        required=True,
        description="True when the matches were too many to count: `totalCount` is an "
        "estimate and facet counts are scaled from the newest matches.",
    )
    partial = graphene.Boolean(
        required=True,
        description="True when no listing holds every word: the results hold some of them, "
        "those holding more (and rarer) words first.",
    )


class SearchSuggestion(graphene.ObjectType):
    """An autocomplete entry."""

    kind = graphene.Field(SearchSuggestionKind, required=True)
    label = graphene.String(required=True)
    slug = graphene.String(required=True)
    url = graphene.String(description="Its storefront page (a path); null when there is none.")
