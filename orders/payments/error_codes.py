from marketplace.core.errors import ErrorCode


class PaymentErrorCode(ErrorCode):
    NOT_FOUND = "not_found"
    INVALID = "invalid"
    GATEWAY_UNKNOWN = "gateway_unknown"
    GATEWAY_NOT_OFFERED = "gateway_not_offered"
    GATEWAY_UNAVAILABLE = "gateway_unavailable"
    ORDER_NOT_PAYABLE = "order_not_payable"
    REFUND_TOO_LARGE = "refund_too_large"
    REFUND_NOT_POSSIBLE = "refund_not_possible"
    REFUND_NOT_MANUAL = "refund_not_manual"
    REFERENCE_REQUIRED = "reference_required"
    SETTLEMENT_ALREADY_PAID = "settlement_already_paid"
