"""Staff decisions on vendors. The services check the permission too; declaring it here
refuses before the ID is even looked at."""

import graphene

from vendors.graphql.errors import VendorMutation
from vendors.services import lifecycle

from ..types import Vendor
from .ids import vendor_for_staff

MANAGE_VENDORS = ("accounts.manage_vendors",)


class _VendorDecision(VendorMutation):
    class Meta:
        abstract = True

    vendor = graphene.Field(Vendor)
    permissions = MANAGE_VENDORS


class VendorApplicationApprove(_VendorDecision):
    """Approve a pending application: the vendor starts selling."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002 - the API's name
        user = info.context.user
        vendor = vendor_for_staff(user=user, global_id=id)
        return cls(vendor=lifecycle.vendor_approve(vendor=vendor, approved_by=user))


class VendorApplicationReject(_VendorDecision):
    """Reject a pending application; the reason is emailed to the applicant."""

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String()

    @classmethod
    def perform_mutation(cls, root, info, id, reason=""):  # noqa: A002
        user = info.context.user
        vendor = vendor_for_staff(user=user, global_id=id)
        return cls(
            vendor=lifecycle.vendor_reject(vendor=vendor, rejected_by=user, reason=reason or "")
        )


class VendorSuspend(_VendorDecision):
    """Take an active vendor out of the store; its listings leave with it."""

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String()

    @classmethod
    def perform_mutation(cls, root, info, id, reason=""):  # noqa: A002
        user = info.context.user
        vendor = vendor_for_staff(user=user, global_id=id)
        return cls(
            vendor=lifecycle.vendor_suspend(vendor=vendor, suspended_by=user, reason=reason or "")
        )


class VendorReactivate(_VendorDecision):
    """Bring a suspended vendor back into the store."""

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002
        user = info.context.user
        vendor = vendor_for_staff(user=user, global_id=id)
        return cls(vendor=lifecycle.vendor_reactivate(vendor=vendor, reactivated_by=user))
