"""Typed errors of the orders mutations: `CheckoutError` and `OrderError`, with `code` the
CheckoutErrorCode / OrderErrorCode enums. Besides their own codes they list those of the services
they reach (catalogue stock, payments, the core's permission and rate-limit codes)."""

from catalog.error_codes import CatalogErrorCode
from marketplace.core.errors import CoreErrorCode
from marketplace.graphql.typed_errors import typed_errors
from orders.error_codes import CheckoutErrorCode, OrderErrorCode, OrdersErrorCode
from orders.payments.error_codes import PaymentErrorCode
from vendors.error_codes import VendorErrorCode

checkout_errors = typed_errors(
    "Checkout",
    (
        CheckoutErrorCode,
        OrdersErrorCode,
        CoreErrorCode,
        PaymentErrorCode,
        OrderErrorCode,
        CatalogErrorCode,
        VendorErrorCode,
    ),
    module=__name__,
    description="Why a checkout mutation refused its input.",
)
order_errors = typed_errors(
    "Order",
    (OrderErrorCode, CoreErrorCode, CheckoutErrorCode, CatalogErrorCode, VendorErrorCode),
    module=__name__,
    description="Why an order mutation refused (transition, permission...).",
)

CheckoutError = checkout_errors.error_type
CheckoutMutation = checkout_errors.mutation
OrderError = order_errors.error_type
OrderMutation = order_errors.mutation
