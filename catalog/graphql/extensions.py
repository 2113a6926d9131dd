"""`Vendor.products`: catalog adds it to the vendors `Vendor` type, since vendors must not import
catalog (see marketplace.graphql.extensions)."""

from catalog import selectors
from marketplace.graphql.connections import ConnectionField
from marketplace.graphql.extensions import extend_type
from vendors.graphql.types import Vendor

from .types import Product


def resolve_vendor_products(vendor, info, **_page):
    # The public listing, so a vendor outside the store shows an empty page even to its members.
    return selectors.product_list_visible(filters=selectors.ProductFilters(vendor=vendor))


VENDOR_PRODUCTS = ConnectionField(
    Product,
    required=True,
    resolver=resolve_vendor_products,
    description="The vendor's products in the store now, newest first (added by the catalog "
    "app). Each vendor's page costs its own queries: ask for it on one vendor, not on a list.",
)

extend_type(Vendor, products=VENDOR_PRODUCTS)
