"""Typed mutation errors, Saleor-like: each app's mutations return `errors { field code message }`
with `code` a GraphQL enum of that app (`CatalogErrorCode`, ...) instead of a bare string.

An app's enum is the union of the `ErrorCode` classes its mutations can raise (its own, plus the
core, image and permission codes it reuses). Members are named by their values, so `code` reads
in JSON exactly as the service's code: the same string the untyped errors always carried.
"""

from dataclasses import dataclass

import graphene

from .errors import Error
from .mutations import BaseMutation


class UnlistedErrorCode(Exception):
    """A service raised a code its app's enum does not list: a bug, reported rather than
    rewritten, so no client ever sees a code other than the one that was raised."""


def error_code_enum(name: str, code_classes, description: str) -> type[graphene.Enum]:
    values = dict.fromkeys(str(code) for codes in code_classes for code in codes)
    return graphene.Enum(name, [(value, value) for value in values], description=description)


@dataclass(frozen=True)
class TypedErrors:
    code_enum: type[graphene.Enum]
    error_type: type[graphene.ObjectType]
    mutation: type[BaseMutation]

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(member.value for member in self.code_enum._meta.enum)


def typed_errors(prefix: str, code_classes, *, module: str, description: str) -> TypedErrors:
    """`<prefix>ErrorCode` (enum), `<prefix>Error` (object type) and `<prefix>Mutation`, the
    abstract base of the app's mutations."""
    code_enum = error_code_enum(f"{prefix}ErrorCode", code_classes, description)
    codes = frozenset(member.value for member in code_enum._meta.enum)
    error_type = type(
        f"{prefix}Error",
        (graphene.ObjectType,),
        {
            "__module__": module,
            "__doc__": f"Why a {prefix[0].lower()}{prefix[1:]} mutation refused its input.",
            "field": graphene.String(
                description="The input field (camelCase), or null for the whole input."
            ),
            "code": graphene.Field(code_enum, required=True),
            "message": graphene.String(required=True, description="Human-readable message."),
        },
    )

    def typed(cls, errors: list[Error]) -> list:
        unlisted = sorted({error.code for error in errors} - codes)
        if unlisted:
            raise UnlistedErrorCode(f"{code_enum._meta.name} lacks {', '.join(unlisted)}")
        return [error_type(field=e.field, code=e.code, message=e.message) for e in errors]

    mutation = type(
        f"{prefix}Mutation",
        (BaseMutation,),
        {
            "__module__": module,
            "Meta": type("Meta", (), {"abstract": True}),
            "errors": graphene.List(graphene.NonNull(error_type), required=True),
            "typed_errors": classmethod(typed),
        },
    )
    return TypedErrors(code_enum=code_enum, error_type=error_type, mutation=mutation)
