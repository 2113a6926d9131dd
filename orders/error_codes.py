from marketplace.core.errors import ErrorCode


class OrdersErrorCode(ErrorCode):
    PRODUCT_UNAVAILABLE = "product_unavailable"
    QUOTE_ONLY = "quote_only"
    QUANTITY_INVALID = "quantity_invalid"
    QUANTITY_OUT_OF_RANGE = "quantity_out_of_range"
    OUT_OF_STOCK = "out_of_stock"
    INSUFFICIENT_STOCK = "insufficient_stock"
    SIGN_IN_REQUIRED = "sign_in_required"
