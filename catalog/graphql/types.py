"""Public catalogue types. Stock figures resolve to null unless the requesting user belongs to
the product's vendor (decided by catalog.selectors)."""

import graphene
from graphene_django import DjangoObjectType

from catalog import selectors
from catalog.models import Category as CategoryModel
from catalog.models import Product as ProductModel
from catalog.models import ProductImage as ProductImageModel
from catalog.models import ProductVariant as ProductVariantModel
from catalog.models import StockMovement as StockMovementModel
from catalog.purchase import is_quoted, units_available
from marketplace.core.media_urls import media_url
from marketplace.core.money import CURRENCY, format_cop
from marketplace.graphql.connections import CountableConnection
from vendors.graphql.types import Municipality, Vendor, choice_value, choices_enum

from .dataloaders import (
    can_read_stock,
    category_index,
    category_of,
    images_of,
    pending_revision_of,
    service_municipalities_of,
    variants_of,
    vendor_of,
)
from .enums import PricingMode, ProductKind, ProductStatus, TaxClass
from .revision_types import ProductRevision


class Money(graphene.ObjectType):
    """An amount of Colombian pesos. Prices include taxes."""

    amount = graphene.Int(required=True, description="Whole pesos.")
    currency = graphene.String(required=True, description="ISO 4217 code; always COP.")
    formatted = graphene.String(
        required=True, description='As shown in Colombia: "$ 45.900" (a no-break space).'
    )

    @staticmethod
    def resolve_amount(root, info):
        return root

    @staticmethod
    def resolve_currency(root, info):
        return CURRENCY

    @staticmethod
    def resolve_formatted(root, info):
        return format_cop(root)


class PriceRange(graphene.ObjectType):
    start = graphene.Field(Money, required=True, description="The cheapest variant's price.")
    stop = graphene.Field(Money, required=True, description="The dearest variant's price.")

    @staticmethod
    def resolve_start(root, info):
        return root[0]

    @staticmethod
    def resolve_stop(root, info):
        return root[1]


class ProductPricing(graphene.ObjectType):
    price_range = graphene.Field(
        PriceRange,
        description="Null while the product has no variant, and for products priced on "
        "request (pricingMode QUOTE). Show `start` as 'Desde' for pricingMode FROM.",
    )


class VariantOption(graphene.ObjectType):
    name = graphene.String(required=True, description='E.g. "talla".')
    value = graphene.String(required=True, description='E.g. "M".')


StockMovementReason = choices_enum(
    "StockMovementReason", StockMovementModel.Reason, "Why a variant's stock changed."
)


# The most units the public is told a variant has.
PUBLIC_STOCK_CAP = 10


def _stock_figure(attribute: str):
    def resolve(root, info):
        return getattr(root, attribute) if can_read_stock(info, root) else None

    return resolve


class ProductVariant(DjangoObjectType):
    """A sellable unit of a product, with its price and stock."""

    options = graphene.List(graphene.NonNull(VariantOption), required=True)
    price = graphene.Field(Money, required=True)
    compare_at_price = graphene.Field(
        Money, description="The former price, shown struck through; null when there is none."
    )
    is_available = graphene.Boolean(required=True, description="Whether it can be ordered now.")
    quantity_available = graphene.Int(
        description="Units that can be ordered now, shown to the public as at most "
        f"{PUBLIC_STOCK_CAP} (meaning 'that many or more'); members of the vendor see the "
        "exact figure. Null for services and for variants whose stock is not tracked."
    )
    stock_quantity = graphene.Int(
        description="Units in stock. Members of the vendor only.",
        resolver=_stock_figure("stock_quantity"),
    )
    allocated_quantity = graphene.Int(
        description="Units reserved by orders not yet fulfilled. Members of the vendor only.",
        resolver=_stock_figure("allocated_quantity"),
    )

    class Meta:
        model = ProductVariantModel
        name = "ProductVariant"
        interfaces = (graphene.relay.Node,)
        fields = ("sku", "name", "track_inventory")

    @classmethod
    def get_node(cls, info, id):  # noqa: A002 - graphene's signature
        # Variants are reached through their product, which decides who may see them.
        return None

    @staticmethod
    def resolve_options(root, info):
        return [VariantOption(name=name, value=value) for name, value in root.option_pairs]

    @staticmethod
    def resolve_price(root, info):
        return root.price

    @staticmethod
    def resolve_compare_at_price(root, info):
        return root.compare_at_price

    @staticmethod
    def resolve_is_available(root, info):
        units = units_available(root)
        return units is None or units > 0

    @staticmethod
    def resolve_quantity_available(root, info):
        if root.product.kind != ProductModel.Kind.GOODS:
            return None
        available = units_available(root)
        if available is None or can_read_stock(info, root):
            return available
        # Exact stock is the vendor's business information; buyers only need "enough".
        return min(available, PUBLIC_STOCK_CAP)


