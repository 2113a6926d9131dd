"""The vendors API: the public directory, onboarding, staff review and the storefront profile.

Importing `extensions` adds `vendorMemberships` to the accounts `User` type (see there).
"""

from . import extensions  # noqa: F401 - registers the User extension
from .mutations import Mutation
from .queries import Query

__all__ = ["Mutation", "Query"]
