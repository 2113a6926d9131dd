import graphene
from django.core.exceptions import ValidationError

from catalog.graphql.errors import CatalogMutation
from catalog.services import images as services
from marketplace.graphql.scalars import Upload

from ..types import Product, ProductImage
from .ids import image_for_member, image_pks, product_for_member, renamed


class ProductImageDelete(CatalogMutation):
    """Remove a product photo (its files go once the change is saved). Members only."""

    class Arguments:
        id = graphene.ID(required=True)

    product = graphene.Field(Product)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002 - the API's name
        user = info.context.user
        image = image_for_member(user=user, global_id=id)
        services.product_image_delete(image=image, deleted_by=user)
        return cls(product=image.product)


class ProductImageReorder(CatalogMutation):
    """Put a product's photos in the order given, which must list each of them once; the first
    is the cover. Members only."""

    class Arguments:
        product = graphene.ID(required=True)
        images = graphene.List(graphene.NonNull(graphene.ID), required=True)

    product = graphene.Field(Product)

    @classmethod
    def perform_mutation(cls, root, info, product, images):
        user = info.context.user
        target = product_for_member(user=user, global_id=product, field="product")
        try:
            services.product_image_reorder(
                product=target, reordered_by=user, image_ids=image_pks(images, field="images")
            )
        except ValidationError as exc:
            raise renamed(exc, {"image_ids": "images"}) from None
        return cls(product=target)


class ProductImageCreate(CatalogMutation):
    """Add a photo to a product (JPEG, PNG or WebP, up to 10 MB; at most ten per product).
    Members only. Send the file as the GraphQL multipart request spec describes.

    Not part of the schema yet: the endpoint reads only JSON bodies, so a file never reaches
    the `image` variable (see catalog/graphql/mutations/__init__.py).
    """

    class Arguments:
        product = graphene.ID(required=True)
        image = Upload(required=True)
        alt = graphene.String(
            required=True, description="What the photo shows, for screen readers."
        )

    image = graphene.Field(ProductImage)
    product = graphene.Field(Product)

    @classmethod
    def perform_mutation(cls, root, info, product, image, alt):
        user = info.context.user
        target = product_for_member(user=user, global_id=product, field="product")
        added = services.product_image_add(product=target, added_by=user, upload=image, alt=alt)
        return cls(image=added, product=target)
