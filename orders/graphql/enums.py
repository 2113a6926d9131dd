"""Orders' choices and error codes as GraphQL enums. Error enums carry the same string values
as orders.error_codes, so `code` reads the same in JSON as everywhere else."""

import graphene

from orders.error_codes import CheckoutErrorCode as CheckoutCodes
from orders.error_codes import OrderErrorCode as OrderCodes
from orders.models import DeliveryMethod as DeliveryMethodModel
from orders.models import DocumentType as DocumentTypeModel
from orders.models import Order as OrderModel
from orders.models import VendorOrder as VendorOrderModel
from vendors.graphql.types import choices_enum


def _codes_enum(name: str, codes, description: str) -> type[graphene.Enum]:
    # Members are named by their values, so `code` reads in JSON exactly as the service's code
    # ("insufficient_stock"): the same string the untyped errors always carried.
    return graphene.Enum(
        name, [(code.value, code.value) for code in codes], description=description
    )


CheckoutErrorCode = _codes_enum(
    "CheckoutErrorCode", CheckoutCodes, "Why a checkout mutation refused its input."
)
OrderErrorCode = _codes_enum(
    "OrderErrorCode", OrderCodes, "Why an order mutation refused (transition, permission...)."
)
OrderStatus = choices_enum("OrderStatus", OrderModel.Status, "Where an order is.")
VendorOrderStatus = choices_enum(
    "VendorOrderStatus", VendorOrderModel.Status, "Where one business's part of an order is."
)
DeliveryMethod = choices_enum(
    "DeliveryMethod",
    DeliveryMethodModel,
    "PICKUP at the vendor, DELIVERY with its fee, NONE for services.",
)
DocumentType = choices_enum("DocumentType", DocumentTypeModel, "Colombian identity documents.")
