"""Which stored files vendors' rows reference, for the orphaned-upload sweeper
(marketplace.core.media_sweep): logos and banners under `vendors/<vendor id>/`."""

from collections.abc import Iterator

from marketplace.core.media_sweep import json_strings, media_owner_register


def vendor_media_referenced(vendor_ids: set[int]) -> Iterator[str]:
    from .models import Vendor

    rows = Vendor.objects.filter(pk__in=vendor_ids).values_list("logo", "banner")
    for logo, banner in rows.iterator(chunk_size=2000):
        yield from json_strings(logo)
        yield from json_strings(banner)


def register() -> None:
    media_owner_register("vendors/", r"^vendors/(\d+)/", vendor_media_referenced)
