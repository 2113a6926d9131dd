"""Per-request, synchronous batching loaders.

Why not the usual (promise-based) DataLoader: graphene-django's view executes synchronously, so
a resolver must return its value at once and cannot wait for its siblings to ask too. Batching
therefore has to know the siblings up front. List and connection resolvers register the page
of objects they return (`register_siblings`); when a child resolver asks a loader for the value
of one of them (`load_for`), the loader fetches the keys of the whole page in one batch, and
the other siblings then hit the cache. A list of N products resolving `vendor` runs one query
for the products and one for their vendors, whatever N is.

Loaded values are registered as siblings of each other in turn, so the next level down
(product -> vendor -> municipality) batches too.

Everything lives on `info.context` (the Django request): nothing is shared between requests,
so a loader can never serve one user's data to another.

    class VendorByIdLoader(DataLoader):
        context_key = "vendor_by_id"

        def batch_load(self, keys):
            vendors = vendor_map_by_ids(ids=keys)  # a selector
            return [vendors.get(key) for key in keys]

    def resolve_vendor(root, info):
        return VendorByIdLoader(info.context).load_for(root, key=lambda p: p.vendor_id)
"""

from collections.abc import Callable, Hashable, Iterable
from typing import Any

_LOADERS_ATTR = "_graphql_dataloaders"
_SIBLINGS_ATTR = "_graphql_siblings"


def _store(context, attr: str) -> dict:
    store = getattr(context, attr, None)
    if store is None:
        store = {}
        setattr(context, attr, store)
    return store


def register_siblings(context, instances: Iterable[Any]) -> list[Any]:
    """Remember that `instances` were returned together; returns them as a list, so a resolver
    can end with `return register_siblings(info.context, queryset)`."""
    group = list(instances)
    siblings = _store(context, _SIBLINGS_ATTR)
    # Keyed by identity: model equality is by primary key, and two instances of one row may
    # belong to different pages. The group holds the objects, so their ids stay unique.
    for instance in group:
        siblings[id(instance)] = group
    return group


def siblings_of(context, instance: Any) -> list[Any]:
    return _store(context, _SIBLINGS_ATTR).get(id(instance)) or [instance]


class DataLoader:
    """Subclasses set a unique `context_key` and implement `batch_load`.

    `variant` tells apart loaders of one kind that load differently (for instance only some
    columns, see marketplace.graphql.selection): each variant has its own cache, so an object
    loaded narrowly never answers a request for the whole row."""

    context_key: str = ""

    def __init__(self, context, variant: Hashable = None):
        if not self.context_key:
            raise TypeError(f"{type(self).__name__} needs a context_key")
        self.context = context
        self.variant = variant
        key = self.context_key if variant is None else (self.context_key, variant)
        self.cache: dict[Hashable, Any] = _store(context, _LOADERS_ATTR).setdefault(key, {})

    def batch_load(self, keys: list[Hashable]) -> list[Any]:
        """Values for `keys`, in the same order (None where there is none)."""
        raise NotImplementedError

    def load(self, key: Hashable) -> Any:
        return self.load_many([key])[0]

    def load_many(self, keys: Iterable[Hashable]) -> list[Any]:
        keys = list(keys)
        missing = list(dict.fromkeys(key for key in keys if key not in self.cache))
        if missing:
            values = self.batch_load(missing)
            if len(values) != len(missing):
                raise ValueError(
                    f"{type(self).__name__}.batch_load returned {len(values)} values "
                    f"for {len(missing)} keys"
                )
            self.cache.update(zip(missing, values, strict=True))
            register_siblings(self.context, _flatten(values))
        return [self.cache[key] for key in keys]

    def load_for(self, root: Any, key: Callable[[Any], Hashable | None]) -> Any:
        """The value for `key(root)`, batching the keys of every sibling of `root`."""
        wanted = key(root)
        if wanted is None:
            return None
        if wanted not in self.cache:
            keys = (key(sibling) for sibling in siblings_of(self.context, root))
            self.load_many([k for k in keys if k is not None])
        return self.cache[wanted]

    def prime(self, key: Hashable, value: Any) -> None:
        """Seed the cache with a value already at hand; a cached value is kept."""
        self.cache.setdefault(key, value)


def _flatten(values: list[Any]) -> list[Any]:
    # One-to-many loaders return a list per key; their items are the siblings.
    flat: list[Any] = []
    for value in values:
        if isinstance(value, list | tuple):
            flat.extend(value)
        elif value is not None:
            flat.append(value)
    return flat
