"""Catalogue reads. The public visibility rule lives here and nowhere else."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from vendors.models import Vendor
from vendors.permissions import require_vendor_member

from .models import Category, Product, ProductImage, ProductVariant, QuoteRequest


def category_descendant_ids(category: Category) -> list[int]:
    """The category and everything below it (the tree is small: one query, walked in Python)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = [], [category.pk]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def category_tree() -> list[Category]:
    """Top-level categories with their children prefetched."""
    return list(Category.objects.filter(parent=None).prefetch_related("children"))


@dataclass(frozen=True)
class ProductFilters:
    category: Category | None = None
    vendor: Vendor | None = None
    municipality: str = ""  # slug or DANE code: the vendor's municipality
    kind: str = ""
    price_min: int | None = None
    price_max: int | None = None
    in_stock: bool = False


SORTS = {
    "newest": ("-published_at", "-id"),
    "price_asc": ("min_price", "-id"),
    "price_desc": ("-min_price", "-id"),
    "name": ("name", "id"),
}


def product_list_visible(
    *, filters: ProductFilters | None = None, sort: str = "newest"
) -> QuerySet[Product]:
    """What the public may see: published listings of active vendors. Goods that run out of
    stock stay listed and are shown as out of stock (`is_available` False), not hidden.

    Prices, availability and the thumbnail are columns of the product (catalog.listing_fields),
    so sorting and filtering by them walk an index and a page reads only its own rows."""
    filters = filters or ProductFilters()
    qs = Product.objects.filter(
        status=Product.Status.PUBLISHED, vendor__status=Vendor.Status.ACTIVE
    ).select_related("vendor__enrollment__municipality", "category")
    if filters.category is not None:
        qs = qs.filter(category_id__in=category_descendant_ids(filters.category))
    if filters.vendor is not None:
        qs = qs.filter(vendor=filters.vendor)
    if filters.municipality:
        qs = qs.filter(
            Q(vendor__enrollment__municipality__slug=filters.municipality)
            | Q(vendor__enrollment__municipality__dane_code=filters.municipality)
        )
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.price_min is not None:
        qs = qs.filter(min_price__gte=filters.price_min)
    if filters.price_max is not None:
        qs = qs.filter(min_price__lte=filters.price_max)
    if filters.in_stock:
        qs = qs.filter(is_available=True)
    return qs.order_by(*SORTS.get(sort, SORTS["newest"]))


def product_get_visible(*, slug: str, with_vendor: bool = True) -> Product | None:
    """One public product with what its page shows. Service municipalities are read for
    services only (goods have none to show). `with_vendor=False` joins in neither the vendor
    nor its delivery zones, for a caller that loads vendors its own way (the API's loader)."""
    products = product_list_visible().filter(slug=slug)
    if not with_vendor:
        products = products.select_related(None).select_related("category")
    product = products.first()
    if product is None:
        return None
    lookups = [
        Prefetch("images", queryset=ProductImage.objects.order_by("position", "id")),
        Prefetch("variants", queryset=ProductVariant.objects.order_by("position", "id")),
    ]
    if with_vendor:
        lookups.append("vendor__delivery_zones__municipality")
    if product.kind == Product.Kind.SERVICE:
        lookups.append("service_municipalities")
    else:
        _prefetched_empty(product, "service_municipalities")
    prefetch_related_objects([product], *lookups)
    return product


def _prefetched_empty(instance, name: str) -> None:
    """Record an empty prefetch of `name`, as prefetch_related would for no rows."""
    empty = getattr(instance, name).none()
    empty._result_cache = []
    empty._prefetch_done = True
    instance._prefetched_objects_cache = getattr(instance, "_prefetched_objects_cache", {})
    instance._prefetched_objects_cache[name] = empty


def product_list_for_vendor(*, user, vendor: Vendor) -> QuerySet[Product]:
    """Every product of the vendor, any status, for its members only."""
    require_vendor_member(user, vendor)
    return (
        Product.objects.filter(vendor=vendor)
        .select_related("category")
        .prefetch_related(
            Prefetch("variants", queryset=ProductVariant.objects.order_by("position", "id")),
            Prefetch("images", queryset=ProductImage.objects.order_by("position", "id")),
        )
        .order_by("-updated_at", "-id")
    )


