"""Events the catalogue publishes for the apps above it (search, orders, pages).

Services publish them inside their transaction; subscribers run after commit (see
marketplace.core.events). Payloads carry ids only: a subscriber reads the current state itself,
so a late or repeated delivery can never apply stale data.
"""

from dataclasses import dataclass

from marketplace.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class ProductChanged(DomainEvent):
    """Anything a buyer can see about a product may have changed: its fields, status, variants,
    prices or stock."""

    name = "catalog.product_changed"
    product_id: int


@dataclass(frozen=True, kw_only=True)
class ProductsChanged(DomainEvent):
    """A batch of products changed at once (imports, bulk edits): one event instead of many."""

    name = "catalog.products_changed"
    product_ids: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class CategoryRenamed(DomainEvent):
    """A category's name or slug changed: every product filed under it (or below it) shows it."""

    name = "catalog.category_renamed"
    category_id: int


@dataclass(frozen=True, kw_only=True)
class ProductImageStored(DomainEvent):
    """A product photo was uploaded with the renditions a page needs at once; the narrower and
    intermediate widths follow in the background."""

    name = "catalog.product_image_stored"
    image_id: int
