"""Cart mutations: each resolves its IDs within the caller's own cart and calls one service of
orders.services.cart, the same the cart pages call."""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from graphql_relay import from_global_id

from catalog.graphql.mutations.ids import pk_from_global_id
from marketplace.core.errors import CoreErrorCode, field_error
from orders import selectors
from orders.error_codes import OrdersErrorCode
from orders.services import cart as services

from .errors import CheckoutMutation
from .queries import sign_in_message
from .types import CART_LINE_TYPE, Cart, CartLine


def line_pk(global_id: str) -> int:
    try:
        found_type, pk = from_global_id(global_id)
    except (TypeError, ValueError):
        found_type, pk = "", ""
    if found_type != CART_LINE_TYPE or not (pk.isascii() and pk.isdigit()) or len(pk) > 18:
        raise field_error("line", _("No es el ID de una línea del carrito."), CoreErrorCode.INVALID)
    return int(pk)


class _CartMutation(CheckoutMutation):
    class Meta:
        abstract = True

    cart = graphene.Field(Cart, description="The cart after the change.")

    @classmethod
    def check_permissions(cls, info) -> None:
        user = getattr(info.context, "user", None)
        if user is None or not user.is_authenticated:
            raise ValidationError(sign_in_message(), code=OrdersErrorCode.SIGN_IN_REQUIRED)

    @classmethod
    def line_of(cls, user, global_id: str):
        line = selectors.cart_line_get(
            cart=selectors.cart_get_for_user(user=user), line_id=line_pk(global_id)
        )
        if line is None:
            # The same answer for another shopper's line and for one that does not exist.
            raise field_error(
                "line", _("Esa línea no está en tu carrito."), CoreErrorCode.NOT_FOUND
            )
        return line

    @classmethod
    def result(cls, cart, **fields):
        return cls(cart=selectors.cart_summary(cart), **fields)

    @staticmethod
    def summary_line(summary, line):
        return next((entry for entry in summary.lines if entry.line.pk == line.pk), None)


class CartAddLine(_CartMutation):
    """Add units of a variant; a variant already in the cart gets them added to its line."""

    class Arguments:
        variant = graphene.ID(required=True)
        quantity = graphene.Int(description="Whole units, 1 to 99. Defaults to 1.")

    line = graphene.Field(CartLine)

    @classmethod
    def perform_mutation(cls, root, info, variant, quantity=1):
        user = info.context.user
        pk = pk_from_global_id(variant, type_name="ProductVariant", field="variant")
        target = selectors.variant_get(variant_id=pk)
        if target is None:
            raise field_error("variant", _("Ese producto no existe."), CoreErrorCode.NOT_FOUND)
        cart = services.cart_get_or_create_for_user(user=user)
        line = services.cart_add(cart=cart, variant=target, quantity=quantity)
        summary = selectors.cart_summary(cart)
        return cls(cart=summary, line=cls.summary_line(summary, line))


class CartUpdateLine(_CartMutation):
    """Set a line's quantity; 0 removes the line (`line` is then null)."""

    class Arguments:
        line = graphene.ID(required=True)
        quantity = graphene.Int(required=True, description="Whole units, 0 to 99.")

    line = graphene.Field(CartLine)

    @classmethod
    def perform_mutation(cls, root, info, line, quantity):
        target = cls.line_of(info.context.user, line)
        updated = services.cart_set_quantity(line=target, quantity=quantity)
        summary = selectors.cart_summary(target.cart)
        return cls(
            cart=summary,
            line=cls.summary_line(summary, updated) if updated is not None else None,
        )


class CartRemoveLine(_CartMutation):
    """Remove a line, whatever became of its product."""

    class Arguments:
        line = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, root, info, line):
        target = cls.line_of(info.context.user, line)
        services.cart_remove(line=target)
        return cls.result(target.cart)


class Mutation(graphene.ObjectType):
    cart_add_line = CartAddLine.Field()
    cart_update_line = CartUpdateLine.Field()
    cart_remove_line = CartRemoveLine.Field()
