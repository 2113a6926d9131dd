"""Reading revisions of published listings: the live value of each moderated field in the form
a revision stores it, the listing as it would look once a revision is approved, and the
field-by-field comparison moderators review."""

import copy
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from marketplace.core.models import Municipality

from .models import Category, Product, ProductImage, ProductRevision

# Fields whose edits wait for a moderator once the listing is live, with their labels. Price,
# stock and tax class are the vendor's daily work and apply at once.
MODERATED_FIELDS = {
    "name": gettext_lazy("Nombre"),
    "description": gettext_lazy("Descripción"),
    "category": gettext_lazy("Categoría"),
    "kind": gettext_lazy("Tipo"),
    "pricing_mode": gettext_lazy("Modo de precio"),
    "duration_minutes": gettext_lazy("Duración"),
    "service_municipalities": gettext_lazy("Municipios del servicio"),
    "images": gettext_lazy("Fotos"),
}


def changed_fields(revision: ProductRevision) -> list[str]:
    """The labels of the fields a revision changes, in form order (no query)."""
    return [str(label) for key, label in MODERATED_FIELDS.items() if key in revision.changes]


def live_images(product: Product) -> list[ProductImage]:
    return list(ProductImage.objects.filter(product=product).order_by("position", "id"))


def live_value(product: Product, key: str):
    """The live listing's value of a moderated field, as a revision stores it."""
    if key == "category":
        return product.category_id
    if key == "service_municipalities":
        return sorted(product.service_municipalities.values_list("slug", flat=True))
    if key == "images":
        return [{"id": image.pk, "alt": image.alt} for image in live_images(product)]
    return getattr(product, key)


def case_version(case) -> str:
    """What a moderator saw of an open case: its revision's last edit and its flags. A decision
    taken from a page whose version no longer matches was about something else."""
    revision = case.revision
    stamp = revision.updated_at.isoformat() if revision is not None else ""
    return f"{case.pk}:{stamp}:{len(case.flags or [])}"


def revision_pending(product: Product) -> ProductRevision | None:
    return ProductRevision.objects.filter(
        product=product, status=ProductRevision.Status.PENDING
    ).first()


def revision_images(product: Product, revision: ProductRevision | None) -> list[ProductImage]:
    """The photos in the order the revision proposes (live and staged ones, with the proposed
    alt text), or the live photos when the revision leaves them alone."""
    if revision is None or "images" not in revision.changes:
        return live_images(product)
    spec = revision.changes["images"]
    found = ProductImage.with_staged.filter(product=product, pk__in=[e["id"] for e in spec])
    by_id = {image.pk: image for image in found}
    ordered = []
    for entry in spec:
        image = by_id.get(entry["id"])
        if image is not None:
            image.alt = entry["alt"]
            ordered.append(image)
    return ordered


@dataclass
class ProposedListing:
    """The listing as it would be once the revision is approved (never saved)."""

    product: Product
    images: list[ProductImage]
    service_municipalities: list[Municipality] = field(default_factory=list)


def proposed_listing(product: Product, revision: ProductRevision | None) -> ProposedListing:
    proposed = copy.copy(product)
    changes = revision.changes if revision else {}
    for key, value in changes.items():
        if key == "category":
            # A category deleted since the proposal: show the live one (approval refuses it).
            proposed.category = Category.objects.filter(pk=value).first() or product.category
        elif key not in ("images", "service_municipalities"):
            setattr(proposed, key, value)
    if "service_municipalities" in changes:
        municipalities = list(
            Municipality.objects.filter(slug__in=changes["service_municipalities"])
        )
    else:
        municipalities = list(product.service_municipalities.all())
    return ProposedListing(
        product=proposed,
        images=revision_images(product, revision),
        service_municipalities=municipalities,
    )


@dataclass
class FieldChange:
    field: str
    label: str
    before: str
    after: str
    # Word-level marks for text: [(kind, text)] where kind is "same", "removed" or "added".
    before_segments: list = field(default_factory=list)
    after_segments: list = field(default_factory=list)
    before_images: list = field(default_factory=list)
    after_images: list = field(default_factory=list)


