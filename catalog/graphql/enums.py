"""The catalogue's choices as GraphQL enums, named by the API rather than after the models."""

import graphene

from catalog.models import Product
from vendors.graphql.types import choices_enum

ProductKind = choices_enum("ProductKind", Product.Kind, "A good that ships, or a service.")
TaxClass = choices_enum(
    "TaxClass", Product.TaxClass, "How IVA applies; prices always include it (Ley 1480)."
)
PricingMode = choices_enum(
    "PricingMode",
    Product.PricingMode,
    "FIXED shows the price, FROM a starting price, QUOTE none: the vendor quotes on request.",
)
RetractoExclusion = graphene.Enum(
    "RetractoExclusion",
    [(c.name, c.value) for c in Product.RetractoExclusion if c.value],
    description="Why goods are outside the right of withdrawal (Ley 1480 art. 47).",
)
ProductStatus = choices_enum(
    "ProductStatus",
    Product.Status,
    "Where a listing is in its lifecycle; only PUBLISHED is public.",
)


class ProductSortField(graphene.Enum):
    NEWEST = "newest"
    PRICE = "price"
    NAME = "name"


class SortDirection(graphene.Enum):
    ASC = "asc"
    DESC = "desc"
