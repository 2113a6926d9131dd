"""What search does when the catalogue or a vendor changes. Handlers run after the publishing
transaction commits; they only enqueue tasks, so a request never waits on indexing."""

from catalog.events import CategoryRenamed, ProductChanged, ProductsChanged
from marketplace.core.events import subscribe
from marketplace.core.tasks import enqueue
from vendors.events import VendorActivated, VendorProfileChanged, VendorSuspended

from . import tasks


def on_product_changed(event: ProductChanged) -> None:
    enqueue(tasks.index_products, [event.product_id])


def on_products_changed(event: ProductsChanged) -> None:
    tasks.enqueue_products(event.product_ids)


def on_vendor_changed(event: VendorSuspended | VendorActivated | VendorProfileChanged) -> None:
    # Suspension removes every listing, activation restores the published ones, a profile
    # change renames the vendor on all of them: each is "re-index the vendor's products".
    enqueue(tasks.index_vendor, event.vendor_id)


def on_category_renamed(event: CategoryRenamed) -> None:
    enqueue(tasks.index_category, event.category_id)


def register() -> None:
    subscribe(ProductChanged)(on_product_changed)
    subscribe(ProductsChanged)(on_products_changed)
    subscribe(VendorSuspended)(on_vendor_changed)
    subscribe(VendorActivated)(on_vendor_changed)
    subscribe(VendorProfileChanged)(on_vendor_changed)
    subscribe(CategoryRenamed)(on_category_renamed)
