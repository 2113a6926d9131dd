"""Input scalars whose values the services validate, so that a bad value comes back as a field
error with the service's code instead of a GraphQL error without one."""

import graphene
from django.core.files.uploadedfile import UploadedFile
from graphql import Undefined
from graphql.language import FloatValueNode, IntValueNode, StringValueNode


class Pesos(graphene.Scalar):
    """An amount of Colombian pesos as a number (or a numeric string). Only whole, non-negative
    pesos are accepted; anything else is refused with `amount_not_whole_pesos` or
    `amount_negative` on the field."""

    @staticmethod
    def serialize(value):
        return int(value)

    @staticmethod
    def parse_value(value):
        # An Int scalar would refuse 45900.5 before the service could say why (and with which
        # code), so numbers pass through untouched and marketplace.core.money decides.
        if isinstance(value, int | float | str):
            return value
        return Undefined

    @staticmethod
    def parse_literal(node, _variables=None):
        if isinstance(node, IntValueNode | FloatValueNode | StringValueNode):
            # Kept as written: a float literal would lose digits before the check.
            return node.value
        return Undefined


class Upload(graphene.Scalar):
    """A file sent along the request as the GraphQL multipart request spec describes; it can
    only be passed as a variable."""

    @staticmethod
    def serialize(value):
        raise TypeError("Upload is an input-only scalar")

    @staticmethod
    def parse_value(value):
        return value if isinstance(value, UploadedFile) else Undefined

    @staticmethod
    def parse_literal(node, _variables=None):
        return Undefined
