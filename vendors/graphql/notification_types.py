"""Dashboard notices in the API; only reachable through `vendorNotifications`."""

import graphene
from graphene_django import DjangoObjectType

from marketplace.graphql.connections import CountableConnection
from vendors.models import VendorNotification as VendorNotificationModel

from .types import choice_value, choices_enum

VendorNotificationKind = choices_enum(
    "VendorNotificationKind",
    VendorNotificationModel.Kind,
    "What a notice tells about: a moderation decision on a listing or on a change to it.",
)


class VendorNotification(DjangoObjectType):
    """A notice for a vendor's team: the title and body as written when it happened, and a
    link (a path on this site) to the product it is about."""

    kind = graphene.Field(VendorNotificationKind, required=True)
    is_read = graphene.Boolean(required=True, description="Read by anyone on the team.")

    class Meta:
        model = VendorNotificationModel
        name = "VendorNotification"
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection
        fields = ("title", "body", "url", "created_at", "read_at")

    @classmethod
    def get_node(cls, info, id):  # noqa: A002 - graphene's signature
        # Never by ID: notices need the vendor and its member, which only the query passes on.
        return None

    @staticmethod
    def resolve_kind(root, info):
        return choice_value(root.kind)

    @staticmethod
    def resolve_is_read(root, info):
        return root.read_at is not None