def product_get_for_vendor(*, user, vendor: Vendor, product_id: int) -> Product | None:
    return product_list_for_vendor(user=user, vendor=vendor).filter(pk=product_id).first()


def quote_requests_for_vendor(*, user, vendor: Vendor) -> QuerySet[QuoteRequest]:
    require_vendor_member(user, vendor)
    return (
        QuoteRequest.objects.filter(product__vendor=vendor)
        .select_related("product", "municipality")
        .order_by("answered_at", "-created_at")
    )


# Batched reads behind the API's dataloaders: one query for a whole page of products. They take
# ids of rows the caller already obtained through one of the scoped selectors above, so they
# never widen what a request may see.


def category_list() -> list[Category]:
    """Every category (a few dozen rows), so parents, children and levels are walked in memory."""
    return list(Category.objects.order_by("position", "name", "pk"))


def category_get(*, slug: str) -> Category | None:
    return Category.objects.filter(slug=slug).first()


def variants_by_product(*, product_ids) -> dict[int, list[ProductVariant]]:
    grouped: dict[int, list[ProductVariant]] = {pk: [] for pk in product_ids}
    variants = ProductVariant.objects.filter(product_id__in=list(grouped)).order_by(
        "position", "id"
    )
    for variant in variants:
        grouped[variant.product_id].append(variant)
    return grouped


def images_by_product(*, product_ids, fields=None) -> dict[int, list[ProductImage]]:
    """`fields`, when given, are the only columns read (with those that group and order)."""
    grouped: dict[int, list[ProductImage]] = {pk: [] for pk in product_ids}
    images = ProductImage.objects.filter(product_id__in=list(grouped)).order_by("position", "id")
    if fields is not None:
        images = images.only("id", "product", "position", *fields)
    for image in images:
        grouped[image.product_id].append(image)
    return grouped


def service_municipalities_by_product(*, product_ids) -> dict[int, list]:
    """Where each service is offered; empty for goods."""
    grouped: dict[int, list] = {pk: [] for pk in product_ids}
    links = (
        Product.service_municipalities.through.objects.filter(product_id__in=list(grouped))
        .select_related("municipality")
        .order_by("municipality__name", "pk")
    )
    for link in links:
        grouped[link.product_id].append(link.municipality)
    return grouped


def vendors_by_id(*, vendor_ids, fields=None) -> dict[int, Vendor]:
    """The vendors of products obtained through a scoped selector; never a lookup by an id taken
    from a request. The enrolment is not joined in: a product list rarely asks for it, and
    Vendor's fields that need it load it for the whole page at once (enrollment_of). `fields`,
    when given, are the only columns read."""
    vendors = Vendor.objects.all() if fields is None else Vendor.objects.only("id", *fields)
    return vendors.in_bulk(list(vendor_ids))


def vendor_ids_with_membership(*, user, vendor_ids) -> set[int]:
    """Of `vendor_ids`, those `user` belongs to, whose stock figures are theirs to see. Staff
    roles grant nothing here, as in require_vendor_member."""
    from vendors.models import VendorMembership

    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    return set(
        VendorMembership.objects.filter(user=user, vendor_id__in=list(vendor_ids)).values_list(
            "vendor_id", flat=True
        )
    )


# The lookups a vendor member's edit starts from. Refused alike whether the row is another
# vendor's or does not exist, so ids cannot be probed.


def _for_member(user, found, vendor_of):
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    from marketplace.core.permissions import require_authenticated

    require_authenticated(user)
    if found is None:
        # The message require_vendor_member gives for someone else's vendor.
        raise PermissionDenied(_("No perteneces a este negocio."))
    require_vendor_member(user, vendor_of(found))
    return found


def product_get_for_member(*, user, product_id: int) -> Product:
    product = Product.objects.select_related("vendor").filter(pk=product_id).first()
    return _for_member(user, product, lambda found: found.vendor)


def variant_get_for_member(*, user, variant_id: int) -> ProductVariant:
    variant = (
        ProductVariant.objects.select_related("vendor", "product__vendor")
        .filter(pk=variant_id)
        .first()
    )
    return _for_member(user, variant, lambda found: found.vendor)


