"""The `Error` type every mutation returns, and the translation from Django's exceptions.

Services raise `ValidationError` / `PermissionDenied`; clients branch on `code` and show
`message`, so the translation keeps Django's codes and rendered messages as they are.
"""

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from graphene.utils.str_converters import to_camel_case

from marketplace.core.errors import CoreErrorCode


class Error(graphene.ObjectType):
    field = graphene.String(
        description="The input field the error is about (camelCase), or null for the whole input."
    )
    code = graphene.String(required=True, description="Stable machine-readable error code.")
    message = graphene.String(required=True, description="Human-readable message.")


def _field_name(field: str) -> str | None:
    return None if field == NON_FIELD_ERRORS else to_camel_case(field)


def _from_error_list(field: str | None, errors: list[ValidationError]) -> list[Error]:
    # Iterating a single-message ValidationError yields its message with params applied.
    return [
        Error(field=field, code=str(error.code or CoreErrorCode.INVALID), message=message)
        for error in errors
        for message in error
    ]


def errors_from_validation_error(exc: ValidationError) -> list[Error]:
    if hasattr(exc, "error_dict"):
        return [
            error
            for field, field_errors in exc.error_dict.items()
            for error in _from_error_list(_field_name(field), field_errors)
        ]
    return _from_error_list(None, exc.error_list)


def errors_from_permission_denied(exc: PermissionDenied) -> list[Error]:
    message = str(exc) or _("No tienes permiso para hacer esto.")
    return [Error(field=None, code=str(CoreErrorCode.PERMISSION_DENIED), message=message)]
