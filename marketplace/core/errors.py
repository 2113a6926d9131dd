"""Error codes: stable, machine-readable identifiers that travel with every validation error.

Each app declares its own `StrEnum` subclass (`CatalogErrorCode`, ...). The GraphQL layer and the
pages show the human message; clients and tests branch on the code.
"""

from enum import StrEnum

from django.core.exceptions import ValidationError


class ErrorCode(StrEnum):
    """Base for every app's error codes."""


class CoreErrorCode(ErrorCode):
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    AMOUNT_NOT_WHOLE_PESOS = "amount_not_whole_pesos"
    AMOUNT_NEGATIVE = "amount_negative"
    AMOUNT_TOO_LARGE = "amount_too_large"
    GRAPHQL_ERROR = "graphql_error"
    INTERNAL_ERROR = "internal_error"
    INVALID_CHARACTERS = "invalid_characters"
    RATE_LIMITED = "rate_limited"


def field_error(field: str, message: str, code: ErrorCode) -> ValidationError:
    """A ValidationError bound to one field, carrying a stable code."""
    return ValidationError({field: ValidationError(message, code=str(code))})
