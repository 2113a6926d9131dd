from marketplace.core.errors import ErrorCode


class AccountErrorCode(ErrorCode):
    PRIVACY_CONSENT_REQUIRED = "privacy_consent_required"
    INVALID_PHONE = "invalid_phone"
    INVALID_CREDENTIALS = "invalid_credentials"
    LOCKED_OUT = "locked_out"
    INVALID_TOKEN = "invalid_token"
    ACTIVATION_LINK_INVALID = "activation_link_invalid"
    EMAIL_CONFUSABLE = "email_confusable"
    DELETION_ALREADY_REQUESTED = "deletion_already_requested"
    DELETION_REQUEST_NOT_PENDING = "deletion_request_not_pending"
    ACCOUNT_SOLE_OWNER = "account_sole_owner"
    DELETION_ALREADY_EXTENDED = "deletion_already_extended"
    DELETION_TERM_EXPIRED = "deletion_term_expired"
    REASON_REQUIRED = "reason_required"
