"""Portfolio writes by a vendor's members: products and services, and their publication."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import CoreErrorCode
from marketplace.core.events import publish
from marketplace.core.models import Municipality
from marketplace.core.permissions import require_perm
from vendors.permissions import require_vendor_can_publish, require_vendor_member

from ..error_codes import CatalogErrorCode
from ..events import ProductChanged
from ..models import Category, Product, ProductRevision
from ..pricing import require_priced
from ..revisions import MODERATED_FIELDS, revision_pending
from .moderation import listing_approve, moderation_case_open
from .moderation_flags import submission_flags_refresh
from .revisions import (
    case_release_revision,
    revision_apply,
    revision_close,
    revision_propose,
)
from .variants import variant_create

EDITABLE = (
    "name",
    "description",
    "category",
    "kind",
    "tax_class",
    "pricing_mode",
    "duration_minutes",
    "retracto_exclusion",
)


@dataclass
class ProductInput:
    """Only the keys present in `values` change. `category` is a slug; `service_municipalities`
    a list of municipality slugs (services only)."""

    values: dict = field(default_factory=dict)
    service_municipalities: list[str] | None = None


def _error(field_name: str, message: str, code) -> ValidationError:
    return ValidationError({field_name: ValidationError(message, code=code)})


def _clean(values: dict, *, creating: bool) -> dict:
    errors: dict[str, list] = {}
    cleaned: dict = {}
    for name, raw in values.items():
        if name == "name":
            value = str(raw or "").strip()
            if not value:
                errors[name] = [
                    ValidationError(_("Escribe el nombre."), code=CoreErrorCode.REQUIRED)
                ]
            elif len(value) > 150:
                errors[name] = [
                    ValidationError(_("Máximo 150 caracteres."), code=CoreErrorCode.INVALID)
                ]
            cleaned[name] = value
        elif name == "description":
            # Browsers send textarea line breaks as CRLF: store one form, or an unchanged
            # description would look edited (and a live listing's edit would go to review).
            text = str(raw or "").replace("\r\n", "\n").replace("\r", "\n")
            cleaned[name] = text.strip()[:5000]
        elif name == "category":
            category = Category.objects.filter(slug=str(raw or "")).first()
            if category is None:
                errors[name] = [
                    ValidationError(
                        _("Elige una categoría."), code=CatalogErrorCode.UNKNOWN_CATEGORY
                    )
                ]
            cleaned[name] = category
        elif name in ("kind", "tax_class", "pricing_mode", "retracto_exclusion"):
            if name == "retracto_exclusion" and raw is None:
                raw = Product.RetractoExclusion.NONE
            choices = {
                "kind": Product.Kind,
                "tax_class": Product.TaxClass,
                "pricing_mode": Product.PricingMode,
                "retracto_exclusion": Product.RetractoExclusion,
            }
            if raw not in choices[name].values:
                errors[name] = [ValidationError(_("Opción no válida."), code=CoreErrorCode.INVALID)]
            cleaned[name] = raw
        elif name == "duration_minutes":
            if raw in (None, ""):
                cleaned[name] = None
            elif str(raw).isdigit() and 0 < int(raw) <= 10_000:
                cleaned[name] = int(raw)
            else:
                errors[name] = [
                    ValidationError(_("Duración en minutos."), code=CoreErrorCode.INVALID)
                ]
        else:
            errors[name] = [ValidationError(_("Campo desconocido."), code=CoreErrorCode.INVALID)]
    if creating:
        for required in ("name", "category"):
            if required not in values:
                errors.setdefault(
                    required,
                    [ValidationError(_("Este campo es obligatorio."), code=CoreErrorCode.REQUIRED)],
                )
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_goods_fixed_price(kind: str, pricing_mode: str) -> None:
    """Goods are sold at a fixed price; only services may be priced "from" or on request."""
    if kind == Product.Kind.GOODS and pricing_mode != Product.PricingMode.FIXED:
        raise _error(
            "pricing_mode",
            _("Los productos tienen precio fijo: solo los servicios se cotizan."),
            CatalogErrorCode.GOODS_FIXED_PRICE,
        )


def _unique_slug(name: str, vendor_slug: str) -> str:
    base = slugify(f"{name}-{vendor_slug}")[:160] or "producto"
    slug, n = base, 2
    while Product.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _municipalities(slugs: list[str]) -> list[Municipality]:
    found = list(Municipality.objects.filter(slug__in=slugs))
    if len(found) != len(set(slugs)):
        raise _error("service_municipalities", _("Municipio desconocido."), CoreErrorCode.INVALID)
    return found


@transaction.atomic
def product_create(*, vendor, created_by, data: ProductInput) -> Product:
    require_vendor_member(created_by, vendor)
    cleaned = _clean(data.values, creating=True)
    _check_goods_fixed_price(
        cleaned.get("kind", Product.Kind.GOODS),
        cleaned.get("pricing_mode", Product.PricingMode.FIXED),
    )
    municipalities = _municipalities(data.service_municipalities or [])
    product = Product.objects.create(
        vendor=vendor, slug=_unique_slug(cleaned["name"], vendor.slug), **cleaned
    )
    if product.kind == Product.Kind.SERVICE and municipalities:
        product.service_municipalities.set(municipalities)
    audit_record(actor=created_by, action="product.created", target=product)
    publish(ProductChanged(product_id=product.pk))
    return product


@transaction.atomic
def product_create_with_variant(
    *, vendor, created_by, data: ProductInput, variant_values: dict, initial_stock: int = 0
) -> Product:
    """A product is sold through its variants: both are stored, or neither is (a duplicate SKU
    must not leave a product without a price behind)."""
    product = product_create(vendor=vendor, created_by=created_by, data=data)
    variant_create(
        product=product, created_by=created_by, values=variant_values, initial_stock=initial_stock
    )
    return product


def _locked_editable(product: Product) -> Product:
    locked = Product.objects.select_for_update().select_related("vendor").get(pk=product.pk)
    if locked.status == Product.Status.ARCHIVED:
        raise _error(
            "status",
            _("Este producto está archivado y ya no se puede editar."),
            CatalogErrorCode.PRODUCT_ARCHIVED,
        )
    return locked


def _revision_values(cleaned: dict, municipalities: list | None) -> dict:
    """Moderated values in the form a revision stores them."""
    values = {}
    for name, value in cleaned.items():
        if name in MODERATED_FIELDS:
            values[name] = value.pk if name == "category" else value
    if municipalities is not None:
        values["service_municipalities"] = sorted(m.slug for m in municipalities)
    return values


@transaction.atomic
def product_update(*, product: Product, updated_by, data: ProductInput) -> Product:
    """Edit a listing. While it is live, edits to moderated fields wait in a revision and the
    store keeps showing the approved values; the tax class applies at once."""
    require_vendor_member(updated_by, product.vendor)
    locked = _locked_editable(product)
    cleaned = _clean(data.values, creating=False)
    _check_goods_fixed_price(
        cleaned.get("kind", locked.kind), cleaned.get("pricing_mode", locked.pricing_mode)
    )
    municipalities = (
        _municipalities(data.service_municipalities)
        if data.service_municipalities is not None
        else None
    )
    if locked.status == Product.Status.PUBLISHED:
        immediate = {k: v for k, v in cleaned.items() if k not in MODERATED_FIELDS}
        revision_propose(
            product=locked,
            user=updated_by,
            values=_revision_values(cleaned, municipalities),
        )
        cleaned, municipalities = immediate, None
        if not cleaned:
            return locked
    before = {k: str(getattr(locked, k)) for k in cleaned}
    for name, value in cleaned.items():
        setattr(locked, name, value)
    locked.save()
    if municipalities is not None and locked.kind == Product.Kind.SERVICE:
        locked.service_municipalities.set(municipalities)
    audit_record(
        actor=updated_by,
        action="product.updated",
        target=locked,
        data={"before": before, "after": {k: str(v) for k, v in cleaned.items()}},
    )
    submission_flags_refresh(product=locked)
    publish(ProductChanged(product_id=locked.pk))
    return locked


ALLOWED = {
    Product.Status.DRAFT: {
        Product.Status.PUBLISHED,
        Product.Status.IN_REVIEW,
        Product.Status.ARCHIVED,
    },
    Product.Status.IN_REVIEW: {
        Product.Status.PUBLISHED,
        Product.Status.REJECTED,
        Product.Status.DRAFT,
    },
    Product.Status.REJECTED: {Product.Status.IN_REVIEW, Product.Status.ARCHIVED},
    Product.Status.PUBLISHED: {Product.Status.UNPUBLISHED, Product.Status.ARCHIVED},
    Product.Status.UNPUBLISHED: {
        Product.Status.PUBLISHED,
        Product.Status.IN_REVIEW,
        Product.Status.ARCHIVED,
    },
    Product.Status.ARCHIVED: set(),
}


def _close_open_case(locked: Product, actor) -> None:
    case = locked.moderation_cases.select_for_update().filter(decided_at__isnull=True).first()
    if case is not None:
        case.decision, case.decided_at = case.Decision.WITHDRAWN, timezone.now()
        case.decided_by = actor
        case.save(update_fields=["decision", "decided_at", "decided_by"])


def _settle_revision(locked: Product, to: str, actor) -> None:
    """A listing leaving the store has no live version to protect: when the vendor withdraws it,
    its pending edits become the listing's own (the next submission is reviewed whole); when it
    is archived they are dropped. Either way the open case closes as withdrawn."""
    revision = revision_pending(locked)
    if revision is not None:
        if to == Product.Status.UNPUBLISHED:
            revision_apply(product=locked, revision=revision)
            revision.status = ProductRevision.Status.WITHDRAWN
            revision.save(update_fields=["status", "updated_at"])
        else:
            revision_close(revision=revision, status=ProductRevision.Status.WITHDRAWN)
    _close_open_case(locked, actor)


def _transition(product: Product, to: str, actor, action: str, reason: str = "") -> Product:
    locked = Product.objects.select_for_update().select_related("vendor").get(pk=product.pk)
    if to not in ALLOWED[locked.status]:
        raise _error(
            "status",
            _("No se puede pasar de «%(a)s» a «%(b)s».")
            % {"a": locked.get_status_display(), "b": Product.Status(to).label},
            CatalogErrorCode.INVALID_TRANSITION,
        )
    before = locked.status
    if before == Product.Status.PUBLISHED:
        _settle_revision(locked, to, actor)
    elif before == Product.Status.IN_REVIEW and to == Product.Status.DRAFT:
        _close_open_case(locked, actor)
    locked.status = to
    if to == Product.Status.PUBLISHED:
        locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        action=action,
        target=locked,
        data={"before": {"status": before}, "after": {"status": to}, "reason": reason},
    )
    product.status, product.published_at = locked.status, locked.published_at
    publish(ProductChanged(product_id=locked.pk))
    return locked


@transaction.atomic
def product_publish(*, product: Product, published_by) -> Product:
    """Staff publish a listing: a submitted one goes through the moderation decision; a draft
    (staff publishing on a vendor's behalf) directly."""
    if product.status == Product.Status.IN_REVIEW:
        return listing_approve(product=product, moderator=published_by)
    require_perm(published_by, "accounts.moderate_listings")
    if product.vendor.status != product.vendor.Status.ACTIVE:
        raise _error(
            "vendor",
            _("El negocio de este producto no está activo: no se puede publicar."),
            CatalogErrorCode.VENDOR_NOT_ACTIVE,
        )
    require_priced(product)
    return _transition(product, Product.Status.PUBLISHED, published_by, "product.published")


@transaction.atomic
def product_submit_for_review(*, product: Product, submitted_by) -> Product:
    """The vendor asks the programme to publish a draft (or a rejected listing, once fixed)."""
    require_vendor_member(submitted_by, product.vendor)
    require_vendor_can_publish(product.vendor)
    require_priced(product)
    # A listing that cannot go to review anyway is told why by the transition, not the photo.
    can_submit = Product.Status.IN_REVIEW in ALLOWED.get(product.status, set())
    if can_submit and product.kind == Product.Kind.GOODS and not product.images.exists():
        raise _error(
            "images",
            _("Agrega al menos una foto: quien compra quiere ver el producto."),
            CatalogErrorCode.IMAGE_REQUIRED,
        )
    submitted = _transition(product, Product.Status.IN_REVIEW, submitted_by, "product.submitted")
    moderation_case_open(product=submitted, submitted_by=submitted_by)
    return submitted


@transaction.atomic
def product_unpublish(*, product: Product, unpublished_by) -> Product:
    """The vendor withdraws its own listing from the store."""
    require_vendor_member(unpublished_by, product.vendor)
    return _transition(product, Product.Status.UNPUBLISHED, unpublished_by, "product.unpublished")


@transaction.atomic
def product_withdraw(*, product: Product, withdrawn_by) -> Product:
    """The vendor takes its own listing back: out of the review queue (back to draft, its case
    closed as withdrawn) or, once live, out of the store."""
    require_vendor_member(withdrawn_by, product.vendor)
    if product.status == Product.Status.IN_REVIEW:
        return _transition(product, Product.Status.DRAFT, withdrawn_by, "product.withdrawn")
    return product_unpublish(product=product, unpublished_by=withdrawn_by)


@transaction.atomic
def product_archive(*, product: Product, archived_by) -> Product:
    require_vendor_member(archived_by, product.vendor)
    return _transition(product, Product.Status.ARCHIVED, archived_by, "product.archived")


@transaction.atomic
def product_revision_discard(*, product: Product, discarded_by) -> None:
    """The vendor drops the edits waiting on its live listing; the listing stays as it is."""
    require_vendor_member(discarded_by, product.vendor)
    locked = _locked_editable(product)
    revision = (
        ProductRevision.objects.select_for_update()
        .filter(product=locked, status=ProductRevision.Status.PENDING)
        .first()
    )
    if revision is None:
        raise _error(
            "revision",
            _("Este producto no tiene cambios pendientes de revisión."),
            CatalogErrorCode.NOT_IN_REVIEW,
        )
    changes = dict(revision.changes)
    revision_close(revision=revision, status=ProductRevision.Status.WITHDRAWN)
    case_release_revision(product=locked, user=discarded_by)
    audit_record(
        actor=discarded_by,
        action="product.revision_withdrawn",
        target=locked,
        data={"fields": sorted(changes)},
    )
