"""Error codes of the core's own endpoints and operator actions."""

from .errors import ErrorCode


class WebhookErrorCode(ErrorCode):
    SIGNATURE_INVALID = "signature_invalid"
    TOO_LARGE = "too_large"


class OperationsErrorCode(ErrorCode):
    NOT_RETRYABLE = "not_retryable"