class ProductImage(DjangoObjectType):
    """A product photo, stored as WebP and JPEG renditions of a few widths (never upscaled)."""

    url = graphene.String(
        size=graphene.Int(description="Wanted width in pixels."),
        description="URL of a WebP rendition: the narrowest at least `size` wide, or the widest "
        "when `size` is omitted or larger than the original. Null only for an image without "
        "stored renditions.",
    )
    width = graphene.Int(required=True, description="The original's width in pixels.")
    height = graphene.Int(required=True, description="The original's height in pixels.")

    class Meta:
        model = ProductImageModel
        name = "ProductImage"
        interfaces = (graphene.relay.Node,)
        fields = ("alt",)

    # The columns each field's resolver reads, so a list loads no others (see
    # marketplace.graphql.selection).
    column_needs = {"url": ("image",), "width": ("image",), "height": ("image",)}

    @classmethod
    def get_node(cls, info, id):  # noqa: A002
        return None

    @staticmethod
    def resolve_url(root, info, size=None):
        renditions = sorted(
            (int(entry.get("width") or requested), int(requested), entry["webp"])
            for requested, entry in (root.image.get("renditions") or {}).items()
            if entry.get("webp")
        )
        if not renditions:
            return None
        widest = renditions[-1][0]
        target = widest if size is None else min(size, widest)
        # Sorted by real width, then by the width asked for: renditions asked wider than the
        # original all hold the original, and the first of them will do.
        chosen = next(entry for entry in renditions if entry[0] >= target)
        return media_url(chosen[2])

    @staticmethod
    def resolve_width(root, info):
        return int(root.image.get("width") or 0)

    @staticmethod
    def resolve_height(root, info):
        return int(root.image.get("height") or 0)


class Category(DjangoObjectType):
    """A node of the category tree. Listing a category includes everything below it."""

    parent = graphene.Field(lambda: Category, description="Null for a top-level category.")
    children = graphene.List(graphene.NonNull(lambda: Category), required=True)
    level = graphene.Int(required=True, description="0 for a top-level category.")

    class Meta:
        model = CategoryModel
        name = "Category"
        interfaces = (graphene.relay.Node,)
        fields = ("name", "slug")

    @classmethod
    def get_node(cls, info, id):  # noqa: A002
        return category_index(info).by_id.get(int(id)) if str(id).isdigit() else None

    @staticmethod
    def resolve_parent(root, info):
        if root.parent_id is None:
            return None
        return category_index(info).by_id.get(root.parent_id)

    @staticmethod
    def resolve_children(root, info):
        return category_index(info).children.get(root.pk, [])

    @staticmethod
    def resolve_level(root, info):
        return category_index(info).level(root)


def _price_range(info, product) -> tuple[int, int] | None:
    if is_quoted(product):
        return None
    # Kept on the product by catalog.listing_fields: no variant is read for it.
    low, high = product.min_price, product.max_price
    return None if low is None else (low, high)


class Product(DjangoObjectType):
    """A good or a service in a vendor's portfolio. Every sellable unit is a variant."""

    kind = graphene.Field(ProductKind, required=True)
    tax_class = graphene.Field(TaxClass, required=True)
    pricing_mode = graphene.Field(PricingMode, required=True)
    status = graphene.Field(ProductStatus, required=True)
    category = graphene.Field(Category, required=True)
    vendor = graphene.Field(Vendor, required=True)
    variants = graphene.List(graphene.NonNull(ProductVariant), required=True)
    images = graphene.List(graphene.NonNull(ProductImage), required=True, description="In order.")
    pricing = graphene.Field(ProductPricing, required=True)
    is_available = graphene.Boolean(
        required=True,
        description="Whether any variant can be ordered now. Goods out of stock stay listed.",
    )
    service_municipalities = graphene.List(
        graphene.NonNull(Municipality),
        required=True,
        description="Where a service is offered; empty for goods.",
    )
    product_revision = graphene.Field(
        lambda: ProductRevision,
        description=(
            "Edits to this published listing waiting for review; null when there are none or "
            "when the requesting user is neither a member of its vendor nor a moderator."
        ),
    )

    class Meta:
        model = ProductModel
        name = "Product"
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection
        # An allow-list, so internal fields are exposed only on purpose.
        fields = ("name", "slug", "description", "duration_minutes", "published_at", "updated_at")

    # The columns each field's resolver reads, so a list loads no others (see
    # marketplace.graphql.selection). Fields left out (variants, productRevision) load whole rows.
    column_needs = {
        "kind": ("kind",),
        "taxClass": ("tax_class",),
        "pricingMode": ("pricing_mode",),
        "status": ("status",),
        "category": ("category",),
        "vendor": ("vendor",),
        "images": (),
        "pricing": ("kind", "pricing_mode", "min_price", "max_price"),
        "isAvailable": ("is_available",),
        "serviceMunicipalities": (),
    }

    @classmethod
    def get_node(cls, info, id):  # noqa: A002 - graphene's signature
        # Reachable by ID only while public; a vendor's own come through myProducts.
        return selectors.product_list_visible().filter(pk=id).first()

    @staticmethod
    def resolve_kind(root, info):
        return choice_value(root.kind)

    @staticmethod
    def resolve_tax_class(root, info):
        return choice_value(root.tax_class)

    @staticmethod
    def resolve_pricing_mode(root, info):
        return choice_value(root.pricing_mode)

    @staticmethod
    def resolve_status(root, info):
        return choice_value(root.status)

    @staticmethod
    def resolve_category(root, info):
        return category_of(info, root)

    @staticmethod
    def resolve_vendor(root, info):
        return vendor_of(info, root)

    @staticmethod
    def resolve_variants(root, info):
        return variants_of(info, root)

    @staticmethod
    def resolve_images(root, info):
        return images_of(info, root)

    @staticmethod
    def resolve_pricing(root, info):
        return ProductPricing(price_range=_price_range(info, root))

    @staticmethod
    def resolve_is_available(root, info):
        return root.is_available

    @staticmethod
    def resolve_service_municipalities(root, info):
        return service_municipalities_of(info, root)

    @staticmethod
    def resolve_product_revision(root, info):
        return pending_revision_of(info, root)


class StockMovement(graphene.ObjectType):
    """One change of a variant's stock."""

    delta = graphene.Int(required=True)
    quantity_after = graphene.Int(required=True, description="Units in stock after the change.")
    reason = graphene.Field(StockMovementReason, required=True)
    note = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_reason(root, info):
        return choice_value(root.reason)
