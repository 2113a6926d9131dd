"""Product images: up to ten per product, ordered, alt text required, stored as renditions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import CoreErrorCode
from marketplace.core.events import publish
from marketplace.core.images import (
    image_add_renditions,
    image_delete_renditions,
    image_store_renditions,
)
from vendors.permissions import require_vendor_member

from ..error_codes import CatalogErrorCode
from ..events import ProductImageStored
from ..listing_fields import listing_fields_refresh
from ..models import Product, ProductImage
from ..revisions import revision_images
from .moderation_flags import submission_flags_refresh
from .revisions import revision_for_update, revision_propose
from .variants import _check_editable

MAX_IMAGES = 10
# Every width a page may ask for: phone cards on 1x and 2x screens (160, 320), tablets and
# desktop cards (480), the product page (800, 1200) and the full-size link (1600).
WIDTHS = (160, 320, 480, 800, 1200, 1600)
# Stored while the vendor waits, so the photo shows at once; the rest of WIDTHS follows from
# the outbox (product_image_renditions_fill).
UPLOAD_WIDTHS = (320, 800, 1600)


def _error(field_name, message, code):
    return ValidationError({field_name: ValidationError(message, code=code)})


@transaction.atomic
def product_image_add(*, product: Product, added_by, upload, alt: str) -> ProductImage:
    require_vendor_member(added_by, product.vendor)
    product = Product.objects.select_for_update().get(pk=product.pk)
    _check_editable(product)
    alt = (alt or "").strip()
    if not alt:
        raise _error(
            "alt", _("Describe la imagen para quien no puede verla."), CoreErrorCode.REQUIRED
        )
    live = product.status == Product.Status.PUBLISHED
    revision = revision_for_update(product=product, user=added_by) if live else None
    current = revision_images(product, revision) if live else list(product.images.all())
    count = len(current)
    if count >= MAX_IMAGES:
        raise _error(
            "image", _("Un producto admite hasta 10 imágenes."), CatalogErrorCode.TOO_MANY_IMAGES
        )
    stored = image_store_renditions(upload, prefix=f"products/{product.pk}", widths=UPLOAD_WIDTHS)
    # Files are written before the row: if writing the row fails, remove them again.
    try:
        with transaction.atomic():
            # On a live listing the photo is staged: it shows once the revision is approved.
            image = ProductImage.with_staged.create(
                product=product,
                revision=revision,
                position=count,
                alt=alt[:200],
                image=stored.as_json(),
            )
            if live:
                _propose_images(product, added_by, [*current, image])
            else:
                listing_fields_refresh([product.pk])
            audit_record(
                actor=added_by,
                action="product.image_added",
                target=product,
                data={"alt": alt[:200]},
            )
            publish(ProductImageStored(image_id=image.pk))
    except Exception:
        image_delete_renditions(stored.renditions)
        raise
    submission_flags_refresh(product=product)
    return image


def product_image_renditions_fill(*, image_id: int) -> int:
    """Store the WIDTHS a product photo lacks (photos uploaded before a width was added, or
    whose upload stored UPLOAD_WIDTHS only) and return how many were added. Idempotent: a
    photo with every width, or deleted meanwhile, is left as it is."""
    image = ProductImage.with_staged.filter(pk=image_id).first()
    if image is None:
        return 0
    # Decoding and encoding happen outside the transaction: the row is locked only to merge.
    added = image_add_renditions(image.image, widths=WIDTHS)
    if not added:
        return 0
    with transaction.atomic():
        image = ProductImage.with_staged.select_for_update().filter(pk=image_id).first()
        current = dict((image.image.get("renditions") or {}) if image else {})
        # A concurrent run may have stored the same widths first; its files win.
        fresh = {width: entry for width, entry in added.items() if width not in current}
        unused = {width: entry for width, entry in added.items() if width not in fresh}
        if image is not None and fresh:
            current.update(fresh)
            image.image = {
                **image.image,
                "renditions": dict(sorted(current.items(), key=lambda item: int(item[0]))),
            }
            image.save(update_fields=["image"])
            # The list pages read the first photo from the product row.
            listing_fields_refresh([image.product_id])
        else:
            unused = added
            fresh = {}
    image_delete_renditions(unused)
    return len(fresh)


def product_image_renditions_backfill() -> int:
    """Ask for the missing widths of every stored photo (after WIDTHS grew), through the same
    event an upload publishes; returns how many photos were queued."""
    lacking = ProductImage.with_staged.exclude(
        image__renditions__has_keys=[str(width) for width in WIDTHS]
    ).values_list("pk", flat=True)
    count = 0
    for image_id in lacking.iterator():
        with transaction.atomic():
            publish(ProductImageStored(image_id=image_id))
        count += 1
    return count


def _propose_images(product: Product, user, images: list[ProductImage]) -> None:
    revision_propose(
        product=product,
        user=user,
        values={"images": [{"id": image.pk, "alt": image.alt} for image in images]},
    )


@transaction.atomic
def product_image_delete(*, image: ProductImage, deleted_by) -> None:
    require_vendor_member(deleted_by, image.product.vendor)
    product = Product.objects.select_for_update().get(pk=image.product_id)
    _check_editable(product)
    if product.status == Product.Status.PUBLISHED:
        revision = revision_for_update(product=product, user=deleted_by)
        remaining = [i for i in revision_images(product, revision) if i.pk != image.pk]
        if image.revision_id is not None:
            # A staged photo goes for good, before the revision is weighed: a revision left
            # with nothing to change is withdrawn.
            _delete_image(image, deleted_by)
        # A live photo stays in the store until the revision is approved.
        _propose_images(product, deleted_by, remaining)
        return
    _delete_image(image, deleted_by)
    submission_flags_refresh(product=product)


def _delete_image(image: ProductImage, deleted_by) -> None:
    renditions = image.image.get("renditions", {})
    audit_record(
        actor=deleted_by,
        action="product.image_deleted",
        target=image.product,
        data={"alt": image.alt},
    )
    image.delete()
    listing_fields_refresh([image.product_id])
    transaction.on_commit(lambda: image_delete_renditions(renditions))


@transaction.atomic
def product_image_reorder(
    *, product: Product, reordered_by, image_ids: list[int]
) -> list[ProductImage]:
    require_vendor_member(reordered_by, product.vendor)
    product = Product.objects.select_for_update().get(pk=product.pk)
    _check_editable(product)
    if product.status == Product.Status.PUBLISHED:
        revision = revision_for_update(product=product, user=reordered_by)
        current = {i.pk: i for i in revision_images(product, revision)}
        if sorted(current) != sorted(image_ids):
            raise _error(
                "image_ids",
                _("La lista de imágenes no coincide con las del producto."),
                CoreErrorCode.INVALID,
            )
        ordered = [current[i] for i in image_ids]
        _propose_images(product, reordered_by, ordered)
        return ordered
    images = {
        img.pk: img for img in ProductImage.objects.select_for_update().filter(product=product)
    }
    if sorted(images) != sorted(image_ids):
        raise _error(
            "image_ids",
            _("La lista de imágenes no coincide con las del producto."),
            CoreErrorCode.INVALID,
        )
    for position, image_id in enumerate(image_ids):
        images[image_id].position = position
    ProductImage.objects.bulk_update(images.values(), ["position"])
    listing_fields_refresh([product.pk])
    return [images[i] for i in image_ids]
