"""What the catalogue does after its own events commit: work that the person who caused them
need not wait for."""

from marketplace.core.events import subscribe

from .events import ProductImageStored
from .services.images import product_image_renditions_fill


def on_product_image_stored(event: ProductImageStored) -> None:
    product_image_renditions_fill(image_id=event.image_id)


def register() -> None:
    subscribe(ProductImageStored)(on_product_image_stored)
