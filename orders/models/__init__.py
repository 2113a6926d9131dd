from .aftercare import Complaint, RetractoRequest
from .cart import Cart, CartLine
from .checkout import CheckoutDetails, DeliveryMethod, DocumentType
from .order import Order, OrderLine, VendorOrder

__all__ = [
    "Cart",
    "CartLine",
    "CheckoutDetails",
    "Complaint",
    "DeliveryMethod",
    "DocumentType",
    "Order",
    "OrderLine",
    "RetractoRequest",
    "VendorOrder",
]
