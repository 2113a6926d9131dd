"""What the catalogue does after its own events commit: work that the person who caused them
need not wait for, and keeping cached public reads current."""

from django.db.models.signals import post_migrate

from marketplace.core import readcache
from marketplace.core.events import after_commit, subscribe
from vendors.events import VendorActivated, VendorProfileChanged, VendorSuspended

from .events import CategoryRenamed, ProductChanged, ProductImageStored, ProductsChanged
from .services.images import product_image_renditions_fill

# Everything an anonymous reader can see of the catalogue changes through one of these: a
# listing's fields, status, moderation decision, variants, prices, stock (orders allocate, sell
# and restore it through catalog.services.stock) and photos; a vendor's state and name; the
# category tree. Bumped on commit, not through the outbox, so no read ever waits for a worker.
VISIBLE_CHANGES = (
    ProductChanged,
    ProductsChanged,
    ProductImageStored,
    CategoryRenamed,
    VendorActivated,
    VendorSuspended,
    VendorProfileChanged,
)


def on_product_image_stored(event: ProductImageStored) -> None:
    product_image_renditions_fill(image_id=event.image_id)


def _after_migrate(**_kwargs) -> None:
    # The category tree is only changed by data migrations; a deploy that runs them must not
    # leave entries that show the old tree until they expire.
    readcache.bump()


def register() -> None:
    subscribe(ProductImageStored)(on_product_image_stored)
    for event_type in VISIBLE_CHANGES:
        after_commit(event_type)(readcache.on_catalogue_event)
    post_migrate.connect(_after_migrate, dispatch_uid="catalog.readcache_after_migrate")
