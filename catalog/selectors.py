"""Catalogue reads. The public visibility rule lives here and nowhere else."""

from dataclasses import dataclass

from django.db.models import Exists, F, Max, Min, OuterRef, Prefetch, Q, QuerySet

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
    search: str = ""


SORTS = {
    "newest": ("-published_at", "-id"),
    "price_asc": ("min_price", "-id"),
    "price_desc": ("-min_price", "-id"),
    "name": ("name", "id"),
}


def _available_variant():
    return ProductVariant.objects.filter(product=OuterRef("pk")).filter(
        Q(track_inventory=False) | Q(stock_quantity__gt=F("allocated_quantity"))
    )


def product_list_visible(
    *, filters: ProductFilters | None = None, sort: str = "newest"
) -> QuerySet[Product]:
    """What the public may see: published listings of active vendors. Goods that run out of
    stock stay listed and are shown as out of stock (`is_available` False), not hidden."""
    filters = filters or ProductFilters()
    qs = (
        Product.objects.filter(status=Product.Status.PUBLISHED, vendor__status=Vendor.Status.ACTIVE)
        .select_related("vendor__enrollment__municipality", "category")
        .annotate(
            min_price=Min("variants__price"),
            max_price=Max("variants__price"),
            is_available=Exists(_available_variant()),
        )
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("position", "id")),
        )
    )
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
    if filters.search:
        term = filters.search.strip()[:100]
        qs = qs.filter(Q(name__icontains=term) | Q(description__icontains=term))
    return qs.order_by(*SORTS.get(sort, SORTS["newest"]))


def product_get_visible(*, slug: str) -> Product | None:
    return (
        product_list_visible()
        .prefetch_related(
            Prefetch("variants", queryset=ProductVariant.objects.order_by("position", "id")),
            "service_municipalities",
            "vendor__delivery_zones__municipality",
        )
        .filter(slug=slug)
        .first()
    )


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
