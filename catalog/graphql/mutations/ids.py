"""Turning Relay global IDs into catalogue rows, through the selectors that decide who may act
on them."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from graphql_relay import from_global_id

from catalog import selectors
from catalog.models import Product, ProductImage, ProductVariant
from marketplace.core.errors import CoreErrorCode, field_error

MAX_PK_DIGITS = 18  # a longer number overflows the database's integer before it is looked up

NOT_AN_ID = {
    "Product": gettext_lazy("No es el ID de un producto."),
    "ProductVariant": gettext_lazy("No es el ID de una variante."),
    "ProductImage": gettext_lazy("No es el ID de una imagen."),
}


def pk_from_global_id(global_id: str, *, type_name: str, field: str) -> int:
    try:
        found_type, pk = from_global_id(global_id)
    except (TypeError, ValueError):
        found_type, pk = "", ""
    if found_type != type_name or not (pk.isascii() and pk.isdigit()) or len(pk) > MAX_PK_DIGITS:
        raise field_error(field, str(NOT_AN_ID[type_name]), CoreErrorCode.INVALID)
    return int(pk)


def product_for_member(*, user, global_id: str, field: str = "id") -> Product:
    pk = pk_from_global_id(global_id, type_name="Product", field=field)
    return selectors.product_get_for_member(user=user, product_id=pk)


def variant_for_member(*, user, global_id: str, field: str = "id") -> ProductVariant:
    pk = pk_from_global_id(global_id, type_name="ProductVariant", field=field)
    return selectors.variant_get_for_member(user=user, variant_id=pk)


def image_for_member(*, user, global_id: str, field: str = "id") -> ProductImage:
    pk = pk_from_global_id(global_id, type_name="ProductImage", field=field)
    return selectors.image_get_for_member(user=user, image_id=pk)


def image_pks(global_ids: list[str], *, field: str) -> list[int]:
    return [pk_from_global_id(gid, type_name="ProductImage", field=field) for gid in global_ids]


def product_for_moderation(*, user, global_id: str, field: str = "id") -> Product:
    """Staff who moderate see every product, so telling them one does not exist leaks nothing;
    anyone else is refused before the ID is looked up."""
    pk = pk_from_global_id(global_id, type_name="Product", field=field)
    product = selectors.product_get_for_moderation(user=user, product_id=pk)
    if product is None:
        raise field_error(field, _("Ese producto no existe."), CoreErrorCode.NOT_FOUND)
    return product


def renamed(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    """The service's error with its fields named as the mutation's arguments."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError(
        {names.get(field, field): errors for field, errors in exc.error_dict.items()}
    )
