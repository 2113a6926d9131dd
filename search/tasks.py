"""Indexing tasks. They take ids only and read the current state when they run, so they are
idempotent and safe to deliver twice or late (see marketplace.core.tasks)."""

from marketplace.core import readcache
from marketplace.core.tasks import enqueue, task

from . import indexing
from .documents import chunks


@task(name="search.index_products")
def index_products(product_ids: list[int]) -> int:
    changed = indexing.index_products(product_ids)
    # The catalogue version moved when the change committed, but a worker indexes later: a
    # search answered in between was cached from the old index under the new version. Moving
    # it again once the index holds the change makes that answer unreachable.
    readcache.catalogue_changed()
    return changed


def enqueue_products(product_ids) -> None:
    """One task per batch: a vendor with 2 000 products becomes 10 small tasks, not one
    long one that a worker restart would lose whole."""
    for batch in chunks(sorted({int(pk) for pk in product_ids})):
        enqueue(index_products, batch)


@task(name="search.index_vendor")
def index_vendor(vendor_id: int) -> None:
    enqueue_products(indexing.product_ids_for_vendor(vendor_id))


@task(name="search.index_category")
def index_category(category_id: int) -> None:
    enqueue_products(indexing.product_ids_for_category(category_id))
