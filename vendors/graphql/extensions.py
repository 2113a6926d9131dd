"""`me.vendorMemberships`: vendors adds it to the accounts `User` type (see
marketplace.graphql.extensions for why it cannot be declared there)."""

import graphene

from marketplace.accounts.graphql.types import User
from marketplace.graphql.dataloaders import register_siblings
from marketplace.graphql.extensions import extend_type
from vendors import selectors

from .types import VendorMembership


def resolve_vendor_memberships(user, info):
    # The User type is only ever the requester's own profile, so its memberships are theirs.
    memberships = register_siblings(info.context, selectors.memberships_for_user(user=user))
    register_siblings(info.context, [membership.vendor for membership in memberships])
    return memberships


VENDOR_MEMBERSHIPS = graphene.Field(
    graphene.NonNull(graphene.List(graphene.NonNull(VendorMembership))),
    resolver=resolve_vendor_memberships,
    description="The vendors this person works for (added by the vendors app).",
)

extend_type(User, vendor_memberships=VENDOR_MEMBERSHIPS)
