from catalog.error_codes import CatalogErrorCode
from marketplace.core.errors import ErrorCode


class OrdersErrorCode(ErrorCode):
    # What may be bought: the catalogue's purchase strategy decides, with these same values.
    PRODUCT_UNAVAILABLE = str(CatalogErrorCode.PRODUCT_UNAVAILABLE)
    QUOTE_ONLY = str(CatalogErrorCode.QUOTE_ONLY)
    OUT_OF_STOCK = str(CatalogErrorCode.OUT_OF_STOCK)
    INSUFFICIENT_STOCK = str(CatalogErrorCode.INSUFFICIENT_STOCK)
    QUANTITY_INVALID = "quantity_invalid"
    QUANTITY_OUT_OF_RANGE = "quantity_out_of_range"
    SIGN_IN_REQUIRED = "sign_in_required"


class CheckoutErrorCode(ErrorCode):
    """Codes of the checkout: the cart's, plus the buyer's details and the completion."""

    PRODUCT_UNAVAILABLE = str(CatalogErrorCode.PRODUCT_UNAVAILABLE)
    QUOTE_ONLY = str(CatalogErrorCode.QUOTE_ONLY)
    OUT_OF_STOCK = str(CatalogErrorCode.OUT_OF_STOCK)
    INSUFFICIENT_STOCK = str(CatalogErrorCode.INSUFFICIENT_STOCK)
    QUANTITY_INVALID = "quantity_invalid"
    QUANTITY_OUT_OF_RANGE = "quantity_out_of_range"
    NOT_FOUND = "not_found"
    INVALID = "invalid"
    REQUIRED = "required"
    EMPTY = "checkout_empty"
    INVALID_EMAIL = "invalid_email"
    INVALID_PHONE = "invalid_phone"
    INVALID_DOCUMENT = "invalid_document"
    UNKNOWN_MUNICIPALITY = "unknown_municipality"
    INVALID_POSTAL_CODE = "invalid_postal_code"
    DELIVERY_METHOD_REQUIRED = "delivery_method_required"
    DELIVERY_METHOD_UNAVAILABLE = "delivery_method_unavailable"
    INVALID_APPOINTMENT = "invalid_appointment"
    CONSENT_REQUIRED = "consent_required"
    TERMS_REQUIRED = "terms_required"
    PRICE_CHANGED = "price_changed"
    # Starting the payment (orders.payments) from checkoutComplete.
    GATEWAY_UNKNOWN = "gateway_unknown"
    GATEWAY_NOT_OFFERED = "gateway_not_offered"
    GATEWAY_UNAVAILABLE = "gateway_unavailable"
    ORDER_NOT_PAYABLE = "order_not_payable"
    PERMISSION_DENIED = "permission_denied"
    SIGN_IN_REQUIRED = "sign_in_required"


class OrderErrorCode(ErrorCode):
    """Codes of placed orders: transitions, permissions, retracto and complaints."""

    NOT_FOUND = "not_found"
    INVALID = "invalid"
    REQUIRED = "required"
    PERMISSION_DENIED = "permission_denied"
    INVALID_TRANSITION = "invalid_transition"
    WRONG_DELIVERY_METHOD = "wrong_delivery_method"
    RETRACTO_EXPIRED = "retracto_expired"
    RETRACTO_EXCLUDED = "retracto_excluded"
    RETRACTO_EXISTS = "retracto_exists"
