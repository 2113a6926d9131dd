"""The cart API, for signed-in shoppers only: an anonymous API client has no session to keep a
cart in, so the cart query and mutations ask it to sign in (code `sign_in_required`)."""

from .mutations import Mutation
from .queries import Query

__all__ = ["Mutation", "Query"]
