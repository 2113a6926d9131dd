"""Input rules of the cart and checkout. What may be bought, at what price and how many is the
catalogue's purchase strategy (catalog.purchase); this module only reads quantities."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from catalog.purchase import MAX_QUANTITY
from marketplace.core.errors import field_error

from .error_codes import OrdersErrorCode

__all__ = ["MAX_QUANTITY", "quantity_clean"]


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
