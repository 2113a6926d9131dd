"""Stock held by orders. Allocation is a conditional UPDATE (`... WHERE stock - allocated >= n`),
so two buyers can never both take the last unit, whatever the interleaving; rows are touched in
primary-key order so concurrent orders of several variants cannot deadlock. These functions run
inside the caller's transaction: a refusal rolls back everything the order did."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F
from django.utils.translation import gettext as _

from marketplace.core.errors import field_error
from marketplace.core.events import publish

from ..error_codes import CatalogErrorCode
from ..events import ProductChanged
from ..listing_fields import listing_fields_refresh
from ..models import ProductVariant, StockMovement


def _merged(lines: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    totals: dict[int, int] = defaultdict(int)
    for variant_id, quantity in lines:
        totals[variant_id] += quantity
    return sorted((pk, qty) for pk, qty in totals.items() if qty > 0)


def _changed(variant_ids) -> None:
    """The products' list fields (availability) follow the stock in this transaction; search
    and other subscribers hear of it after commit."""
    product_ids = sorted(
        set(
            ProductVariant.objects.filter(pk__in=list(variant_ids)).values_list(
                "product_id", flat=True
            )
        )
    )
    listing_fields_refresh(product_ids)
    for product_id in product_ids:
        publish(ProductChanged(product_id=product_id))


def stock_allocate(*, lines: Iterable[tuple[int, int]]) -> None:
    """Reserve `quantity` units of each tracked variant id, or raise insufficient_stock
    naming none of the others' data. Untracked variants are skipped by the caller."""
    merged = _merged(lines)
    for variant_id, quantity in merged:
        taken = ProductVariant.objects.filter(
            pk=variant_id,
            track_inventory=True,
            stock_quantity__gte=F("allocated_quantity") + quantity,
        ).update(allocated_quantity=F("allocated_quantity") + quantity)
        if taken != 1:
            raise field_error(
                "lines",
                _("Alguien acaba de llevarse las últimas unidades de un producto de tu compra."),
                CatalogErrorCode.INSUFFICIENT_STOCK,
            )
    _changed(pk for pk, _q in merged)


def stock_deallocate(*, lines: Iterable[tuple[int, int]]) -> None:
    """Give back reserved units (an order expired or was cancelled before payment)."""
    merged = _merged(lines)
    for variant_id, quantity in merged:
        ProductVariant.objects.filter(pk=variant_id, allocated_quantity__gte=quantity).update(
            allocated_quantity=F("allocated_quantity") - quantity
        )
    _changed(pk for pk, _q in merged)


def _move(variant_id: int, delta: int, reason: str, note: str) -> None:
    locked = ProductVariant.objects.select_for_update().get(pk=variant_id)
    StockMovement.objects.create(
        variant=locked,
        delta=delta,
        quantity_after=locked.stock_quantity,
        reason=reason,
        note=note[:255],
    )


def stock_sell(*, lines: Iterable[tuple[int, int]], note: str) -> None:
    """Reserved units leave the stock for good (the order was paid): one sale movement each."""
    merged = _merged(lines)
    for variant_id, quantity in merged:
        ProductVariant.objects.filter(pk=variant_id, allocated_quantity__gte=quantity).update(
            allocated_quantity=F("allocated_quantity") - quantity,
            stock_quantity=F("stock_quantity") - quantity,
        )
        _move(variant_id, -quantity, StockMovement.Reason.SALE, note)
    _changed(pk for pk, _q in merged)


def stock_restore(*, lines: Iterable[tuple[int, int]], reason: str, note: str) -> None:
    """Sold units come back (a paid order cancelled by the vendor, goods returned)."""
    merged = _merged(lines)
    for variant_id, quantity in merged:
        ProductVariant.objects.filter(pk=variant_id).update(
            stock_quantity=F("stock_quantity") + quantity
        )
        _move(variant_id, quantity, reason, note)
    _changed(pk for pk, _q in merged)
