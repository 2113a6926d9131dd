"""The list fields a product keeps precomputed (lowest and highest price, whether it can be
ordered now, the first photo), recomputed from its variants and live photos.

Every service that changes a variant, its stock or a live photo calls `listing_fields_refresh`
inside its own transaction, after the change, so readers never see a product whose list fields
disagree with its variants. A full `product.save()` writes these columns too, from the
instance's values: a service that changes variants or photos and then saves the product refreshes
after the save. One UPDATE whatever the number of products: the bench seed uses it for whole
chunks of the catalogue.
"""

from collections.abc import Iterable

from django.db.models import Exists, F, JSONField, Max, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Product, ProductImage, ProductVariant
from .models.product import LISTING_FIELDS


def _variant_aggregate(function, field: str):
    return Subquery(
        ProductVariant.objects.filter(product=OuterRef("pk"))
        .order_by()
        .values("product")
        .annotate(value=function(field))
        .values("value")
    )


def orderable_variants():
    """Variants that can be ordered now: untracked, or with stock not yet allocated."""
    return ProductVariant.objects.filter(
        Q(track_inventory=False) | Q(stock_quantity__gt=F("allocated_quantity"))
    )


def listing_fields_values() -> dict:
    """The UPDATE's expressions, per product row."""
    first_photo = (
        ProductImage.objects.filter(product=OuterRef("pk"))
        .order_by("position", "id")
        .values("image")[:1]
    )
    return {
        "min_price": _variant_aggregate(Min, "price"),
        "max_price": _variant_aggregate(Max, "price"),
        "is_available": Exists(orderable_variants().filter(product=OuterRef("pk"))),
        "thumbnail": Coalesce(
            Subquery(first_photo, output_field=JSONField()),
            Value({}, output_field=JSONField()),
        ),
    }


def listing_fields_refresh(product_ids: Iterable[int] | None) -> int:
    """Recompute the list fields of these products (all products when None). Returns how many
    rows were written."""
    products = Product.objects.all()
    if product_ids is not None:
        ids = sorted({int(pk) for pk in product_ids})
        if not ids:
            return 0
        products = products.filter(pk__in=ids)
    # update() leaves updated_at alone: these fields follow other rows, not an edit.
    return products.update(**listing_fields_values())


def listing_fields_refresh_product(product: Product) -> None:
    """Recompute one product's list fields and load them into `product`, the instance the
    caller goes on to show (a mutation's payload, for one)."""
    listing_fields_refresh([product.pk])
    product.refresh_from_db(fields=list(LISTING_FIELDS))
