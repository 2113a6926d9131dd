from .category import Category
from .moderation import ModerationCase
from .product import Product, ProductImage, QuoteRequest
from .variant import ProductVariant, StockMovement

__all__ = [
    "Category",
    "ModerationCase",
    "Product",
    "ProductImage",
    "ProductVariant",
    "QuoteRequest",
    "StockMovement",
]
