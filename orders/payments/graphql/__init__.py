"""Payments in the API. `types` extends `Order` (checkoutComplete, in orders.graphql, starts
the payment); `settlements` adds the staff and vendor settlement queries and the payout
mutation."""

from . import types  # noqa: F401 - registers the Order fields
from .settlements import Mutation, Query

__all__ = ["Mutation", "Query"]
