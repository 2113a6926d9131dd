"""The catalogue API: the public listing and product pages, the category tree, and the vendor
members' portfolio editing.

Importing `extensions` adds `products` to the vendors `Vendor` type (see there).
"""

from . import (
    extensions,  # noqa: F401 - registers the Vendor extension
    moderation,
)
from .mutations import Mutation as PortfolioMutation
from .queries import Query as CatalogueQuery


class Query(moderation.Query, CatalogueQuery):
    pass


class Mutation(moderation.Mutation, PortfolioMutation):
    pass


__all__ = ["Mutation", "Query"]
