"""Turning a vendor's Relay global ID into the vendor, through the selector that decides who
may act on it."""

from django.utils.translation import gettext as _
from graphql_relay import from_global_id

from marketplace.core.errors import CoreErrorCode, field_error
from vendors import selectors
from vendors.models import Vendor

MAX_PK_DIGITS = 18  # a longer number overflows the database's integer before it is looked up


def vendor_pk(global_id: str, *, field: str) -> int:
    try:
        type_name, pk = from_global_id(global_id)
    except (TypeError, ValueError):
        type_name, pk = "", ""
    if type_name != "Vendor" or not (pk.isascii() and pk.isdigit()) or len(pk) > MAX_PK_DIGITS:
        raise field_error(field, _("No es el ID de un negocio."), CoreErrorCode.INVALID)
    return int(pk)


def vendor_for_staff(*, user, global_id: str, field: str = "id") -> Vendor:
    """Staff who manage vendors see every vendor, so telling them one does not exist leaks
    nothing; anyone else is refused before the ID is looked up."""
    vendors = selectors.vendor_list_for_staff(user=user)
    vendor = vendors.filter(pk=vendor_pk(global_id, field=field)).first()
    if vendor is None:
        raise field_error(field, _("Ese negocio no existe."), CoreErrorCode.NOT_FOUND)
    return vendor


def vendor_for_member(*, user, global_id: str, field: str = "id") -> Vendor:
    """Refused alike whether the vendor is someone else's or does not exist."""
    return selectors.vendor_get_for_member(user=user, vendor_id=vendor_pk(global_id, field=field))
