"""Typed errors of the orders mutations: `errors { field code message }` with `code` an enum
(CheckoutErrorCode, OrderErrorCode). The base mutation builds plain errors; these mutations
hand them over with the code as the enum's value, the same string as before."""

import graphene

from marketplace.graphql.mutations import BaseMutation

from .enums import CheckoutErrorCode, OrderErrorCode


class CheckoutError(graphene.ObjectType):
    field = graphene.String(description="The input field (camelCase), or null for the whole.")
    code = graphene.Field(CheckoutErrorCode, required=True)
    message = graphene.String(required=True)


class OrderError(graphene.ObjectType):
    field = graphene.String(description="The input field (camelCase), or null for the whole.")
    code = graphene.Field(OrderErrorCode, required=True)
    message = graphene.String(required=True)


def _typed(error_type, enum, errors):
    known = {member.value for member in enum._meta.enum}
    return [
        error_type(
            field=error.field,
            # A code outside the enum (none is expected) reads as the generic one.
            code=error.code if error.code in known else "invalid",
            message=error.message,
        )
        for error in errors
    ]


class CheckoutMutation(BaseMutation):
    class Meta:
        abstract = True

    errors = graphene.List(graphene.NonNull(CheckoutError), required=True)

    @classmethod
    def mutate(cls, root, info, **data):
        result = super().mutate(root, info, **data)
        result.errors = _typed(CheckoutError, CheckoutErrorCode, result.errors)
        return result


class OrderMutation(BaseMutation):
    class Meta:
        abstract = True

    errors = graphene.List(graphene.NonNull(OrderError), required=True)

    @classmethod
    def mutate(cls, root, info, **data):
        result = super().mutate(root, info, **data)
        result.errors = _typed(OrderError, OrderErrorCode, result.errors)
        return result
