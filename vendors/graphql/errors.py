"""`VendorError`: the typed error of the vendors' mutations (onboarding, lifecycle, profile,
members). The profile takes images and phone numbers, so those codes come too."""

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.core.errors import CoreErrorCode
from marketplace.core.images import ImageErrorCode
from marketplace.graphql.typed_errors import typed_errors
from vendors.error_codes import VendorErrorCode

vendor_errors = typed_errors(
    "Vendor",
    (VendorErrorCode, CoreErrorCode, ImageErrorCode, AccountErrorCode),
    module=__name__,
    description="Why a vendor mutation refused its input.",
)

VendorError = vendor_errors.error_type
VendorMutation = vendor_errors.mutation
