"""The catalogue API: the public listing and product pages, the category tree, and the vendor
members' portfolio editing.

Importing `extensions` adds `products` to the vendors `Vendor` type (see there).
"""

from . import extensions  # noqa: F401 - registers the Vendor extension
from .mutations import Mutation
from .queries import Query

__all__ = ["Mutation", "Query"]
