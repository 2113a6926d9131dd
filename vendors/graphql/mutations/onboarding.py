import graphene

from marketplace.graphql.errors import errors_from_validation_error
from vendors.graphql.errors import VendorMutation
from vendors.services.onboarding import vendor_application_confirm, vendor_apply

from ..types import Vendor


class VendorApply(VendorMutation):
    """Start claiming the store account of a business on the programme roster. When the NIT
    can be claimed, a code goes to the roster's contact address; the answer is the same for
    every well-formed NIT, so it does not tell whether the business is enrolled."""

    class Arguments:
        nit = graphene.String(required=True)

    message = graphene.String(description="What happens next, the same for every NIT.")
    sent_to = graphene.String(
        deprecation_reason="Always null: where the code went would reveal the roster."
    )

    rate_limit = "vendor_apply"

    @classmethod
    def perform_mutation(cls, root, info, nit):
        received = vendor_apply(user=info.context.user, nit=nit)
        return cls(message=received.message)


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
