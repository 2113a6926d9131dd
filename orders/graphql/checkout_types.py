"""The checkout as the API shows it: orders.selectors.checkout_summary, the same the page shows."""

import graphene

from catalog.graphql.types import Money
from marketplace.graphql.dataloaders import register_siblings
from vendors.graphql.types import Vendor, choice_value

from .enums import CheckoutErrorCode, DeliveryMethod
from .types import CartLine, CartVendorGroup, _lines


class VatLine(graphene.ObjectType):
    """IVA contained in the total at one rate (prices include IVA)."""

    rate = graphene.Int(required=True, description="Percent: 19, 5 or 0.")
    base = graphene.Field(Money, required=True, description="Price without IVA.")
    vat = graphene.Field(Money, required=True)

    @staticmethod
    def resolve_base(root, info):
        return root["base"] if isinstance(root, dict) else root.base

    @staticmethod
    def resolve_vat(root, info):
        return root["vat"] if isinstance(root, dict) else root.vat

    @staticmethod
    def resolve_rate(root, info):
        return root["rate"] if isinstance(root, dict) else root.rate


class CheckoutTotals(graphene.ObjectType):
    subtotal = graphene.Field(Money, required=True)
    delivery = graphene.Field(Money, required=True)
    total = graphene.Field(Money, required=True)
    vat = graphene.List(graphene.NonNull(VatLine), required=True)

    @staticmethod
    def resolve_subtotal(root, info):
        return root.subtotal

    @staticmethod
    def resolve_delivery(root, info):
        return root.delivery_total

    @staticmethod
    def resolve_total(root, info):
        return root.total


class DeliveryOption(graphene.ObjectType):
    method = graphene.Field(DeliveryMethod, required=True)
    label = graphene.String(required=True)
    fee = graphene.Field(Money, required=True)
    available = graphene.Boolean(required=True)
    note = graphene.String(required=True, description="Pickup address, or why not available.")

    @staticmethod
    def resolve_method(root, info):
        return choice_value(root.method)

    @staticmethod
    def resolve_fee(root, info):
        return root.fee


class CheckoutDeliveryOptions(graphene.ObjectType):
    """One business's ways of getting its part to the buyer's municipality."""

    vendor = graphene.Field(Vendor, required=True)
    options = graphene.List(graphene.NonNull(DeliveryOption), required=True)
    chosen = graphene.Field(DeliveryMethod, description="Null until chosen.")
    lines = graphene.List(graphene.NonNull(CartLine), required=True)

    @staticmethod
    def resolve_vendor(root, info):
        return root.vendor

    @staticmethod
    def resolve_chosen(root, info):
        return choice_value(root.chosen) or None

    @staticmethod
    def resolve_lines(root, info):
        return _lines(info, root.group.lines)


class CheckoutProblem(graphene.ObjectType):
    """Something that stops checkoutComplete; the buyer must fix it first."""

    code = graphene.Field(CheckoutErrorCode, required=True)
    message = graphene.String(required=True)
    field = graphene.String(description="snake_case input field concerned, if any.")
    line = graphene.ID(description="Global ID of the CartLine concerned, if any.")

    @staticmethod
    def resolve_field(root, info):
        return root.field or None

    @staticmethod
    def resolve_line(root, info):
        from graphql_relay import to_global_id

        return to_global_id("CartLine", root.line_id) if root.line_id else None


class Checkout(graphene.ObjectType):
    """The cart plus the buyer's details: its token is the cart's token."""

    token = graphene.UUID(required=True)
    email = graphene.String()
    lines = graphene.List(graphene.NonNull(CartLine), required=True)
    vendors = graphene.List(graphene.NonNull(CartVendorGroup), required=True)
    totals = graphene.Field(CheckoutTotals, required=True)
    delivery_options = graphene.List(graphene.NonNull(CheckoutDeliveryOptions), required=True)
    problems = graphene.List(graphene.NonNull(CheckoutProblem), required=True)
    is_ready = graphene.Boolean(required=True, description="True when it can be completed.")

    @staticmethod
    def resolve_token(root, info):
        return root.cart.token

    @staticmethod
    def resolve_email(root, info):
        return root.details.email if root.details else None

    @staticmethod
    def resolve_lines(root, info):
        return _lines(info, root.summary.lines)

    @staticmethod
    def resolve_vendors(root, info):
        register_siblings(info.context, [group.vendor for group in root.summary.groups])
        return root.summary.groups

    @staticmethod
    def resolve_delivery_options(root, info):
        register_siblings(info.context, [part.vendor for part in root.parts])
        return root.parts
