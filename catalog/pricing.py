"""What a listing must cost before the public may buy it: the one home of the rule that goods
(and services with a set price) are sold at a price above zero. Only a service quoted on request
goes without one."""

from django.utils.translation import gettext as _

from marketplace.core.errors import field_error

from .error_codes import CatalogErrorCode
from .models import Product


def is_quoted(product: Product) -> bool:
    return (
        product.kind == Product.Kind.SERVICE and product.pricing_mode == Product.PricingMode.QUOTE
    )


def require_price_above_zero(product: Product, price: int) -> None:
    """A variant's price, when it is set or changed."""
    if price <= 0 and not is_quoted(product):
        raise field_error(
            "price",
            _(
                "Escribe un precio mayor que cero: solo los servicios por cotización van sin precio."
            ),
            CatalogErrorCode.PRICE_ZERO,
        )


def require_priced(product: Product) -> None:
    """Every variant of a listing about to go to review or to the store has its price."""
    if not product.variants.exists():
        raise field_error(
            "variants",
            _("Agrega al menos una variante con precio."),
            CatalogErrorCode.PRICE_REQUIRED,
        )
    if not is_quoted(product) and product.variants.filter(price__lte=0).exists():
        raise field_error(
            "variants",
            _(
                "Cada variante necesita un precio mayor que cero: solo los servicios por cotización van sin precio."
            ),
            CatalogErrorCode.PRICE_ZERO,
        )
