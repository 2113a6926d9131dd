"""Edits to published listings wait for a moderator as a revision; the live listing does not
change until the revision is approved.

A listing has at most one pending revision: further edits merge into it, and an edit that
brings a field back to its live value drops it from the revision (a revision with nothing left
is withdrawn). Each pending revision has one open moderation case of kind `revision`, which also
carries flags for large price changes (those apply at once but are looked at).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.images import image_delete_renditions
from marketplace.core.models import Municipality

from ..error_codes import CatalogErrorCode
from ..listing_fields import listing_fields_refresh_product
from ..models import (
    Category,
    ModerationCase,
    Product,
    ProductImage,
    ProductRevision,
    ProductVariant,
)
from ..moderation_checks import listing_flags
from ..revisions import live_value, proposed_listing

Status = ProductRevision.Status


def _staged(revision: ProductRevision):
    # Not `revision.staged_images`: related managers use the default manager, which hides
    # staged photos.
    return ProductImage.with_staged.filter(revision=revision)


def _locked_pending(product: Product) -> ProductRevision | None:
    return (
        ProductRevision.objects.select_for_update()
        .filter(product=product, status=Status.PENDING)
        .first()
    )


def revision_for_update(*, product: Product, user) -> ProductRevision:
    """The listing's pending revision, locked, created empty when there is none (staged photos
    need a revision to belong to). Callers hold the listing's row lock."""
    revision = _locked_pending(product)
    if revision is None:
        revision = ProductRevision.objects.create(product=product, created_by=user)
    return revision


def _open_case(product: Product) -> ModerationCase | None:
    return (
        ModerationCase.objects.select_for_update()
        .filter(product=product, decided_at__isnull=True)
        .first()
    )


def _case_for(product: Product, user) -> ModerationCase:
    case = _open_case(product)
    if case is None:
        case = ModerationCase.objects.create(
            product=product, kind=ModerationCase.Kind.REVISION, submitted_by=user
        )
    return case


def _revision_flags(product: Product, revision: ProductRevision) -> list[dict]:
    proposed = proposed_listing(product, revision)
    return listing_flags(proposed.product, has_images=bool(proposed.images))


def revision_propose(*, product: Product, user, values: dict) -> ProductRevision | None:
    """Merge proposed values of moderated fields (in the form revisions store them) into the
    listing's pending revision. Returns the pending revision, or None when nothing differs from
    the live listing any more. Callers hold the listing's row lock."""
    revision = _locked_pending(product)
    changes = dict(revision.changes) if revision else {}
    base = dict(revision.base) if revision else {}
    changed_before, changed_after = {}, {}
    for key, value in values.items():
        live = live_value(product, key)
        if changes.get(key, live) != value:
            changed_before[key], changed_after[key] = changes.get(key, live), value
        if value == live:
            changes.pop(key, None)
            base.pop(key, None)
        else:
            changes[key] = value
            base[key] = live
    if revision is None:
        if not changes:
            return None  # nothing differs from the live listing: no revision at all
        revision = ProductRevision(product=product, created_by=user)
    revision.changes, revision.base = changes, base
    if not changes and not _staged(revision).exists():
        revision_close(revision=revision, status=Status.WITHDRAWN, user=user)
        case_release_revision(product=product, user=user)
        return None
    revision.save()
    case = _case_for(product, user)
    price_flags = [f for f in case.flags if f.get("code") == "price_change"]
    case.revision = revision
    case.flags = _revision_flags(product, revision) + price_flags
    case.save(update_fields=["revision", "flags"])
    if changed_after:
        audit_record(
            actor=user,
            action="product.revision_proposed",
            target=product,
            data={"before": changed_before, "after": changed_after},
        )
    return revision


def case_release_revision(*, product: Product, user) -> None:
    """The revision left the queue: its open case closes as withdrawn, unless a flagged price
    change still needs a look (then the case stays, for that alone)."""
    case = _open_case(product)
    if case is None:
        return
    price_flags = [f for f in case.flags if f.get("code") == "price_change"]
    if price_flags:
        case.revision, case.flags = None, price_flags
        case.save(update_fields=["revision", "flags"])
        return
    case.decision, case.decided_at = ModerationCase.Decision.WITHDRAWN, timezone.now()
    case.decided_by = user
    case.save(update_fields=["decision", "decided_at", "decided_by"])


