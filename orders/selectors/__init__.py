"""Orders reads: carts (`cart`), the checkout (`checkout`) and placed orders (`orders`)."""

from .cart import (
    CartLineSummary,
    CartSummary,
    CartVendorGroup,
    cart_get_anonymous,
    cart_get_by_token,
    cart_get_for_user,
    cart_item_count,
    cart_line_get,
    cart_summary,
    token_parse,
    variant_get,
)
from .checkout import CheckoutSummary, checkout_summary
from .orders import (
    VendorOrderFilters,
    complaints_for_order,
    order_get_by_number_for_staff,
    order_get_for_buyer,
    order_list_for_staff,
    orders_for_user,
    retracto_get_for_member,
    vendor_order_get_for_member,
    vendor_orders_for_member,
)

__all__ = [
    "CheckoutSummary",
    "VendorOrderFilters",
    "checkout_summary",
    "complaints_for_order",
    "order_get_by_number_for_staff",
    "order_get_for_buyer",
    "order_list_for_staff",
    "orders_for_user",
    "retracto_get_for_member",
    "vendor_order_get_for_member",
    "vendor_orders_for_member",
    "CartLineSummary",
    "CartSummary",
    "CartVendorGroup",
    "cart_get_anonymous",
    "cart_get_by_token",
    "cart_get_for_user",
    "cart_item_count",
    "cart_line_get",
    "cart_summary",
    "token_parse",
    "variant_get",
]
