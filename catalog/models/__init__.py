from .category import Category
from .product import Product, ProductImage, QuoteRequest
from .variant import ProductVariant, StockMovement

__all__ = ["Category", "Product", "ProductImage", "ProductVariant", "QuoteRequest", "StockMovement"]
