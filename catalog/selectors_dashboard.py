"""Reads for the vendor dashboard's products list (kept apart from `selectors.py`): a page of
the business's products in one query, and how many it has in each status."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from vendors.models import Vendor
from vendors.permissions import require_vendor_member

from .models import Product, ProductVariant

# What a row of the list shows. The price and the photo are the kept list fields
# (catalog.listing_fields), so no variant or photo row is read.
ROW_FIELDS = (
    "vendor_id",
    "kind",
    "name",
    "status",
    "pricing_mode",
    "updated_at",
    "min_price",
    "max_price",
    "thumbnail",
    "category__name",
)


@dataclass(frozen=True)
class VendorProducts:
    """`products` is lazy (the page slices it); `counts` maps each status with products to
    how many, read once for the filter and for the pages' total."""

    products: QuerySet[Product]
    counts: dict[str, int]

    def total(self, status: str = "") -> int:
        return self.counts.get(status, 0) if status else sum(self.counts.values())


def _variants():
    return ProductVariant.objects.filter(product=OuterRef("pk")).order_by().values("product")


def product_rows_for_vendor(*, user, vendor: Vendor, status: str = "") -> VendorProducts:
    """Every product of the vendor (in `status` when given), last edited first, for its members.
    Each row carries `variant_count` and `tracked_stock` (the stock of the variants that track
    it; None when none does), read per row in the page's own query."""
    require_vendor_member(user, vendor)
    owned = Product.objects.filter(vendor=vendor)
    counts = dict(owned.order_by().values_list("status").annotate(n=Count("pk")))
    products = (
        (owned.filter(status=status) if status else owned)
        .select_related("category")
        .only(*ROW_FIELDS)
        .annotate(
            variant_count=Coalesce(
                Subquery(_variants().annotate(n=Count("pk")).values("n")),
                0,
                output_field=IntegerField(),
            ),
            tracked_stock=Subquery(
                _variants()
                .filter(track_inventory=True)
                .annotate(units=Sum("stock_quantity"))
                .values("units"),
                output_field=IntegerField(),
            ),
        )
        .order_by("-updated_at", "-id")
    )
    return VendorProducts(products=products, counts=counts)
