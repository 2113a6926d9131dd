import graphene

from .lifecycle import (
    VendorApplicationApprove,
    VendorApplicationReject,
    VendorReactivate,
    VendorSuspend,
)
from .members import VendorMemberInvite
from .notifications import VendorNotificationsMarkRead
from .onboarding import VendorApplicationConfirm, VendorApply
from .profile import VendorProfileUpdate


class Mutation(graphene.ObjectType):
    vendor_apply = VendorApply.Field()
    vendor_application_confirm = VendorApplicationConfirm.Field()
    vendor_application_approve = VendorApplicationApprove.Field()
    vendor_application_reject = VendorApplicationReject.Field()
    vendor_suspend = VendorSuspend.Field()
    vendor_reactivate = VendorReactivate.Field()
    vendor_profile_update = VendorProfileUpdate.Field()
    vendor_member_invite = VendorMemberInvite.Field()
    vendor_notifications_mark_read = VendorNotificationsMarkRead.Field()


__all__ = ["Mutation"]
