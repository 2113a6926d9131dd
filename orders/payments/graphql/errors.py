"""`PaymentError`: the typed error of the payments mutations (settlement payouts). They act on
placed orders, so the orders' codes come too."""

from catalog.error_codes import CatalogErrorCode
from marketplace.core.errors import CoreErrorCode
from marketplace.graphql.typed_errors import typed_errors
from orders.error_codes import CheckoutErrorCode, OrderErrorCode
from orders.payments.error_codes import PaymentErrorCode
from vendors.error_codes import VendorErrorCode

payment_errors = typed_errors(
    "Payment",
    (
        PaymentErrorCode,
        CoreErrorCode,
        OrderErrorCode,
        CheckoutErrorCode,
        CatalogErrorCode,
        VendorErrorCode,
    ),
    module=__name__,
    description="Why a payment mutation refused its input.",
)

PaymentError = payment_errors.error_type
PaymentMutation = payment_errors.mutation