def _display(key: str, value, lookups: dict) -> str:
    if value in (None, "", []):
        return "—"
    if key == "category":
        category = lookups["categories"].get(value)
        return category.name if category else "—"
    if key == "kind":
        return str(Product.Kind(value).label)
    if key == "pricing_mode":
        return str(Product.PricingMode(value).label)
    if key == "duration_minutes":
        return _("%(n)d minutos") % {"n": value}
    if key == "service_municipalities":
        names = lookups["municipalities"]
        return ", ".join(names.get(slug, slug) for slug in value)
    return str(value)


_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


def _word_segments(before: str, after: str) -> tuple[list, list]:
    """Word-level marks; punctuation and spaces are tokens of their own, so "g" → "g," marks
    only the comma. Joining a side's segments gives its text back."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    left, right = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(("same", "".join(old[i1:i2])))
            right.append(("same", "".join(new[j1:j2])))
            continue
        if i2 > i1:
            left.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            right.append(("added", "".join(new[j1:j2])))
    return left, right


def _images_by_product(product_ids) -> dict[int, list[ProductImage]]:
    grouped: dict[int, list[ProductImage]] = {pk: [] for pk in product_ids}
    for image in ProductImage.with_staged.filter(product_id__in=list(grouped)).order_by(
        "position", "id"
    ):
        grouped[image.product_id].append(image)
    return grouped


def _image_change(revision: ProductRevision, label: str, images: list[ProductImage]):
    live = [image for image in images if image.revision_id is None]
    by_id = {image.pk: image for image in images}
    proposed = []
    for entry in revision.changes["images"]:
        image = by_id.get(entry["id"])
        if image is not None:
            image = copy.copy(image)
            image.alt = entry["alt"]
            proposed.append(image)
    kept = {image.pk for image in proposed}
    live_ids = {image.pk for image in live}
    return FieldChange(
        field="images",
        label=label,
        before=ngettext("%(n)d foto", "%(n)d fotos", len(live)) % {"n": len(live)},
        after=ngettext("%(n)d foto", "%(n)d fotos", len(proposed)) % {"n": len(proposed)},
        before_images=[{"image": image, "removed": image.pk not in kept} for image in live],
        after_images=[{"image": image, "added": image.pk not in live_ids} for image in proposed],
    )


def revision_diffs(revisions: list[ProductRevision]) -> dict[int, list[FieldChange]]:
    """What each revision changes, field by field, the live value beside the proposed one.
    A fixed number of queries for any number of revisions."""
    values = [(k, v) for r in revisions for k, v in (*r.changes.items(), *r.base.items())]
    categories = Category.objects.in_bulk({v for k, v in values if k == "category"})
    slugs = {slug for k, v in values if k == "service_municipalities" for slug in v}
    lookups = {
        "categories": categories,
        "municipalities": dict(
            Municipality.objects.filter(slug__in=slugs).values_list("slug", "name") if slugs else []
        ),
    }
    with_images = [r.product_id for r in revisions if "images" in r.changes]
    images = _images_by_product(with_images) if with_images else {}
    result = {}
    for revision in revisions:
        changes, base, fields = revision.changes, revision.base, []
        for key, label in MODERATED_FIELDS.items():
            if key not in changes:
                continue
            if key == "images":
                fields.append(_image_change(revision, str(label), images[revision.product_id]))
                continue
            before, after = base.get(key), changes[key]
            change = FieldChange(
                field=key,
                label=str(label),
                before=_display(key, before, lookups),
                after=_display(key, after, lookups),
            )
            if key in ("name", "description"):
                change.before_segments, change.after_segments = _word_segments(
                    str(before or ""), str(after or "")
                )
            fields.append(change)
        result[revision.pk] = fields
    return result


def revision_diff(revision: ProductRevision | None) -> list[FieldChange]:
    if revision is None or not revision.changes:
        return []
    return revision_diffs([revision])[revision.pk]
