"""`Vendor.products`: catalog adds it to the vendors `Vendor` type, since vendors must not import
catalog (see marketplace.graphql.extensions)."""

import graphene

from catalog import selectors
from marketplace.graphql.connections import ConnectionField
from marketplace.graphql.extensions import extend_type
from vendors.graphql.types import Vendor

from .queries import product_search
from .types import Product


def resolve_vendor_products(vendor, info, search=None, **_page):
    # The public listing, so a vendor outside the store shows an empty page even to its members.
    products = selectors.product_list_visible(filters=selectors.ProductFilters(vendor=vendor))
    if str(search or "").strip():
        # The search box of the vendor's page: the store's search, scoped to this vendor, so
        # the page and the API rank its portfolio alike. Its results pass the same visibility
        # rule (search.services.products_for_result).
        return product_search(
            filters={"search": search, "vendor": vendor.slug},
            sort=None,
            reverse=False,
            page=_page,
        )
    return products


VENDOR_PRODUCTS = ConnectionField(
    Product,
    required=True,
    resolver=resolve_vendor_products,
    keyset=True,
    search=graphene.String(
        description="Words to look for in this vendor's products, ranked as the storefront's "
        "search ranks them (the vendor page's search box); most relevant first."
    ),
    description="The vendor's products in the store now, newest first (added by the catalog "
    "app). Each vendor's page costs its own queries: ask for it on one vendor, not on a list.",
)

extend_type(Vendor, products=VENDOR_PRODUCTS)
