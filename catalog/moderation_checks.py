"""Automatic checks run when a listing is submitted. They produce flags that help moderators
look in the right place; they never decide anything."""

import unicodedata
from difflib import SequenceMatcher
from statistics import median

from django.conf import settings
from django.db.models import Min

from .models import Product

SHORT_DESCRIPTION = 40
PRICE_OUTLIER_FACTOR = 5
MIN_PRICES_FOR_MEDIAN = 5
DUPLICATE_RATIO = 0.85
DEFAULT_PROHIBITED = [
    "arma",
    "armas",
    "pirata",
    "replica",
    "réplica",
    "medicamento",
    "cigarrillo",
    "pólvora",
]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def listing_flags(product: Product, *, has_images: bool | None = None) -> list[dict]:
    """`has_images` overrides the live photos, for a revision that proposes others."""
    flags = []
    if not (product.images.exists() if has_images is None else has_images):
        flags.append({"code": "no_image"})
    if len(product.description.strip()) < SHORT_DESCRIPTION:
        flags.append({"code": "short_description", "length": len(product.description.strip())})
    words = set(
        _fold(f"{product.name} {product.description}").replace(",", " ").replace(".", " ").split()
    )
    prohibited = {
        _fold(w) for w in getattr(settings, "MODERATION_PROHIBITED_WORDS", DEFAULT_PROHIBITED)
    }
    found = sorted(words & prohibited)
    if found:
        flags.append({"code": "prohibited_words", "words": found})
    price = product.variants.aggregate(p=Min("price"))["p"]
    if price:
        prices = [
            p
            for p in Product.objects.filter(
                category=product.category, status=Product.Status.PUBLISHED
            )
            .exclude(pk=product.pk)
            .annotate(p=Min("variants__price"))
            .values_list("p", flat=True)
            if p
        ]
        if len(prices) >= MIN_PRICES_FOR_MEDIAN:
            mid = median(prices)
            if price > mid * PRICE_OUTLIER_FACTOR or price * PRICE_OUTLIER_FACTOR < mid:
                flags.append({"code": "price_outlier", "price": price, "category_median": int(mid)})
    name = _fold(product.name)
    for other_id, other_name in (
        Product.objects.filter(vendor=product.vendor)
        .exclude(pk=product.pk)
        .exclude(status=Product.Status.ARCHIVED)
    ).values_list("pk", "name"):
        if SequenceMatcher(None, name, _fold(other_name)).ratio() >= DUPLICATE_RATIO:
            flags.append({"code": "near_duplicate", "product_id": other_id, "name": other_name})
            break
    return flags