def image_get_for_member(*, user, image_id: int) -> ProductImage:
    # Members act on the photos staged in a pending revision too.
    image = ProductImage.with_staged.select_related("product__vendor").filter(pk=image_id).first()
    return _for_member(user, image, lambda found: found.product.vendor)


def product_get_for_moderation(*, user, product_id: int) -> Product | None:
    """Any product, for staff who moderate listings."""
    from marketplace.core.permissions import require_perm

    require_perm(user, "accounts.moderate_listings")
    return Product.objects.select_related("vendor").filter(pk=product_id).first()


# Storefront reads (frontend_templates): the home page's showcase and a category's place in the
# tree. Both build on the rules above, so they never show more than product_list_visible.


def product_list_featured(*, limit: int = 8, fields: tuple[str, ...] = ()) -> list[Product]:
    """The newest visible listings, those that can be bought today first, so the home page does
    not open on sold-out goods. `fields` reads only those columns (QuerySet.only), for a caller
    that shows no more."""
    products = product_list_visible().order_by("-is_available", "-published_at", "-id")
    if fields:
        products = products.only(*fields)
    return list(products[:limit])


@dataclass(frozen=True)
class CategoryFamily:
    category: Category
    ancestors: list[Category]  # from the top level down to the parent
    children: list[Category]


def category_family(*, slug: str = "", category_id: int | None = None) -> CategoryFamily | None:
    """A category with its ancestors (for breadcrumbs) and its children (for links), walked in
    memory over one query of the whole (small) tree."""
    categories = category_list()
    by_id = {category.pk: category for category in categories}
    found = next((c for c in categories if (c.slug == slug if slug else c.pk == category_id)), None)
    if found is None:
        return None
    ancestors, parent_id, seen = [], found.parent_id, {found.pk}
    # `seen` guards against a cycle someone could create in the admin.
    while parent_id is not None and parent_id in by_id and parent_id not in seen:
        seen.add(parent_id)
        ancestors.insert(0, by_id[parent_id])
        parent_id = by_id[parent_id].parent_id
    children = [c for c in categories if c.parent_id == found.pk]
    return CategoryFamily(category=found, ancestors=ancestors, children=children)


# Reads behind the vendor dashboard's and the staff console's catalogue pages.


def stock_movements_for_product(*, user, product: Product, limit: int = 20) -> list:
    """The latest stock changes of a product's variants, newest first, for its vendor's
    members: the ledger the dashboard shows under the stock forms."""
    from .models import StockMovement

    require_vendor_member(user, product.vendor)
    return list(
        StockMovement.objects.filter(variant__product=product)
        .select_related("variant", "actor")
        .order_by("-created_at", "-id")[:limit]
    )


@dataclass(frozen=True)
class ModerationFilters:
    municipality: str = ""
    category: str = ""  # slug, descendants included
    vendor: str = ""  # slug
    flag: str = ""  # automatic check code
    kind: str = ""


def moderation_queue(*, user, filters: ModerationFilters | None = None):
    """Open cases, oldest first, with what the queue page shows already joined."""
    from marketplace.core.permissions import require_perm

    from .models import ModerationCase

    require_perm(user, "accounts.moderate_listings")
    filters = filters or ModerationFilters()
    qs = (
        ModerationCase.objects.filter(decided_at__isnull=True)
        .filter(
            Q(product__status=Product.Status.IN_REVIEW)
            | Q(kind=ModerationCase.Kind.REVISION, product__status=Product.Status.PUBLISHED)
        )
        .select_related(
            "product__vendor__enrollment__municipality",
            "product__category",
            "submitted_by",
            "revision",
        )
        .prefetch_related(
            Prefetch("product__images", queryset=ProductImage.objects.order_by("position", "id")),
            Prefetch(
                "product__variants", queryset=ProductVariant.objects.order_by("position", "id")
            ),
        )
    )
    if filters.municipality:
        qs = qs.filter(product__vendor__enrollment__municipality__slug=filters.municipality)
    if filters.category:
        category = Category.objects.filter(slug=filters.category).first()
        qs = qs.filter(
            product__category_id__in=category_descendant_ids(category) if category else []
        )
    if filters.vendor:
        qs = qs.filter(product__vendor__slug=filters.vendor)
    if filters.kind:
        qs = qs.filter(product__kind=filters.kind)
    if filters.flag:
        # JSON containment differs per database; the queue is small enough to filter ids here.
        rows = qs.values_list("pk", "flags")
        ids = [pk for pk, flags in rows if any(f.get("code") == filters.flag for f in flags)]
        qs = qs.filter(pk__in=ids)
    return qs.order_by("submitted_at", "id")


