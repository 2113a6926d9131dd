"""`BaseMutation`: permission check, transaction and error translation in one place, so each
mutation only maps its input onto one service call."""

import graphene
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from marketplace.core.permissions import require_perm
from marketplace.core.ratelimit import rate_limit_request

from .errors import Error, errors_from_permission_denied, errors_from_validation_error


class BaseMutation(graphene.Mutation):
    """Subclasses declare `Arguments`, their output fields, `permissions` and implement
    `perform_mutation(cls, root, info, **data)` returning an instance of the mutation.

    Expected failures (`ValidationError`, `PermissionDenied`) come back in `errors` with every
    other field null; anything else is a bug and surfaces as a GraphQL error.
    """

    class Meta:
        abstract = True

    errors = graphene.List(graphene.NonNull(Error), required=True)

    # Full Django permission names, all required, checked before any input is looked at.
    permissions: tuple[str, ...] = ()
    # A failed mutation leaves no writes behind. Turn off only when a failure must itself be
    # recorded (login attempts counting towards a lockout).
    atomic: bool = True
    # An action in settings.RATE_LIMITS counted per client address and account before the
    # mutation runs; `rate_limit_keys` may add keys from the input.
    rate_limit: str | None = None

    @classmethod
    def rate_limit_keys(cls, data) -> tuple[str, ...]:
        return ()

    @classmethod
    def perform_mutation(cls, root, info, **data):
        raise NotImplementedError

    @classmethod
    def typed_errors(cls, errors: list[Error]) -> list:
        """The errors as this mutation's error type; apps' typed bases override it."""
        return errors

    @classmethod
    def check_permissions(cls, info) -> None:
        for perm in cls.permissions:
            require_perm(getattr(info.context, "user", None), perm)

    @classmethod
    def mutate(cls, root, info, **data):
        try:
            cls.check_permissions(info)
            if cls.rate_limit:
                rate_limit_request(info.context, cls.rate_limit, *cls.rate_limit_keys(data))
            if cls.atomic:
                with transaction.atomic():
                    result = cls.perform_mutation(root, info, **data)
            else:
                result = cls.perform_mutation(root, info, **data)
        except ValidationError as exc:
            return cls(errors=cls.typed_errors(errors_from_validation_error(exc)))
        except PermissionDenied as exc:
            return cls(errors=cls.typed_errors(errors_from_permission_denied(exc)))
        result.errors = cls.typed_errors(getattr(result, "errors", None) or [])
        return result
