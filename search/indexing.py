"""Keeping the indexes in step with the catalogue.

Everything here is idempotent and reads the current state: re-indexing a product twice, or a
product that has since changed again, converges on what the database says now. Documents come
only from `catalog.selectors.product_list_visible`; ids without a visible product are deleted.
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace

from catalog.models import Product
from catalog.selectors import product_list_visible

from . import conf
from .backends import SearchBackend, write_backends
from .documents import CategoryTree, IndexedProduct, _document, chunks, visible_document_batches
from .documents import visible_documents as _visible_documents
from .documents import visible_product_ids as _visible_product_ids

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]


def index_products(
    product_ids: Iterable[int], *, backends: list[SearchBackend] | None = None
) -> int:
    """Write the documents of those products that are visible and delete the others' (one
    batch). Returns how many documents changed in the first backend."""
    ids = sorted({int(pk) for pk in product_ids})
    if not ids:
        return 0
    documents = _visible_documents(ids)
    gone = set(ids) - {d.product_id for d in documents}
    changed = None
    for backend in backends or write_backends():
        written = backend.upsert(documents)
        backend.delete(gone)
        changed = written if changed is None else changed
    return changed or 0


def product_ids_for_vendor(vendor_id: int) -> list[int]:
    # Every status: products that just stopped being visible must leave the index too.
    return list(
        Product.objects.filter(vendor_id=vendor_id).order_by("pk").values_list("pk", flat=True)
    )


def product_ids_for_category(category_id: int) -> list[int]:
    tree = CategoryTree()
    if category_id not in tree.by_id:
        return []
    return list(
        Product.objects.filter(category_id__in=tree.descendant_ids(category_id))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# A rebuild reads the whole catalogue: bigger batches than an update's mean fewer round trips.
REBUILD_BATCH = 2000


def _rebuild_batches(tree: CategoryTree) -> Iterator[list[IndexedProduct]]:
    """The documents `visible_document_batches` gives, read as plain values instead of five
    model instances a row (a million-listing rebuild spent most of its time building them).
    Each row stands in for the product `_document` reads; vendors are shared between rows."""
    vendors: dict[int, SimpleNamespace] = {}
    ids = _visible_product_ids()
    for batch in chunks(ids, max(conf.batch_size(), REBUILD_BATCH)):
        rows = (
            product_list_visible()
            .prefetch_related(None)
            .filter(pk__in=batch)
            .order_by("pk")
            .values_list(*_ROW_FIELDS)
        )
        documents = []
        for row in rows:
            (pk, slug, name, description, kind, category_id, category_slug, category_name) = row[:8]
            (min_price, is_available, published_at, vendor_id) = row[8:12]
            vendor = vendors.get(vendor_id)
            if vendor is None:
                vendor = vendors[vendor_id] = _vendor(*row[12:])
            product = SimpleNamespace(
                pk=pk,
                slug=slug,
                name=name,
                description=description,
                kind=kind,
                category_id=category_id,
                category=SimpleNamespace(slug=category_slug, name=category_name),
                vendor=vendor,
                min_price=min_price,
                is_available=is_available,
                published_at=published_at,
            )
            documents.append(_document(product, tree))
        yield documents


_ROW_FIELDS = (
    "pk",
    "slug",
    "name",
    "description",
    "kind",
    "category_id",
    "category__slug",
    "category__name",
    "min_price",
    "is_available",
    "published_at",
    "vendor_id",
    "vendor__slug",
    "vendor__display_name",
    "vendor__enrollment__municipality",
    "vendor__enrollment__municipality__slug",
    "vendor__enrollment__municipality__name",
)


def _vendor(slug, display_name, municipality_id, municipality_slug, municipality_name):
    municipality = None
    if municipality_id is not None:
        municipality = SimpleNamespace(slug=municipality_slug, name=municipality_name)
    return SimpleNamespace(
        slug=slug,
        display_name=display_name,
        enrollment=SimpleNamespace(municipality=municipality),
    )


def rebuild(*, backends: list[SearchBackend] | None = None, progress: Progress | None = None):
    """Replace each index with one built from scratch (atomically: no empty moment)."""
    counts = {}
    tree = CategoryTree()
    for backend in backends or write_backends():
        counts[backend.name] = backend.rebuild(_rebuild_batches(tree), progress=progress)
    return counts


def update(*, backends: list[SearchBackend] | None = None, progress: Progress | None = None):
    """Re-index every visible product in place and drop documents of invisible ones."""
    backends = backends or write_backends()
    ids = _visible_product_ids()
    for batch in chunks(ids):
        index_products(batch, backends=backends)
        if progress:
            progress(len(batch))
    visible = set(ids)
    for backend in backends:
        backend.delete(set(backend.fingerprints()) - visible)
    return len(ids)


@dataclass
class Drift:
    backend: str
    missing: list[int] = field(default_factory=list)  # visible, not indexed
    stale: list[int] = field(default_factory=list)  # indexed with outdated content
    extra: list[int] = field(default_factory=list)  # indexed, not visible
    repaired: bool = False

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def check(
    *,
    repair: bool = True,
    backends: list[SearchBackend] | None = None,
    progress: Progress | None = None,
) -> list[Drift]:
    """Compare each index with the database by content fingerprint; repair the difference."""
    backends = backends or write_backends()
    indexed = {backend.name: backend.fingerprints() for backend in backends}
    drifts = {backend.name: Drift(backend.name) for backend in backends}
    to_write: dict[str, list[IndexedProduct]] = {backend.name: [] for backend in backends}
    expected: set[int] = set()
    for batch in visible_document_batches():
        for document in batch:
            expected.add(document.product_id)
            for backend in backends:
                have = indexed[backend.name].get(document.product_id)
                if have is None:
                    drifts[backend.name].missing.append(document.product_id)
                elif have != document.fingerprint:
                    drifts[backend.name].stale.append(document.product_id)
                else:
                    continue
                to_write[backend.name].append(document)
        if progress:
            progress(len(batch))
    for backend in backends:
        drift = drifts[backend.name]
        drift.extra = sorted(set(indexed[backend.name]) - expected)
        if repair and not drift.clean:
            documents = to_write[backend.name]
            for start in range(0, len(documents), 500):
                backend.upsert(documents[start : start + 500])
            backend.delete(drift.extra)
            drift.repaired = True
        if repair and hasattr(backend, "repair"):
            backend.repair()
        if not drift.clean:
            logger.warning(
                "Search index %s drifted: %d missing, %d stale, %d extra",
                backend.name,
                len(drift.missing),
                len(drift.stale),
                len(drift.extra),
            )
    return list(drifts.values())
