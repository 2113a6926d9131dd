import graphene

from vendors.graphql.errors import VendorMutation
from vendors.services.members import vendor_member_invite

from .ids import vendor_for_member


class VendorInvitation(graphene.ObjectType):
    email = graphene.String(required=True)
    expires_at = graphene.DateTime(required=True)


class VendorMemberInvite(VendorMutation):
    """Invite someone by email to join the vendor's team. The vendor's owner only."""

    class Arguments:
        vendor = graphene.ID(required=True)
        email = graphene.String(required=True)

    invitation = graphene.Field(VendorInvitation)

    @classmethod
    def perform_mutation(cls, root, info, vendor, email):
        user = info.context.user
        target = vendor_for_member(user=user, global_id=vendor, field="vendor")
        invitation = vendor_member_invite(vendor=target, email=email, invited_by=user)
        return cls(
            invitation=VendorInvitation(email=invitation.email, expires_at=invitation.expires_at)
        )
