"""Builders shared by the catalogue API tests."""

from graphql_relay import to_global_id

from catalog.models import ProductImage
from tests.factories import ProductFactory, VariantFactory, product_image


def gid(instance) -> str:
    # The API's type names are the models' (Product, ProductVariant, ProductImage, Vendor).
    return to_global_id(type(instance).__name__, instance.pk)


def stored_image(product_pk: int, *, width: int = 1200, height: int = 900) -> dict:
    """The JSON `image_store_renditions` writes for the product widths, without an image: each
    rendition's real width is capped at the original's, as the pipeline never upscales."""
    renditions = {}
    for requested in (320, 800, 1600):
        real = min(requested, width)
        renditions[str(requested)] = {
            "webp": f"products/{product_pk}/abc-{requested}.webp",
            "jpeg": f"products/{product_pk}/abc-{requested}.jpg",
            "width": str(real),
            "height": str(round(height * real / width)),
        }
    return {"width": width, "height": height, "renditions": renditions}


def add_image(product, *, alt="Foto del producto", position=0, **size) -> ProductImage:
    return product_image(
        product, alt=alt, position=position, image=stored_image(product.pk, **size)
    )


def listed_product(**kwargs):
    """A published product with one variant and one image row; kwargs go to the product."""
    variant_kwargs = {
        key.removeprefix("variant__"): kwargs.pop(key)
        for key in list(kwargs)
        if key.startswith("variant__")
    }
    product = ProductFactory(**kwargs)
    VariantFactory(product=product, **variant_kwargs)
    add_image(product)
    return product
