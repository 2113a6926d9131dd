"""Variants and the stock ledger. Price and stock are the vendor's daily work: they apply at
once. Every stock change is a StockMovement, written with the variant row locked."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import CoreErrorCode
from marketplace.core.events import publish
from marketplace.core.money import to_pesos
from vendors.permissions import require_vendor_member

from ..error_codes import CatalogErrorCode
from ..events import ProductChanged
from ..listing_fields import listing_fields_refresh_product
from ..models import Product, ProductVariant, StockMovement
from ..pricing import require_price_above_zero
from .moderation_flags import submission_flags_refresh
from .revisions import revision_flag_price_change

MAX_DELTA = 1_000_000


def _error(field_name, message, code):
    return ValidationError({field_name: ValidationError(message, code=code)})


def _clean(values: dict, *, creating: bool) -> dict:
    errors, cleaned = {}, {}
    for name, raw in values.items():
        try:
            if name == "sku":
                cleaned[name] = str(raw or "").strip()[:64]
                if not cleaned[name]:
                    raise _error(name, _("Escribe la referencia (SKU)."), CoreErrorCode.REQUIRED)
            elif name == "name":
                cleaned[name] = str(raw or "").strip()[:150]
            elif name == "options":
                pairs = list(raw.items()) if isinstance(raw, dict) else list(raw or [])
                if not all(
                    isinstance(p, list | tuple)
                    and len(p) == 2
                    and all(isinstance(x, str) for x in p)
                    for p in pairs
                ):
                    raise _error(name, _("Opciones no válidas."), CoreErrorCode.INVALID)
                # Stored as ordered pairs: PostgreSQL's jsonb would reorder an object's keys.
                cleaned[name] = [[k.strip()[:40], v.strip()[:80]] for k, v in pairs]
            elif name == "price":
                cleaned[name] = to_pesos(raw, field="price")
            elif name == "compare_at_price":
                cleaned[name] = (
                    None if raw in (None, "") else to_pesos(raw, field="compare_at_price")
                )
            elif name == "track_inventory":
                cleaned[name] = bool(raw)
            else:
                raise _error(name, _("Campo desconocido."), CoreErrorCode.INVALID)
        except ValidationError as exc:
            errors.update(exc.error_dict)
    if creating:
        for required in ("sku", "price"):
            if required not in values:
                errors.setdefault(
                    required,
                    [ValidationError(_("Este campo es obligatorio."), code=CoreErrorCode.REQUIRED)],
                )
    if errors:
        raise ValidationError(errors)
    return cleaned


def _duplicate_sku() -> ValidationError:
    return _error(
        "sku",
        _("Ya tienes otra variante con esa referencia (SKU)."),
        CatalogErrorCode.DUPLICATE_SKU,
    )


def _check_editable(product: Product) -> None:
    if product.status == Product.Status.ARCHIVED:
        raise _error(
            "status",
            _("Este producto está archivado y ya no se puede editar."),
            CatalogErrorCode.PRODUCT_ARCHIVED,
        )


@transaction.atomic
def variant_create(
    *, product: Product, created_by, values: dict, initial_stock: int = 0
) -> ProductVariant:
    require_vendor_member(created_by, product.vendor)
    _check_editable(product)
    cleaned = _clean(values, creating=True)
    require_price_above_zero(product, cleaned["price"])
    if ProductVariant.objects.filter(vendor=product.vendor, sku=cleaned["sku"]).exists():
        raise _duplicate_sku()
    try:
        with transaction.atomic():
            variant = ProductVariant.objects.create(
                product=product, vendor=product.vendor, position=product.variants.count(), **cleaned
            )
    except IntegrityError:  # a concurrent create took the SKU
        raise _duplicate_sku() from None
    if initial_stock:
        stock_adjust(
            variant=variant,
            delta=initial_stock,
            reason=StockMovement.Reason.INITIAL,
            actor=created_by,
        )
    listing_fields_refresh_product(product)
    audit_record(
        actor=created_by,
        action="variant.created",
        target=product,
        data={"sku": variant.sku, "price": variant.price},
    )
    submission_flags_refresh(product=product)
    publish(ProductChanged(product_id=product.pk))
    return variant


def _flag_large_price_change(variant: ProductVariant, old: int, user) -> None:
    """Prices apply at once, but a jump past the configured ratio on a live listing (a typo of
    a zero, a bait price) puts the listing in the moderators' queue."""
    ratio = settings.MODERATION_PRICE_CHANGE_RATIO
    new = variant.price
    if not old or abs(new - old) / old <= ratio:
        return
    product = Product.objects.select_for_update().get(pk=variant.product_id)
    if product.status != Product.Status.PUBLISHED:
        return
    revision_flag_price_change(
        product=product,
        user=user,
        flag={"code": "price_change", "sku": variant.sku, "old": old, "new": new},
    )


