import graphene
from graphql_relay import to_global_id

from catalog.graphql.types import Money, Product, ProductVariant
from marketplace.graphql.dataloaders import register_siblings
from vendors.graphql.types import Vendor

CART_LINE_TYPE = "CartLine"


class CartLineProblem(graphene.ObjectType):
    """Why a line cannot be bought as it stands. The line stays in the cart until the shopper
    changes or removes it."""

    code = graphene.String(
        required=True,
        description="product_unavailable, quote_only, out_of_stock or insufficient_stock.",
    )
    message = graphene.String(required=True)


class CartLine(graphene.ObjectType):
    """Units of one variant in the cart. Prices are today's, taxes included."""

    id = graphene.ID(required=True, description="Global ID of type CartLine.")
    quantity = graphene.Int(required=True)
    variant = graphene.Field(ProductVariant, required=True)
    product = graphene.Field(Product, required=True)
    unit_price = graphene.Field(Money, required=True)
    line_total = graphene.Field(Money, required=True)
    is_available = graphene.Boolean(
        required=True, description="False when the line is left out of the totals."
    )
    problem = graphene.Field(CartLineProblem, description="Null when the line can be bought.")

    @staticmethod
    def resolve_id(root, info):
        return to_global_id(CART_LINE_TYPE, root.line.pk)

    @staticmethod
    def resolve_variant(root, info):
        return root.variant

    @staticmethod
    def resolve_product(root, info):
        return root.product

    @staticmethod
    def resolve_unit_price(root, info):
        return root.unit_price

    @staticmethod
    def resolve_line_total(root, info):
        return root.line_total

    @staticmethod
    def resolve_problem(root, info):
        if root.is_available:
            return None
        return CartLineProblem(code=root.problem_code, message=root.problem_message)


def _lines(info, lines):
    # Products and variants of the whole cart batch their relations together (dataloaders).
    register_siblings(info.context, [line.product for line in lines])
    register_siblings(info.context, [line.variant for line in lines])
    return lines


class CartVendorGroup(graphene.ObjectType):
    """The lines of one business: each business sells, delivers and is paid separately."""

    vendor = graphene.Field(Vendor, required=True)
    lines = graphene.List(graphene.NonNull(CartLine), required=True)
    subtotal = graphene.Field(Money, required=True, description="Of the available lines.")

    @staticmethod
    def resolve_lines(root, info):
        return _lines(info, root.lines)

    @staticmethod
    def resolve_subtotal(root, info):
        return root.subtotal


class Cart(graphene.ObjectType):
    """The signed-in user's cart across every business, grouped by business."""

    vendors = graphene.List(
        graphene.NonNull(CartVendorGroup),
        required=True,
        description="In the order each business's first line was added.",
    )
    lines = graphene.List(graphene.NonNull(CartLine), required=True)
    total = graphene.Field(
        Money, required=True, description="Of the available lines; taxes included."
    )
    item_count = graphene.Int(required=True, description="Units in every line.")

    @staticmethod
    def resolve_vendors(root, info):
        register_siblings(info.context, [group.vendor for group in root.groups])
        return root.groups

    @staticmethod
    def resolve_lines(root, info):
        return _lines(info, root.lines)

    @staticmethod
    def resolve_total(root, info):
        return root.total
