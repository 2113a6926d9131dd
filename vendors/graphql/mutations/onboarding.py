import graphene

from marketplace.graphql.errors import errors_from_validation_error
from vendors.graphql.errors import VendorMutation
from vendors.services.onboarding import vendor_application_confirm, vendor_apply

from ..types import Vendor


class VendorApply(VendorMutation):
    """Start claiming the store account of a business on the programme roster: a code is
    emailed to the roster's contact address."""

    class Arguments:
        nit = graphene.String(required=True)

    sent_to = graphene.String(description="Where the code went, masked.")

    rate_limit = "vendor_apply"

    @classmethod
    def perform_mutation(cls, root, info, nit):
        started = vendor_apply(user=info.context.user, nit=nit)
        return cls(sent_to=started.sent_to)


class VendorApplicationConfirm(VendorMutation):
    """Prove access to the roster's mailbox with the emailed code; creates the vendor, pending
    review, with the requester as its owner."""

    class Arguments:
        code = graphene.String(required=True)

    vendor = graphene.Field(Vendor)

    rate_limit = "claim_code"

    # A wrong code counts towards the limit: the service commits the count together with the
    # refusal it returns, so the refusal must not be turned into an exception that rolls back.
    atomic = False

    @classmethod
    def perform_mutation(cls, root, info, code):
        outcome = vendor_application_confirm(user=info.context.user, code=code)
        if outcome.error is not None:
            return cls(errors=errors_from_validation_error(outcome.error))
        return cls(vendor=outcome.vendor)
