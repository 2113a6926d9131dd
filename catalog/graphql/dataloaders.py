"""Per-request loaders for catalogue relations (see marketplace.graphql.dataloaders): a page of
products costs one query per relation, whatever its length.

Selectors prefetch some relations already (images on the public listing, variants and images on
a vendor's own list). Those are used as they are, but registered as one sibling group per page,
so that the next level down (a variant's stock access) batches across the page too.
"""

from catalog import selectors
from catalog.models import Product, ProductVariant
from marketplace.graphql.dataloaders import DataLoader, register_siblings, siblings_of
from marketplace.graphql.selection import model_columns
from vendors.graphql.dataloaders import prefetched


def _user(context):
    return getattr(context, "user", None)


class VendorByIdLoader(DataLoader):
    context_key = "catalog.vendor_by_id"

    def batch_load(self, keys):
        vendors = selectors.vendors_by_id(vendor_ids=keys, fields=self.variant)
        return [vendors.get(key) for key in keys]


class VariantsByProductLoader(DataLoader):
    context_key = "catalog.variants_by_product"
    prefetch_name = "variants"

    def batch_load(self, keys):
        variants = selectors.variants_by_product(product_ids=keys)
        return [variants[key] for key in keys]


class ImagesByProductLoader(DataLoader):
    context_key = "catalog.images_by_product"
    prefetch_name = "images"

    def batch_load(self, keys):
        images = selectors.images_by_product(product_ids=keys, fields=self.variant)
        return [images[key] for key in keys]


class ServiceMunicipalitiesByProductLoader(DataLoader):
    context_key = "catalog.service_municipalities_by_product"
    prefetch_name = "service_municipalities"

    def batch_load(self, keys):
        municipalities = selectors.service_municipalities_by_product(product_ids=keys)
        return [municipalities[key] for key in keys]


class StockAccessLoader(DataLoader):
    """Vendor id -> whether the requesting user may read the vendor's stock figures."""

    context_key = "catalog.stock_access"

    def batch_load(self, keys):
        allowed = selectors.vendor_ids_with_membership(user=_user(self.context), vendor_ids=keys)
        return [key in allowed for key in keys]


class PendingRevisionLoader(DataLoader):
    """Product id -> its pending revision, when the requesting user may read it."""

    context_key = "catalog.pending_revision"

    def batch_load(self, keys):
        found = selectors.pending_revisions_for(user=_user(self.context), product_ids=keys)
        return [found.get(key) for key in keys]


class RevisionChangesLoader(DataLoader):
    """Revision id -> its field-by-field changes."""

    context_key = "catalog.revision_changes"

    def batch_load(self, keys):
        from catalog.models import ProductRevision
        from catalog.revisions import revision_diffs

        revisions = ProductRevision.objects.select_related("product").filter(pk__in=keys)
        diffs = revision_diffs(list(revisions))
        return [diffs.get(key, []) for key in keys]


def pending_revision_of(info, product: Product):
    return PendingRevisionLoader(info.context).load_for(product, key=lambda p: p.pk)


def revision_changes_of(info, revision) -> list:
    """Computed once for every revision the page's products loaded, not one by one."""
    from catalog.revisions import revision_diffs

    loader = RevisionChangesLoader(info.context)
    if revision.pk not in loader.cache:
        pending = {
            r.pk: r for r in PendingRevisionLoader(info.context).cache.values() if r is not None
        }
        pending.setdefault(revision.pk, revision)
        missing = [r for pk, r in pending.items() if pk not in loader.cache]
        for pk, changes in revision_diffs(missing).items():
            loader.prime(pk, changes)
    return loader.cache[revision.pk]


class CategoryIndex:
    """The whole category tree in memory: it is small, and read on nearly every page."""

    def __init__(self, categories):
        self.by_id = {category.pk: category for category in categories}
        self.children: dict[int | None, list] = {}
        for category in categories:
            self.children.setdefault(category.parent_id, []).append(category)

    def level(self, category) -> int:
        level, parent_id, seen = 0, category.parent_id, set()
        while parent_id is not None and parent_id not in seen:  # a cycle must not hang a request
            seen.add(parent_id)
            level += 1
            parent = self.by_id.get(parent_id)
            parent_id = parent.parent_id if parent is not None else None
        return level


class CategoryIndexLoader(DataLoader):
    context_key = "catalog.category_index"
    KEY = "tree"

    def batch_load(self, keys):
        index = CategoryIndex(selectors.category_list())
        return [index for _key in keys]


def category_index(info) -> CategoryIndex:
    return CategoryIndexLoader(info.context).load(CategoryIndexLoader.KEY)


def _per_product(info, product: Product, loader_class, variant=None) -> list:
    loader = loader_class(info.context, variant)
    if (
        product.pk not in loader.cache
        and prefetched(product, loader_class.prefetch_name) is not None
    ):
        # The selector prefetched this relation for the whole page: take it from there, and
        # make the items of every product on the page siblings of each other.
        page_items = []
        for sibling in siblings_of(info.context, product):
            items = prefetched(sibling, loader_class.prefetch_name)
            if items is not None and sibling.pk not in loader.cache:
                loader.prime(sibling.pk, list(items))
                page_items.extend(loader.cache[sibling.pk])
        register_siblings(info.context, page_items)
    return loader.load_for(product, key=lambda p: p.pk)


def vendor_of(info, product: Product):
    # Always through the loader, even when the selector joined the vendor in: the loader's
    # vendors carry everything the Vendor type reads, and are siblings of each other, so the
    # vendors app's own loaders (delivery zones, members) batch across the page.
    # A list asking only for columns of the vendor (its name and slug, say) reads only those.
    columns = model_columns(info, info.return_type, info.field_nodes)
    return VendorByIdLoader(info.context, columns).load_for(product, key=lambda p: p.vendor_id)


def category_of(info, product: Product):
    if Product.category.is_cached(product):
        return product.category
    return category_index(info).by_id.get(product.category_id)


def variants_of(info, product: Product) -> list[ProductVariant]:
    variants = _per_product(info, product, VariantsByProductLoader)
    for variant in variants:
        # The variant's fields read its product's kind; the product is at hand.
        if not ProductVariant.product.is_cached(variant):
            variant.product = product
    return variants


def images_of(info, product: Product) -> list:
    columns = model_columns(info, info.return_type, info.field_nodes)
    return _per_product(info, product, ImagesByProductLoader, columns)


def service_municipalities_of(info, product: Product) -> list:
    return _per_product(info, product, ServiceMunicipalitiesByProductLoader)


def can_read_stock(info, variant: ProductVariant) -> bool:
    return StockAccessLoader(info.context).load_for(variant, key=lambda v: v.vendor_id)