def revision_flag_price_change(*, product: Product, user, flag: dict) -> ModerationCase:
    """A price change past the configured ratio applies at once, and the listing goes to the
    queue so a moderator looks at it. Callers hold the listing's row lock."""
    case = _case_for(product, user)
    case.flags = [*case.flags, flag]
    case.save(update_fields=["flags"])
    return case


def _drop_staged(revision: ProductRevision, keep: set[int] = frozenset()) -> None:
    staged = [image for image in _staged(revision) if image.pk not in keep]
    renditions = [image.image.get("renditions", {}) for image in staged]
    ProductImage.with_staged.filter(pk__in=[image.pk for image in staged]).delete()

    def remove_files():
        for stored in renditions:
            image_delete_renditions(stored)

    transaction.on_commit(remove_files)


def revision_close(*, revision: ProductRevision, status: str, user=None) -> None:
    """End a pending revision without applying it: its staged photos go with it."""
    _drop_staged(revision)
    revision.status, revision.closed_at = status, timezone.now()
    revision.save(update_fields=["status", "closed_at", "updated_at"])


def _apply_images(product: Product, revision: ProductRevision, spec: list[dict]) -> None:
    wanted = [entry["id"] for entry in spec]
    images = {
        image.pk: image
        for image in ProductImage.with_staged.filter(product=product).filter(pk__in=wanted)
    }
    removed = list(ProductImage.objects.filter(product=product).exclude(pk__in=wanted))
    renditions = [image.image.get("renditions", {}) for image in removed]
    ProductImage.with_staged.filter(pk__in=[image.pk for image in removed]).delete()
    for position, entry in enumerate(e for e in spec if e["id"] in images):
        image = images[entry["id"]]
        image.position, image.alt, image.revision = position, entry["alt"][:200], None
    ProductImage.with_staged.bulk_update(images.values(), ["position", "alt", "revision"])
    _drop_staged(revision, keep=set(images))

    def remove_files():
        for stored in renditions:
            image_delete_renditions(stored)

    transaction.on_commit(remove_files)


def revision_apply(*, product: Product, revision: ProductRevision) -> dict:
    """Give the live listing the revision's values, all at once (callers hold the listing's
    row lock inside a transaction). Returns the applied changes, for the audit trail."""
    changes = revision.changes
    for key, value in changes.items():
        if key == "category":
            category = Category.objects.filter(pk=value).first()
            if category is None:
                raise ValidationError(
                    {
                        "category": ValidationError(
                            _("La categoría propuesta ya no existe: pide al negocio otra."),
                            code=CatalogErrorCode.UNKNOWN_CATEGORY,
                        )
                    }
                )
            product.category = category
        elif key == "service_municipalities":
            product.service_municipalities.set(Municipality.objects.filter(slug__in=value))
        elif key == "images":
            _apply_images(product, revision, value)
        else:
            setattr(product, key, value)
    if "images" not in changes:
        _drop_staged(revision)
    product.save()
    if "images" in changes:
        # After the save, which writes every column of `product` (read before the photos
        # changed), so the new thumbnail is the one that stays.
        listing_fields_refresh_product(product)
    revision.status, revision.closed_at = Status.APPROVED, timezone.now()
    revision.save(update_fields=["status", "closed_at", "updated_at"])
    return changes


def revert_flagged_prices(*, product: Product, flags: list[dict]) -> list[dict]:
    """A rejected price change goes back: each flagged variant still at the flagged price
    returns to the price before it (a later change by the vendor is left alone)."""
    reverted = []
    for flag in flags:
        if flag.get("code") != "price_change":
            continue
        variant = (
            ProductVariant.objects.select_for_update()
            .filter(product=product, sku=flag.get("sku"), price=flag.get("new"))
            .first()
        )
        if variant is not None and flag.get("old"):
            variant.price = flag["old"]
            variant.save(update_fields=["price"])
            reverted.append(flag)
    if reverted:
        listing_fields_refresh_product(product)
    return reverted
