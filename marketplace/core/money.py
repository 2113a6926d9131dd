"""Colombian pesos: whole-peso integers and their es-CO presentation.

Prices are stored as integers of whole pesos. Payment gateways want minor units (pesos x 100);
people want `$ 45.900`, with a dot for thousands and a non-breaking space after the sign.
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from numbers import Integral

from babel.numbers import format_currency
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .errors import CoreErrorCode

CURRENCY = "COP"
# Far above any listing in the programme, and within every integer column and API type.
MAX_PESOS = 1_000_000_000
_PATTERN = "\u00a4\u00a0#,##0"


def to_pesos(value, *, field: str = "amount") -> int:
    """Coerce a user or API amount to whole pesos, refusing fractions and negatives."""
    if isinstance(value, bool):
        raise ValidationError(
            {field: ValidationError(_("Ingresa un valor en pesos."), code=CoreErrorCode.INVALID)}
        )
    try:
        amount = Decimal(str(value).strip())
    except ArithmeticError:
        amount = None
    # NaN and infinities parse as Decimals; a signalling NaN even raises on comparison.
    if amount is None or not amount.is_finite():
        raise ValidationError(
            {field: ValidationError(_("Ingresa un valor en pesos."), code=CoreErrorCode.INVALID)}
        )
    if amount != amount.to_integral_value():
        raise ValidationError(
            {
                field: ValidationError(
                    _("Los precios van en pesos enteros, sin centavos."),
                    code=CoreErrorCode.AMOUNT_NOT_WHOLE_PESOS,
                )
            }
        )
    if amount < 0:
        raise ValidationError(
            {
                field: ValidationError(
                    _("El valor no puede ser negativo."), code=CoreErrorCode.AMOUNT_NEGATIVE
                )
            }
        )
    if amount > MAX_PESOS:
        raise ValidationError(
            {
                field: ValidationError(
                    _("El valor es demasiado alto (máximo %(max)s).")
                    % {"max": format_cop(MAX_PESOS)},
                    code=CoreErrorCode.AMOUNT_TOO_LARGE,
                )
            }
        )
    return int(amount)


def format_cop(amount: int | None, *, locale: str = "es_CO") -> str:
    """`45900` -> `$ 45.900` (non-breaking space). None renders as an empty string."""
    if amount is None:
        return ""
    if not isinstance(amount, Integral):
        amount = to_pesos(amount)
    return _formatted(int(amount), locale)


# Babel takes tens of microseconds per amount, and a page repeats the same few prices (cards,
# facet bounds): each (amount, locale) is formatted once per process.
@lru_cache(maxsize=4096)
def _formatted(amount: int, locale: str) -> str:
    return format_currency(amount, CURRENCY, format=_PATTERN, locale=locale, currency_digits=False)


def to_minor_units(pesos: int) -> int:
    """Gateways (Wompi `amount_in_cents`, Stripe) treat COP as a two-decimal currency."""
    return int(pesos) * 100


def from_minor_units(cents: int) -> int:
    if cents % 100:
        raise ValueError(f"{cents} minor units is not a whole number of pesos")
    return cents // 100


def vat_contained(gross: int, rate_percent: int) -> int:
    """IVA included in a tax-inclusive price (Ley 1480 art. 26), rounded to the peso."""
    if rate_percent <= 0:
        return 0
    tax = Decimal(gross) * rate_percent / (100 + rate_percent)
    return int(tax.quantize(Decimal(1), rounding=ROUND_HALF_UP))
