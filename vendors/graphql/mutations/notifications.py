import graphene
from django.utils.translation import gettext as _
from graphql_relay import from_global_id

from marketplace.core.errors import CoreErrorCode, field_error
from vendors import selectors
from vendors.graphql.errors import VendorMutation
from vendors.services.notifications import notifications_mark_read

from .ids import MAX_PK_DIGITS, vendor_for_member


def _notice_pks(global_ids) -> list[int]:
    pks = []
    for global_id in global_ids:
        try:
            type_name, pk = from_global_id(global_id)
        except (TypeError, ValueError):
            type_name, pk = "", ""
        if type_name != "VendorNotification" or not (pk.isascii() and pk.isdigit()):
            raise field_error("ids", _("No es el ID de un aviso."), CoreErrorCode.INVALID)
        if len(pk) <= MAX_PK_DIGITS:  # a longer one names no notice
            pks.append(int(pk))
    return pks


class VendorNotificationsMarkRead(VendorMutation):
    """Mark the vendor's notices read for its whole team: those in `ids`, or every unread one
    when `ids` is left out. The vendor's members only; other vendors' ids change nothing."""

    class Arguments:
        vendor = graphene.ID(required=True)
        ids = graphene.List(graphene.NonNull(graphene.ID))

    marked = graphene.Int(description="How many notices were unread and now are read.")
    unread_count = graphene.Int(description="The vendor's notices still unread.")

    @classmethod
    def perform_mutation(cls, root, info, vendor, ids=None):
        user = info.context.user
        target = vendor_for_member(user=user, global_id=vendor, field="vendor")
        pks = None if ids is None else _notice_pks(ids)
        marked = notifications_mark_read(user=user, vendor=target, ids=pks)
        unread = selectors.vendor_notifications_unread_count(user=user, vendor=target)
        return cls(marked=marked, unread_count=unread)
