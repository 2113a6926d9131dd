"""Placed orders in the API. Reached only through selectors that decide who may see them: the
buyer (`order(token)`, `me.orders`) and the vendor's members (`vendorOrders`)."""

import graphene
from graphene_django import DjangoObjectType

from catalog.graphql.types import Money
from marketplace.graphql.connections import CountableConnection
from orders.models import Complaint as ComplaintModel
from orders.models import Order as OrderModel
from orders.models import OrderLine as OrderLineModel
from orders.models import RetractoRequest as RetractoModel
from orders.models import VendorOrder as VendorOrderModel
from vendors.graphql.types import Vendor, choice_value

from .checkout_types import VatLine
from .enums import DeliveryMethod, OrderStatus, VendorOrderStatus


def _money(name):
    return graphene.Field(Money, required=True, resolver=lambda root, info: getattr(root, name))


class OrderLine(DjangoObjectType):
    """A line as sold: name, price and IVA rate as they were when the order was placed."""

    unit_price = _money("unit_price")
    line_total = _money("line_total")
    vat_rate = graphene.Int(description="Null when the sale carries no IVA.")

    class Meta:
        model = OrderLineModel
        fields = ("product_name", "variant_name", "sku", "quantity", "appointment_date")


class Retracto(DjangoObjectType):
    refund_amount = _money("refund_amount")

    class Meta:
        model = RetractoModel
        name = "Retracto"
        interfaces = (graphene.relay.Node,)
        fields = ("status", "reason", "requested_at", "deadline", "accepted_at", "refund_due_by")

    @classmethod
    def get_node(cls, info, id):  # noqa: A002 - graphene's signature
        return None


class SellerDetails(graphene.ObjectType):
    """Ley 1480 art. 50: who sold, as it was when the order was placed."""

    name = graphene.String(required=True)
    legal_name = graphene.String(required=True)
    nit = graphene.String(required=True)
    notice_address = graphene.String(required=True)
    notice_phone = graphene.String(required=True)
    notice_email = graphene.String(required=True)


class VendorOrder(DjangoObjectType):
    """One business's part of an order."""

    status = graphene.Field(VendorOrderStatus, required=True)
    delivery_method = graphene.Field(DeliveryMethod, required=True)
    vendor = graphene.Field(Vendor, required=True)
    seller = graphene.Field(SellerDetails, required=True)
    lines = graphene.List(graphene.NonNull(OrderLine), required=True)
    subtotal = _money("subtotal")
    delivery_fee = _money("delivery_fee")
    total = _money("total")
    refund_amount = _money("refund_amount")
    vat = graphene.List(graphene.NonNull(VatLine), required=True)
    retracto = graphene.Field(Retracto)
    order_number = graphene.String(required=True)

    class Meta:
        model = VendorOrderModel
        name = "VendorOrder"
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection
        fields = (
            "carrier",
            "tracking_code",
            "shipped_at",
            "ready_at",
            "delivered_at",
            "cancelled_at",
            "cancel_reason",
            "refund_due_by",
        )

    @classmethod
    def get_node(cls, info, id):  # noqa: A002 - graphene's signature
        return None  # reached through order(token) or vendorOrders only

    @staticmethod
    def resolve_status(root, info):
        return choice_value(root.status)

    @staticmethod
    def resolve_delivery_method(root, info):
        return choice_value(root.delivery_method)

    @staticmethod
    def resolve_lines(root, info):
        return root.lines.all()

    @staticmethod
    def resolve_vat(root, info):
        return root.vat_breakdown

    @staticmethod
    def resolve_order_number(root, info):
        return root.order.number

    @staticmethod
    def resolve_retracto(root, info):
        return getattr(root, "retracto", None)

    @staticmethod
    def resolve_seller(root, info):
        return SellerDetails(
            name=root.seller_name,
            legal_name=root.seller_legal_name,
            nit=root.seller_nit,
            notice_address=root.seller_notice_address,
            notice_phone=root.seller_notice_phone,
            notice_email=root.seller_notice_email,
        )


class Complaint(DjangoObjectType):
    class Meta:
        model = ComplaintModel
        fields = ("case_number", "kind", "message", "status", "created_at")


class Order(DjangoObjectType):
    status = graphene.Field(OrderStatus, required=True)
    token = graphene.UUID(required=True, description="The buyer's key to this order's page.")
    vendor_orders = graphene.List(graphene.NonNull(VendorOrder), required=True)
    subtotal = _money("subtotal")
    delivery_total = _money("delivery_total")
    total = _money("total")
    vat = graphene.List(graphene.NonNull(VatLine), required=True)

    class Meta:
        model = OrderModel
        name = "Order"
        connection_class = CountableConnection
        interfaces = (graphene.relay.Node,)
        fields = (
            "number",
            "email",
            "first_name",
            "last_name",
            "municipality_name",
            "street_address",
            "created_at",
            "expires_at",
            "paid_at",
        )

    @classmethod
    def get_node(cls, info, id):  # noqa: A002 - graphene's signature
        return None  # reached through order(token) or me.orders only

    @staticmethod
    def resolve_status(root, info):
        return choice_value(root.status)

    @staticmethod
    def resolve_vendor_orders(root, info):
        return root.vendor_orders.all()

    @staticmethod
    def resolve_vat(root, info):
        return root.vat_breakdown
