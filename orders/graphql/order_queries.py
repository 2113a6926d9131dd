import graphene

from marketplace.accounts.graphql.types import User
from marketplace.graphql.connections import ConnectionField
from marketplace.graphql.extensions import extend_type
from orders import selectors
from vendors.graphql.mutations.ids import vendor_for_member

from .checkout_types import Checkout
from .enums import VendorOrderStatus
from .order_types import Order, VendorOrder


class VendorOrderFilterInput(graphene.InputObjectType):
    status = graphene.Field(VendorOrderStatus)


class Query(graphene.ObjectType):
    checkout = graphene.Field(
        Checkout,
        token=graphene.UUID(required=True),
        description="A checkout by its token; null when there is none (or it is someone "
        "else's signed-in cart).",
    )
    order = graphene.Field(
        Order,
        token=graphene.UUID(required=True),
        description="An order by its token (the buyer's link). A signed-in person's order "
        "only for them; null otherwise.",
    )
    vendor_orders = ConnectionField(
        VendorOrder,
        vendor=graphene.ID(required=True),
        filter=VendorOrderFilterInput(),
        description="A vendor's parts of orders, newest first. The vendor's members only.",
    )

    @staticmethod
    def resolve_checkout(root, info, token):
        cart = selectors.cart_get_by_token(token=token, user=info.context.user)
        return selectors.checkout_summary(cart) if cart is not None else None

    @staticmethod
    def resolve_order(root, info, token):
        return selectors.order_get_for_buyer(token=token, user=info.context.user)

    @staticmethod
    def resolve_vendor_orders(root, info, vendor, filter=None, **_page):  # noqa: A002
        user = info.context.user
        status = getattr((filter or {}).get("status"), "value", (filter or {}).get("status"))
        return selectors.vendor_orders_for_member(
            user=user,
            vendor=vendor_for_member(user=user, global_id=vendor, field="vendor"),
            filters=selectors.VendorOrderFilters(status=status or ""),
        )


def resolve_my_orders(user, info, **_page):
    # The User type is only ever the requester's own profile.
    return selectors.orders_for_user(user=user)


extend_type(
    User,
    orders=ConnectionField(
        Order, required=True, resolver=resolve_my_orders, description="Your orders, newest first."
    ),
)
