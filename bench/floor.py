"""The floor: the rows behind GraphQL `products(first: 100)` read with one `.values()` query and
serialised straight to JSON. Every API figure is reported as a ratio to it."""

from django.http import JsonResponse

from catalog.models import Product
from vendors.models import Vendor

PAGE = 100
FIELDS = ("id", "name", "slug", "kind", "pricing_mode", "published_at", "category_id", "vendor_id")
# Listing fields the product keeps precomputed, read too when the model has them.
LISTING_FIELDS = ("min_price", "max_price", "is_available", "thumbnail")


def floor_rows() -> list[dict]:
    names = {f.name for f in Product._meta.concrete_fields}
    fields = [*FIELDS, *(name for name in LISTING_FIELDS if name in names)]
    return list(
        Product.objects.filter(status=Product.Status.PUBLISHED, vendor__status=Vendor.Status.ACTIVE)
        .order_by("-published_at", "-id")
        .values(*fields)[:PAGE]
    )


def floor(request):
    return JsonResponse({"products": floor_rows()})
