"""Listings in the moderation queue, as the submission service leaves them."""

import datetime

from django.utils import timezone

from catalog.models import ModerationCase
from catalog.services.products import product_submit_for_review
from tests.factories import ProductFactory, VariantFactory, product_image

QUEUE = "/consola/publicaciones/"


def photo(product, n=0):
    # As the image services do, the photo refreshes the product's kept list fields.
    product_image(
        product,
        alt=f"Foto {n}",
        position=0,
        image={
            "width": 320,
            "height": 320,
            "renditions": {
                "320": {
                    "webp": f"products/{product.pk}/a-320.webp",
                    "jpeg": f"products/{product.pk}/a-320.jpg",
                    "width": "320",
                    "height": "320",
                }
            },
        },
    )


def submit(vendor, owner, name, *, hours_ago=0, price=45_900, with_photo=True, **fields):
    """A draft sent for review by `owner`; `hours_ago` moves its submission into the past."""
    fields.setdefault("description", "Hecha a mano con maíz tierno, queso campesino y mantequilla.")
    product = ProductFactory(vendor=vendor, name=name, status="draft", published_at=None, **fields)
    VariantFactory(product=product, price=price)
    if with_photo:
        photo(product)
    product_submit_for_review(product=product, submitted_by=owner)
    case = ModerationCase.objects.get(product=product, decided_at__isnull=True)
    if hours_ago:
        ModerationCase.objects.filter(pk=case.pk).update(
            submitted_at=timezone.now() - datetime.timedelta(hours=hours_ago)
        )
        case.refresh_from_db()
    return case


def review_url(case) -> str:
    return f"{QUEUE}{case.pk}/"
