"""The purchase strategy: the one answer to "may this variant be bought, at what price, and how
many units". The cart, the checkout, product pages and the API all ask here, so a rule about
what is sold online (published listing of an active vendor, a price above zero, stock on hand)
has this single home; the price rule for listings themselves is catalog.pricing.

Visibility itself is decided by catalog.selectors.product_list_visible; this module only asks
it, in one query for any number of variants."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.core.errors import field_error

from .error_codes import CatalogErrorCode
from .models import ProductVariant
from .pricing import is_quoted
from .selectors import product_list_visible

# The most units of one variant in one cart or order: a marketplace of small businesses, not a
# wholesaler; larger amounts are arranged with the business.
MAX_QUANTITY = 99


def units_available(variant: ProductVariant) -> int | None:
    """Units that can be allocated now; None when the variant's stock is not tracked."""
    if not variant.track_inventory:
        return None
    return max(variant.stock_quantity - variant.allocated_quantity, 0)


@dataclass(frozen=True)
class PurchaseInfo:
    variant: ProductVariant
    # Unit price in whole pesos, taxes included; None when the variant is not sold online.
    price: int | None
    # The most units one may hold now (0 when none can be bought).
    max_quantity: int
    problem: ValidationError | None

    @property
    def is_purchasable(self) -> bool:
        return self.problem is None

    @property
    def code(self) -> str:
        return _first(self.problem)[0]

    @property
    def message(self) -> str:
        return _first(self.problem)[1]


def _first(problem: ValidationError | None) -> tuple[str, str]:
    if problem is None:
        return "", ""
    error = next(iter(problem.error_dict.values()))[0]
    return str(error.code), error.messages[0]


def _stock_message(available: int, in_cart: int) -> str:
    if in_cart:
        return ngettext(
            "Ya tienes %(in_cart)d en tu carrito y solo hay %(n)d unidad disponible.",
            "Ya tienes %(in_cart)d en tu carrito y solo hay %(n)d unidades disponibles.",
            available,
        ) % {"in_cart": in_cart, "n": available}
    return ngettext(
        "Solo hay %(n)d unidad disponible.", "Solo hay %(n)d unidades disponibles.", available
    ) % {"n": available}


def purchase_info(
    *, variant: ProductVariant, visible: bool, quantity: int = 1, in_cart: int = 0
) -> PurchaseInfo:
    """Whether `quantity` units of `variant` may be bought now. `visible` comes from
    visible_product_ids (or purchase_infos, which asks for many at once); `in_cart` is what the
    cart already holds when adding more, for the message only."""
    product = variant.product
    if not visible:
        problem = field_error(
            "variant",
            _("Este producto ya no está disponible en la tienda."),
            CatalogErrorCode.PRODUCT_UNAVAILABLE,
        )
        return PurchaseInfo(variant, None, 0, problem)
    if is_quoted(product):
        problem = field_error(
            "variant",
            _("Este servicio se cotiza: pide una cotización al negocio."),
            CatalogErrorCode.QUOTE_ONLY,
        )
        return PurchaseInfo(variant, None, 0, problem)
    if variant.price <= 0:
        # Listed before prices above zero were required (catalog.pricing): nothing to charge.
        problem = field_error(
            "variant",
            _("Este producto ya no está disponible en la tienda."),
            CatalogErrorCode.PRODUCT_UNAVAILABLE,
        )
        return PurchaseInfo(variant, None, 0, problem)
    available = units_available(variant)
    if available is None:
        return PurchaseInfo(variant, variant.price, MAX_QUANTITY, None)
    limit = min(available, MAX_QUANTITY)
    if available <= 0:
        problem = field_error(
            "variant", _("Esta opción está agotada."), CatalogErrorCode.OUT_OF_STOCK
        )
        return PurchaseInfo(variant, variant.price, 0, problem)
    if quantity > available:
        problem = field_error(
            "quantity", _stock_message(available, in_cart), CatalogErrorCode.INSUFFICIENT_STOCK
        )
        return PurchaseInfo(variant, variant.price, limit, problem)
    return PurchaseInfo(variant, variant.price, limit, None)


def visible_product_ids(*, product_ids: Iterable[int]) -> set[int]:
    """Of `product_ids`, those the public may see and buy from (the visibility rule)."""
    product_ids = list(product_ids)
    if not product_ids:
        return set()
    return set(
        product_list_visible().filter(pk__in=product_ids).order_by().values_list("pk", flat=True)
    )


def purchase_infos(*, quantities: list[tuple[ProductVariant, int]]) -> list[PurchaseInfo]:
    """purchase_info for many (variant, quantity) pairs with one visibility query. Variants
    must come with their product (select_related)."""
    visible = visible_product_ids(product_ids={v.product_id for v, _q in quantities})
    return [
        purchase_info(variant=variant, visible=variant.product_id in visible, quantity=quantity)
        for variant, quantity in quantities
    ]


def purchase_check(*, variant: ProductVariant, quantity: int, in_cart: int = 0) -> PurchaseInfo:
    """purchase_info for one variant as it is in the database now; raises its problem."""
    fresh = ProductVariant.objects.select_related("product").get(pk=variant.pk)
    visible = fresh.product_id in visible_product_ids(product_ids=[fresh.product_id])
    info = purchase_info(variant=fresh, visible=visible, quantity=quantity, in_cart=in_cart)
    if info.problem is not None:
        raise info.problem
    return info
