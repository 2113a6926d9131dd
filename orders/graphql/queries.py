import graphene
from django.utils.translation import gettext as _
from graphql import GraphQLError

from orders import selectors
from orders.error_codes import OrdersErrorCode

from .types import Cart


def sign_in_message() -> str:
    return _("Inicia sesión para usar tu carrito.")


class Query(graphene.ObjectType):
    cart = graphene.Field(
        Cart,
        required=True,
        description="Your cart, empty until you add something. Signed-in users only: "
        "anonymous requests get an error with code sign_in_required.",
    )

    @staticmethod
    def resolve_cart(root, info):
        user = info.context.user
        if not user.is_authenticated:
            # A query has no `errors` field, so the refusal is a GraphQL error with a code.
            raise GraphQLError(
                sign_in_message(), extensions={"code": str(OrdersErrorCode.SIGN_IN_REQUIRED)}
            )
        return selectors.cart_summary(selectors.cart_get_for_user(user=user))
