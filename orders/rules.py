"""What may sit in a cart, in one place: the services refuse by these rules, and the cart
summary flags lines that stopped meeting them, with the same messages and codes."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.models import ProductVariant
from catalog.pricing import is_quoted
from marketplace.core.errors import field_error

from .error_codes import OrdersErrorCode

MAX_QUANTITY = 99


def quantity_clean(value, *, allow_zero: bool = False, field: str = "quantity") -> int:
    """A whole number of units, 1..MAX_QUANTITY (0 too when it means "remove")."""
    if isinstance(value, bool):
        value = None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        raise field_error(
            field, _("Escribe la cantidad en números enteros."), OrdersErrorCode.QUANTITY_INVALID
        )
    lowest = 0 if allow_zero else 1
    if not lowest <= number <= MAX_QUANTITY:
        raise field_error(
            field,
            _("La cantidad va de %(low)d a %(high)d unidades.")
            % {"low": lowest, "high": MAX_QUANTITY},
            OrdersErrorCode.QUANTITY_OUT_OF_RANGE,
        )
    return int(number)


def line_problem(
    *, variant: ProductVariant, visible: bool, quantity: int, in_cart: int = 0
) -> ValidationError | None:
    """Why `quantity` units of `variant` cannot be in a cart now, or None. `visible` comes from
    catalog.selectors.product_list_visible, which alone decides what the public may buy from;
    `in_cart` is what the cart already holds when adding more."""
    if not visible:
        return field_error(
            "variant",
            _("Este producto ya no está disponible en la tienda."),
            OrdersErrorCode.PRODUCT_UNAVAILABLE,
        )
    if is_quoted(variant.product):
        return field_error(
            "variant",
            _("Este servicio se cotiza: pide una cotización al negocio."),
            OrdersErrorCode.QUOTE_ONLY,
        )
    if variant.price <= 0:
        # Listed before prices above zero were required: it has no price to charge.
        return field_error(
            "variant",
            _("Este producto ya no está disponible en la tienda."),
            OrdersErrorCode.PRODUCT_UNAVAILABLE,
        )
    if not variant.track_inventory:
        return None
    available = variant.quantity_available
    if available <= 0:
        return field_error("variant", _("Esta opción está agotada."), OrdersErrorCode.OUT_OF_STOCK)
    if quantity > available:
        if in_cart:
            message = ngettext(
                "Ya tienes %(in_cart)d en tu carrito y solo hay %(n)d unidad disponible.",
                "Ya tienes %(in_cart)d en tu carrito y solo hay %(n)d unidades disponibles.",
                available,
            ) % {"in_cart": in_cart, "n": available}
        else:
            message = ngettext(
                "Solo hay %(n)d unidad disponible.",
                "Solo hay %(n)d unidades disponibles.",
                available,
            ) % {"n": available}
        return field_error("quantity", message, OrdersErrorCode.INSUFFICIENT_STOCK)
    return None
