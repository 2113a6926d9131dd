from marketplace.core.errors import ErrorCode


class VendorErrorCode(ErrorCode):
    INVALID_NIT = "invalid_nit"
    NIT_NOT_ENROLLED = "nit_not_enrolled"
    ENROLLMENT_WITHDRAWN = "enrollment_withdrawn"
    NIT_ALREADY_CLAIMED = "nit_already_claimed"
    CLAIM_CODE_INVALID = "claim_code_invalid"
    CLAIM_CODE_EXPIRED = "claim_code_expired"
    CLAIM_TOO_MANY_ATTEMPTS = "claim_too_many_attempts"
    UNKNOWN_MUNICIPALITY = "unknown_municipality"
    UNKNOWN_CIIU_SECTION = "unknown_ciiu_section"
    INVALID_TRANSITION = "invalid_transition"
    REASON_REQUIRED = "reason_required"
    NOT_A_MEMBER = "not_a_member"
    ALREADY_A_MEMBER = "already_a_member"
    CANNOT_REMOVE_OWNER = "cannot_remove_owner"
    INVITATION_INVALID = "invitation_invalid"
    SLUG_TAKEN = "slug_taken"
    IMAGE_INVALID = "image_invalid"
    IMAGE_TOO_LARGE = "image_too_large"
    IMAGE_FORMAT = "image_format"
    IMPORT_FILE_INVALID = "import_file_invalid"
