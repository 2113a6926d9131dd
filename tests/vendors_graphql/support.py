"""Builders shared by the vendors API tests."""

from graphql_relay import to_global_id

from marketplace.core.models import Municipality
from tests.factories import VendorFactory
from vendors.models import DeliveryZone


def gid(vendor) -> str:
    return to_global_id("Vendor", vendor.pk)


def stored_logo(vendor_pk: int) -> dict:
    """The JSON `image_store_renditions` writes, without decoding an image."""
    renditions = {
        str(width): {
            "webp": f"vendors/{vendor_pk}/logo/abc-{width}.webp",
            "jpeg": f"vendors/{vendor_pk}/logo/abc-{width}.jpg",
            "width": str(width),
            "height": str(width),
        }
        for width in (96, 200, 400)
    }
    return {"width": 400, "height": 400, "renditions": renditions}


def storefront_vendor(**kwargs):
    """An active vendor with everything the storefront shows: logo, WhatsApp, two zones."""
    vendor = VendorFactory(whatsapp="+573001234567", notice_address="Cra 50 # 10-20", **kwargs)
    vendor.logo = stored_logo(vendor.pk)
    vendor.save(update_fields=["logo"])
    for slug, fee in (("medellin", 5000), ("itagui", 8000)):
        DeliveryZone.objects.create(
            vendor=vendor, municipality=Municipality.objects.get(slug=slug), fee=fee
        )
    return vendor