@transaction.atomic
def variant_update(*, variant: ProductVariant, updated_by, values: dict) -> ProductVariant:
    require_vendor_member(updated_by, variant.vendor)
    _check_editable(variant.product)
    cleaned = _clean(values, creating=False)
    if "price" in cleaned:
        require_price_above_zero(variant.product, cleaned["price"])
    if (
        "sku" in cleaned
        and ProductVariant.objects.filter(vendor=variant.vendor, sku=cleaned["sku"])
        .exclude(pk=variant.pk)
        .exists()
    ):
        raise _duplicate_sku()
    before = {k: getattr(variant, k) for k in cleaned}
    for name, value in cleaned.items():
        setattr(variant, name, value)
    variant.save(update_fields=list(cleaned) or None)
    listing_fields_refresh_product(variant.product)
    if "price" in cleaned:
        _flag_large_price_change(variant, before["price"], updated_by)
    audit_record(
        actor=updated_by,
        action="variant.updated",
        target=variant.product,
        data={"sku": variant.sku, "before": before, "after": cleaned},
    )
    submission_flags_refresh(product=variant.product)
    publish(ProductChanged(product_id=variant.product_id))
    return variant


@transaction.atomic
def variant_delete(*, variant: ProductVariant, deleted_by) -> None:
    require_vendor_member(deleted_by, variant.vendor)
    _check_editable(variant.product)
    if variant.product.variants.count() <= 1:
        raise _error(
            "variant",
            _("Un producto necesita al menos una variante."),
            CatalogErrorCode.LAST_VARIANT,
        )
    audit_record(
        actor=deleted_by,
        action="variant.deleted",
        target=variant.product,
        data={"sku": variant.sku},
    )
    product = variant.product
    variant.delete()
    listing_fields_refresh_product(product)
    submission_flags_refresh(product=product)
    publish(ProductChanged(product_id=product.pk))


@transaction.atomic
def stock_adjust(
    *, variant: ProductVariant, delta: int, reason: str, actor, note: str = ""
) -> StockMovement:
    """Change stock by `delta` and record it. Members adjust manually; order flows pass their
    own reason (sale, cancellation, return) with the acting user or None."""
    if reason in (
        StockMovement.Reason.MANUAL,
        StockMovement.Reason.INITIAL,
        StockMovement.Reason.IMPORT,
    ):
        require_vendor_member(actor, variant.vendor)
    if reason not in StockMovement.Reason.values:
        raise _error("reason", _("Motivo no válido."), CoreErrorCode.INVALID)
    if (
        isinstance(delta, bool)
        or not isinstance(delta, int)
        or delta == 0
        or abs(delta) > MAX_DELTA
    ):
        raise _error(
            "delta", _("Escribe una cantidad entera distinta de cero."), CoreErrorCode.INVALID
        )
    locked = ProductVariant.objects.select_for_update().select_related("product").get(pk=variant.pk)
    if reason in (StockMovement.Reason.MANUAL, StockMovement.Reason.IMPORT):
        _check_editable(locked.product)
    if locked.stock_quantity + delta < locked.allocated_quantity:
        raise _error(
            "delta",
            _("No puedes dejar menos de %(n)d unidades: están reservadas en pedidos.")
            % {"n": locked.allocated_quantity}
            if locked.allocated_quantity
            else _("Las existencias no pueden quedar negativas."),
            CatalogErrorCode.STOCK_NEGATIVE,
        )
    ProductVariant.objects.filter(pk=locked.pk).update(stock_quantity=F("stock_quantity") + delta)
    locked.refresh_from_db(fields=["stock_quantity"])
    variant.stock_quantity = locked.stock_quantity
    # The caller's instance, so what it shows next has the new availability.
    listing_fields_refresh_product(variant.product)
    publish(ProductChanged(product_id=locked.product_id))
    person = actor if actor is not None and actor.is_authenticated else None
    return StockMovement.objects.create(
        variant=locked,
        delta=delta,
        quantity_after=locked.stock_quantity,
        reason=reason,
        note=note[:255],
        actor=person,
    )
