from .category import Category
from .moderation import ModerationCase
from .product import Product, ProductImage, QuoteRequest
from .revision import ProductRevision
from .variant import ProductVariant, StockMovement

__all__ = [
    "Category",
    "ModerationCase",
    "Product",
    "ProductImage",
    "ProductRevision",
    "ProductVariant",
    "QuoteRequest",
    "StockMovement",
]
