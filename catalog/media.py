"""Which stored files the catalogue's rows reference, for the orphaned-upload sweeper
(marketplace.core.media_sweep). Product photos are stored under `products/<product id>/`;
a photo staged in a pending revision is a row too (hence `with_staged`), and the listing's
kept `thumbnail` copies the first photo's paths."""

from collections.abc import Iterator

from marketplace.core.media_sweep import json_strings, media_owner_register


def product_media_referenced(product_ids: set[int]) -> Iterator[str]:
    from .models import Product, ProductImage

    images = ProductImage.with_staged.filter(product_id__in=product_ids)
    for stored in images.values_list("image", flat=True).iterator(chunk_size=2000):
        yield from json_strings(stored)
    thumbnails = Product.objects.filter(pk__in=product_ids).values_list("thumbnail", flat=True)
    for stored in thumbnails.iterator(chunk_size=2000):
        yield from json_strings(stored)


def register() -> None:
    media_owner_register("products/", r"^products/(\d+)/", product_media_referenced)
