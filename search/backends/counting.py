"""Totals and facets of the database backend, from one bounded read.

The newest `limit + 1` matches are read once, with only the columns facets need. When that
read comes back short, it *is* the whole match set: the total and every facet are exact,
counted here in Python. When it does not (a word in half the catalogue, or browsing
everything), counting all matches would cost more than the page is worth: the total is the
engine's estimate and the facets are the newest `limit` matches' counts scaled to it, flagged
`estimated` so pages and the API say "about".

One query for an exact answer and at most two for an estimated one (the read and the
planner's estimate), whatever the catalogue's size: before, facets took three aggregate
queries over the whole match set or over a list of a thousand ids.
"""

from bisect import bisect_right
from collections import Counter
from dataclasses import replace

from django.db.models import QuerySet

from catalog.models import Product

from ..documents import CategoryTree
from ..types import PRICE_RANGES, FacetValue, SearchFilters

VENDOR_FACET_SIZE = 20
# PRICE_RANGES are contiguous, in order (tests/search/test_services.py checks): a price's band
# is found by bisecting their bounds.
_BAND_BOUNDS = [band.low for band in PRICE_RANGES[1:]]
_BAND_KEYS = [band.key for band in PRICE_RANGES]
COLUMNS = (
    "pk",
    "category_path",
    "kind",
    "min_price",
    "municipality_slug",
    "municipality_name",
    "vendor_slug",
    "vendor_name",
)


def _facets(rows, filters: SearchFilters, tree: CategoryTree) -> dict[str, list[FacetValue]]:
    """The facets of `rows`, ordered as the SQL aggregates ordered them: categories in tree
    order, municipalities and vendors by count then name, kinds and prices in their order."""
    level = [(tree.slug(pk), tree.name(pk)) for pk in tree.facet_level(filters.category)]
    # Counted per distinct value first (C-speed Counters over the columns), then mapped onto
    # facet values: a thousand rows hold a few dozen category paths and prices.
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(COLUMNS)
    paths, kinds, price_counts = Counter(columns[1]), Counter(columns[2]), Counter(columns[3])
    municipalities = Counter(pair for pair in zip(columns[4], columns[5], strict=True) if pair[0])
    vendors = Counter(zip(columns[6], columns[7], strict=True))
    categories, prices = Counter(), Counter()
    shown = {slug for slug, _name in level}
    for path, n in paths.items():
        # "/root/child/": a category holds the listing when it is one of the path's slugs.
        for slug in shown.intersection(path.split("/")):
            categories[slug] += n
    for price, n in price_counts.items():
        if price is not None:
            prices[_BAND_KEYS[bisect_right(_BAND_BOUNDS, price)]] += n

    def value(facet, slug, label, count):
        return FacetValue(slug, label, count, selected=filters.selected(facet) == slug)

    def by_count(counter):
        return sorted(counter.items(), key=lambda item: (-item[1], item[0][1]))

    return {
        "category": [
            value("category", slug, name, categories[slug])
            for slug, name in level
            if categories[slug]
        ],
        "municipality": [
            value("municipality", slug, name, n) for (slug, name), n in by_count(municipalities)
        ],
        "vendor": [
            value("vendor", slug, name, n)
            for (slug, name), n in by_count(vendors)[:VENDOR_FACET_SIZE]
        ],
        "kind": [
            value("kind", kind.value, str(kind.label), kinds[kind.value])
            for kind in Product.Kind
            if kinds[kind.value]
        ],
        "price": [
            value("price", band.key, band.label, prices[band.key])
            for band in PRICE_RANGES
            if prices[band.key]
        ],
    }


def counted(
    qs: QuerySet,
    base: QuerySet,
    filters: SearchFilters,
    tree: CategoryTree,
    *,
    limit,
    engine,
    stems: tuple[str, ...] = (),
):
    """`{"total", "facets", "estimated", "exact", "newest", "named"}` for the matches `qs`
    (within the filtered `base`) of `stems`; `newest` holds the ids read, newest first, and
    `named` those of them whose name holds the words, when the engine can tell (None
    otherwise): a frequent word's ranking starts from them."""
    ordered, guessed = engine.newest(qs, base, limit + 1)
    flagged = engine.flag_named(ordered, stems) if stems else None
    if flagged is None:
        rows = list(ordered.values_list(*COLUMNS)[: limit + 1])
        named = None
    else:
        rows = list(flagged.values_list(*COLUMNS, "name_hit")[: limit + 1])
        named = [row[0] for row in rows[:limit] if row[-1]]
    newest = [row[0] for row in rows[:limit]]
    if len(rows) <= limit:
        return {
            "total": len(rows),
            "facets": _facets(rows, filters, tree),
            "estimated": False,
            "exact": True,
            "newest": newest,
            "named": named,
        }
    sample = rows[:limit]
    total = max(engine.estimate(qs) if guessed is None else guessed, len(rows))
    scale = total / len(sample)
    facets = {
        name: [replace(v, count=max(round(v.count * scale), 1)) for v in values]
        for name, values in _facets(sample, filters, tree).items()
    }
    return {
        "total": total,
        "facets": facets,
        "estimated": True,
        "exact": False,
        "newest": newest,
        "named": named,
    }
