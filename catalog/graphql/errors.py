"""`CatalogError`: the typed error of the catalogue's mutations (products, variants, stock,
images, moderation). Products belong to vendors and carry images, so their codes come too."""

from catalog.error_codes import CatalogErrorCode
from marketplace.core.errors import CoreErrorCode
from marketplace.core.images import ImageErrorCode
from marketplace.graphql.typed_errors import typed_errors
from vendors.error_codes import VendorErrorCode

catalog_errors = typed_errors(
    "Catalog",
    (CatalogErrorCode, CoreErrorCode, ImageErrorCode, VendorErrorCode),
    module=__name__,
    description="Why a catalogue mutation refused its input.",
)

CatalogError = catalog_errors.error_type
CatalogMutation = catalog_errors.mutation
