import graphene

from .images import ProductImageCreate, ProductImageDelete, ProductImageReorder
from .products import ProductArchive, ProductCreate, ProductPublish, ProductUpdate
from .variants import ProductVariantCreate, ProductVariantDelete, ProductVariantUpdate, StockAdjust


class Mutation(graphene.ObjectType):
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_archive = ProductArchive.Field()
    product_publish = ProductPublish.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_variant_delete = ProductVariantDelete.Field()
    stock_adjust = StockAdjust.Field()
    product_image_delete = ProductImageDelete.Field()
    product_image_reorder = ProductImageReorder.Field()
    product_image_create = ProductImageCreate.Field()


__all__ = ["Mutation"]
