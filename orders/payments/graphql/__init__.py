"""Payments in the API. Types extend `Order`; checkoutComplete (orders.graphql) starts the
payment."""

from . import types  # noqa: F401 - registers the Order fields

__all__: list[str] = []
