"""What the index holds for a product, built from the catalogue's one visibility rule.

Every backend stores the same `IndexedProduct`; the indexing pipeline builds them only from
`catalog.selectors.product_list_visible`, so a product that is not visible has no document.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime

from catalog.models import Category
from catalog.selectors import product_list_visible

from . import conf, text


class CategoryTree:
    """The whole (small) category tree from one query: paths for documents, levels for facets."""

    def __init__(self, rows: Iterable[tuple[int, str, str, int | None]] | None = None):
        if rows is None:
            rows = Category.objects.order_by("position", "name").values_list(
                "pk", "slug", "name", "parent_id"
            )
        self.by_id: dict[int, tuple[str, str, int | None]] = {}
        self.children: dict[int | None, list[int]] = {}
        for pk, slug, name, parent_id in rows:
            self.by_id[pk] = (slug, name, parent_id)
            self.children.setdefault(parent_id, []).append(pk)
        self.id_by_slug = {slug: pk for pk, (slug, _, _) in self.by_id.items()}

    def path(self, category_id: int) -> list[int]:
        """Root first, the category last. Guards against a cycle in bad data."""
        path, seen, current = [], set(), category_id
        while current is not None and current in self.by_id and current not in seen:
            seen.add(current)
            path.append(current)
            current = self.by_id[current][2]
        return path[::-1]

    def slug(self, category_id: int) -> str:
        return self.by_id[category_id][0]

    def name(self, category_id: int) -> str:
        return self.by_id[category_id][1]

    def facet_level(self, selected_slug: str) -> list[int]:
        """Which categories a facet lists: the roots when none is selected, the children of the
        selected one, or the selected one itself when it is a leaf (so its count shows)."""
        if not selected_slug:
            return list(self.children.get(None, []))
        pk = self.id_by_slug.get(selected_slug)
        if pk is None:
            return []
        return list(self.children.get(pk, [])) or [pk]

    def descendant_ids(self, category_id: int) -> list[int]:
        found, stack = [], [category_id]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(self.children.get(current, []))
        return found


@dataclass(frozen=True)
class IndexedProduct:
    product_id: int
    slug: str
    name: str
    description: str
    kind: str
    category_slug: str
    category_name: str
    # Root first, e.g. ("alimentos-y-bebidas", "comida-preparada"): a category filter or facet
    # matches any level, so a parent includes its descendants.
    category_path: tuple[str, ...]
    category_names: tuple[str, ...]
    vendor_slug: str
    vendor_name: str
    municipality_slug: str
    municipality_name: str
    min_price: int | None
    in_stock: bool
    published_at: datetime | None

    @property
    def meta_text(self) -> str:
        """Second-rank text: where it is filed, who sells it and where."""
        return " ".join([*self.category_names, self.vendor_name, self.municipality_name])

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything indexed changes: how `check` finds stale documents and
        how re-indexing skips writes that would change nothing (every sale adjusts stock)."""
        data = asdict(self)
        # A change in how text is analysed changes every fingerprint, so `search_index check`
        # re-indexes what an older analysis wrote.
        data["analysis"] = text.ANALYSIS_VERSION
        data["published_at"] = self.published_at.isoformat() if self.published_at else None
        payload = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha1(payload.encode(), usedforsecurity=False).hexdigest()

    @property
    def name_folded(self) -> str:
        return " ".join(text.words(self.name))


def _document(product, tree: CategoryTree) -> IndexedProduct:
    path = tree.path(product.category_id) or [product.category_id]
    municipality = product.vendor.enrollment.municipality
    return IndexedProduct(
        product_id=product.pk,
        slug=product.slug,
        name=product.name,
        description=product.description or "",
        kind=product.kind,
        category_slug=product.category.slug,
        category_name=product.category.name,
        category_path=tuple(tree.slug(pk) for pk in path if pk in tree.by_id)
        or (product.category.slug,),
        category_names=tuple(tree.name(pk) for pk in path if pk in tree.by_id)
        or (product.category.name,),
        vendor_slug=product.vendor.slug,
        vendor_name=product.vendor.display_name,
        municipality_slug=municipality.slug if municipality else "",
        municipality_name=municipality.name if municipality else "",
        min_price=product.min_price,
        in_stock=bool(product.is_available),
        published_at=product.published_at,
    )


def visible_documents(
    product_ids: Iterable[int], *, tree: CategoryTree | None = None
) -> list[IndexedProduct]:
    """Documents for those of `product_ids` that are visible now (one query, plus the tree)."""
    ids = sorted({int(pk) for pk in product_ids})
    if not ids:
        return []
    tree = tree or CategoryTree()
    products = product_list_visible().prefetch_related(None).filter(pk__in=ids).order_by("pk")
    return [_document(product, tree) for product in products]


def visible_product_ids() -> list[int]:
    return list(product_list_visible().order_by("pk").values_list("pk", flat=True))


def chunks(ids: list[int], size: int | None = None) -> Iterator[list[int]]:
    size = size or conf.batch_size()
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def visible_document_batches(
    ids: list[int] | None = None, *, tree: CategoryTree | None = None
) -> Iterator[list[IndexedProduct]]:
    """Every visible product's document, in batches: what a rebuild streams into an index."""
    tree = tree or CategoryTree()
    for batch in chunks(visible_product_ids() if ids is None else ids):
        yield visible_documents(batch, tree=tree)
