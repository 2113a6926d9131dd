"""`AccountError`: the typed error of sign-in and token mutations."""

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.core.errors import CoreErrorCode
from marketplace.graphql.typed_errors import typed_errors

account_errors = typed_errors(
    "Account",
    (AccountErrorCode, CoreErrorCode),
    module=__name__,
    description="Why an account mutation refused its input.",
)

AccountError = account_errors.error_type
AccountMutation = account_errors.mutation
