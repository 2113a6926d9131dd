"""Orders' choices and error codes as GraphQL enums. Error enums carry the same string values
as the services' codes, so `code` reads the same in JSON as everywhere else."""

from orders.models import DeliveryMethod as DeliveryMethodModel
from orders.models import DocumentType as DocumentTypeModel
from orders.models import Order as OrderModel
from orders.models import VendorOrder as VendorOrderModel
from vendors.graphql.types import choices_enum

from .errors import checkout_errors, order_errors

CheckoutErrorCode = checkout_errors.code_enum
OrderErrorCode = order_errors.code_enum
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
