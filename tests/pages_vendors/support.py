"""Builders shared by the vendor page tests."""

from marketplace.core.models import Municipality
from tests.factories import EnrollmentFactory, VendorFactory
from vendors.models import DeliveryZone


def stored_logo(vendor_pk: int, widths=(96, 200, 400)) -> dict:
    """The JSON `image_store_renditions` writes, without decoding an image."""
    renditions = {
        str(width): {
            "webp": f"vendors/{vendor_pk}/logo/abc-{width}.webp",
            "jpeg": f"vendors/{vendor_pk}/logo/abc-{width}.jpg",
            "width": str(width),
            "height": str(width),
        }
        for width in widths
    }
    return {"width": max(widths), "height": max(widths), "renditions": renditions}


def storefront_vendor(*, municipality="medellin", sector="I", **kwargs):
    """An active vendor with what its page shows: logo, WhatsApp, notice data, two zones."""
    enrollment = EnrollmentFactory(
        municipality=Municipality.objects.get(slug=municipality),
        ciiu_section_id=_section_pk(sector),
    )
    defaults = {
        "whatsapp": "+573001234567",
        "notice_address": "Carrera 43A # 1 Sur-50, Medellín",
        "notice_phone": "+576044445566",
        "notice_email": "ventas@negocio.example.com",
    }
    vendor = VendorFactory(enrollment=enrollment, **(defaults | kwargs))
    vendor.logo = stored_logo(vendor.pk)
    vendor.save(update_fields=["logo"])
    for slug, fee in (("medellin", 4000), ("itagui", 8000)):
        DeliveryZone.objects.create(
            vendor=vendor, municipality=Municipality.objects.get(slug=slug), fee=fee
        )
    return vendor


def _section_pk(code: str) -> int:
    from vendors.models import CiiuSection

    return CiiuSection.objects.get(code=code).pk
