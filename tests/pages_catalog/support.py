"""Builders shared by the catalogue page tests."""

import re
from datetime import timedelta

from django.utils import timezone

from marketplace.core.models import Municipality
from tests.factories import ProductFactory, VariantFactory, product_image
from tests.pages_vendors.support import storefront_vendor  # noqa: F401 (re-exported)


def stored_image(product_pk: int, widths=(320, 800, 1600), ratio=0.75) -> dict:
    """The JSON catalog.services.images writes, without decoding an image."""
    renditions = {
        str(width): {
            "webp": f"products/{product_pk}/abc-{width}.webp",
            "jpeg": f"products/{product_pk}/abc-{width}.jpg",
            "width": str(width),
            "height": str(round(width * ratio)),
        }
        for width in widths
    }
    return {"width": max(widths), "height": round(max(widths) * ratio), "renditions": renditions}


def listing(
    vendor,
    name: str = "Arepa de chócolo",
    *,
    price: int = 45_900,
    stock: int = 10,
    kind: str = "goods",
    category: str = "comida-preparada",
    images: int = 1,
    age_days: int = 0,
    variants: list[dict] | None = None,
    service_municipalities=(),
    **product_fields,
):
    """A published listing of `vendor` with one variant (or `variants`) and `images` images."""
    from catalog.models import Category

    product = ProductFactory(
        vendor=vendor,
        name=name,
        kind=kind,
        category=Category.objects.get(slug=category),
        published_at=timezone.now() - timedelta(days=age_days),
        **product_fields,
    )
    for values in variants or [{"price": price, "stock_quantity": stock}]:
        VariantFactory(product=product, **values)
    for position in range(images):
        product_image(
            product,
            position=position,
            alt=f"{name}, foto {position + 1}",
            image=stored_image(product.pk),
        )
    if service_municipalities:
        product.service_municipalities.set(
            Municipality.objects.filter(slug__in=service_municipalities)
        )
    return product


def text(html: str) -> str:
    """What a person reads: tags dropped, whitespace collapsed (non-breaking spaces kept)."""
    return re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def price_box(html: str) -> str:
    """The big price on a product page, as read."""
    match = re.search(r'<p class="price-box__price[^"]*">(.*?)</p>', html, re.S)
    assert match, "no price on the page"
    return text(match.group(1))
