from marketplace.core.errors import ErrorCode


class CatalogErrorCode(ErrorCode):
    DUPLICATE_SKU = "duplicate_sku"
    PRODUCT_ARCHIVED = "product_archived"
    INVALID_TRANSITION = "invalid_transition"
    TOO_MANY_IMAGES = "too_many_images"
    STOCK_NEGATIVE = "stock_negative"
    LAST_VARIANT = "last_variant"
    PRICE_REQUIRED = "price_required"
    IMAGE_REQUIRED = "image_required"
    PRICE_ZERO = "price_zero"
    UNKNOWN_CATEGORY = "unknown_category"
    NOT_ORDERABLE = "not_orderable"
    VENDOR_NOT_ACTIVE = "vendor_not_active"
    NOT_IN_REVIEW = "not_in_review"
    REVIEW_OUTDATED = "review_outdated"
    REVIEW_REQUIRED = "review_required"
    # What may be bought (catalog.purchase); the cart and checkout report these codes.
    PRODUCT_UNAVAILABLE = "product_unavailable"
    QUOTE_ONLY = "quote_only"
    OUT_OF_STOCK = "out_of_stock"
    INSUFFICIENT_STOCK = "insufficient_stock"
    GOODS_FIXED_PRICE = "goods_fixed_price"