def moderation_history(*, product):
    from .models import ModerationCase

    return (
        ModerationCase.objects.filter(product=product)
        .select_related("decided_by")
        .order_by("-submitted_at")
    )


# The staff review page of one moderation case and its place in the queue.


def moderation_case_get(*, user, case_id: int):
    """One case, open or decided, with what the review page shows of its listing (the same
    relations as the public product page, since the page previews it as citizens will see it)."""
    from marketplace.core.permissions import require_perm

    from .models import ModerationCase

    require_perm(user, "accounts.moderate_listings")
    return (
        ModerationCase.objects.select_related(
            "product__vendor__enrollment__municipality",
            "product__category",
            "submitted_by",
            "decided_by",
            "revision",
        )
        .prefetch_related(
            Prefetch("product__images", queryset=ProductImage.objects.order_by("position", "id")),
            Prefetch(
                "product__variants", queryset=ProductVariant.objects.order_by("position", "id")
            ),
            "product__service_municipalities",
            "product__vendor__delivery_zones__municipality",
        )
        .filter(pk=case_id)
        .first()
    )


def moderation_queue_neighbours(*, user, case, filters: ModerationFilters | None = None):
    """The open cases just before and just after `case` in queue order (oldest first). `case`
    may already be decided: its neighbours are then where the moderator goes next."""
    queue = moderation_queue(user=user, filters=filters).prefetch_related(None).exclude(pk=case.pk)
    at = case.submitted_at
    before = Q(submitted_at__lt=at) | Q(submitted_at=at, pk__lt=case.pk)
    previous = queue.filter(before).order_by("-submitted_at", "-id").first()
    following = queue.exclude(before).first()
    return previous, following


def product_revision_for(*, user, product: Product):
    """The listing's pending revision, for its vendor's members and for moderators; None for
    anyone else and when there is none."""
    from .revisions import revision_pending

    if not user.is_authenticated:
        return None
    allowed = user.has_perm("accounts.moderate_listings") or product.vendor_id in (
        vendor_ids_with_membership(user=user, vendor_ids=[product.vendor_id])
    )
    return revision_pending(product) if allowed else None


def product_images_for_editing(*, user, product: Product) -> list[ProductImage]:
    """The photos a member edits: those of the pending revision when it changes them (live and
    staged, in the proposed order), otherwise the live ones."""
    from .revisions import revision_images

    require_vendor_member(user, product.vendor)
    return revision_images(product, product_revision_for(user=user, product=product))


def moderation_history_for_vendor(*, user, vendor: Vendor, product: Product) -> list:
    """The listing's moderation cases, newest first, for its vendor's members: what was
    submitted, decided and why. Who decided stays out (moderators are not named to vendors),
    and so do the automatic flags, which are hints for moderators."""
    from .models import ModerationCase

    require_vendor_member(user, vendor)
    return list(
        ModerationCase.objects.filter(product=product, product__vendor=vendor)
        .defer("decided_by", "submitted_by", "flags")
        .order_by("-submitted_at", "-id")
    )


def pending_revisions_for(*, user, product_ids) -> dict:
    """Pending revisions of these products that `user` may read (members of the product's
    vendor, moderators), by product id; two queries whatever the number of products."""
    from .models import ProductRevision

    if not user.is_authenticated:
        return {}
    revisions = list(
        ProductRevision.objects.filter(
            product_id__in=list(product_ids), status=ProductRevision.Status.PENDING
        ).select_related("product")
    )
    if not user.has_perm("accounts.moderate_listings"):
        allowed = vendor_ids_with_membership(
            user=user, vendor_ids={r.product.vendor_id for r in revisions}
        )
        revisions = [r for r in revisions if r.product.vendor_id in allowed]
    return {r.product_id: r for r in revisions}
