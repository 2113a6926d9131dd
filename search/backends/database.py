"""The default backend: search inside the project's own database.

The document table, filters, facets, sorting, pagination and suggestions are plain ORM and
shared; how text matches and ranks is an engine per database:

- PostgreSQL: a stored weighted tsvector of the terms Python computes (search.text: folded,
  stop words dropped, plural folded, Snowball stem) in the `simple` configuration, matched with
  to_tsquery and ordered by ts_rank; pg_trgm finds the closest words for an unknown word.
- SQLite: an FTS5 table holding the same terms, ordered by bm25; its vocabulary (fts5vocab)
  gives the closest words for an unknown word.

See engines.py for the two engines and planning.py for what is searched when the words as
typed find nothing, and for the bounded ranking of very frequent words.
"""

from collections.abc import Iterable
from dataclasses import replace

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Case, Count, F, Q, QuerySet, Value, When

from catalog.models import Product

from .. import conf, text
from ..documents import CategoryTree, IndexedProduct
from ..highlight import highlights_for
from ..models import SearchDocument
from ..types import (
    MAX_RESULT_WINDOW,
    PRICE_RANGES,
    RELEVANCE,
    FacetValue,
    SearchFilters,
    SearchResult,
    SuggestionItem,
)
from . import planning
from .base import Progress, SearchBackend
from .engines import ENGINES, Engine

VENDOR_FACET_SIZE = 20

DOCUMENT_FIELDS = [
    "slug",
    "name",
    "name_folded",
    "description",
    "kind",
    "category_slug",
    "category_name",
    "category_path",
    "meta_text",
    "vendor_slug",
    "vendor_name",
    "vendor_name_folded",
    "municipality_slug",
    "municipality_name",
    "min_price",
    "in_stock",
    "published_at",
    "fingerprint",
    "indexed_at",
]


def _row(document: IndexedProduct) -> SearchDocument:
    return SearchDocument(
        product_id=document.product_id,
        slug=document.slug,
        name=document.name,
        name_folded=document.name_folded,
        description=document.description,
        kind=document.kind,
        category_slug=document.category_slug,
        category_name=document.category_name,
        category_path="/" + "/".join(document.category_path) + "/",
        meta_text=document.meta_text,
        vendor_slug=document.vendor_slug,
        vendor_name=document.vendor_name,
        vendor_name_folded=" ".join(text.words(document.vendor_name)),
        municipality_slug=document.municipality_slug,
        municipality_name=document.municipality_name,
        min_price=document.min_price,
        in_stock=document.in_stock,
        published_at=document.published_at,
        fingerprint=document.fingerprint,
    )


def _word_prefix(field: str, word: str) -> Q:
    """`word` starts one of the words of a folded, single-spaced column."""
    return Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})


SORT_ORDERS = {
    "price_asc": (F("min_price").asc(nulls_last=True), "-pk"),
    "price_desc": (F("min_price").desc(nulls_last=True), "-pk"),
}


class DatabaseBackend(SearchBackend):
    name = "database"

    def __init__(self):
        engine = ENGINES.get(connection.vendor)
        if engine is None:
            raise ImproperlyConfigured(
                f"The database search backend supports PostgreSQL and SQLite, not "
                f"{connection.vendor}; set ELASTICSEARCH_URL to use Elasticsearch."
            )
        self.engine: Engine = engine()

    # Reads ------------------------------------------------------------------------------------

    def _filtered(self, filters: SearchFilters) -> QuerySet:
        qs = SearchDocument.objects.all()
        if filters.category:
            qs = qs.filter(category_path__contains=f"/{filters.category}/")
        if filters.municipality:
            qs = qs.filter(municipality_slug=filters.municipality)
        if filters.vendor:
            qs = qs.filter(vendor_slug=filters.vendor)
        if filters.kind:
            qs = qs.filter(kind=filters.kind)
        low, high = filters.price_bounds()
        if low is not None:
            qs = qs.filter(min_price__gte=low)
        if high is not None:
            qs = qs.filter(min_price__lt=high)
        if filters.in_stock:
            qs = qs.filter(in_stock=True)
        return qs

    def _facets(
        self, qs: QuerySet, filters: SearchFilters, tree: CategoryTree
    ) -> tuple[int, dict[str, list[FacetValue]]]:
        """The total and every facet over the same filtered set: each count is exactly what
        selecting that value would return. Three queries whatever the page or catalogue size."""
        level = tree.facet_level(filters.category)
        aggregates = {"total": Count("pk")}
        for i, pk in enumerate(level):
            aggregates[f"category_{i}"] = Count(
                "pk", filter=Q(category_path__contains=f"/{tree.slug(pk)}/")
            )
        for kind in Product.Kind:
            aggregates[f"kind_{kind.value}"] = Count("pk", filter=Q(kind=kind.value))
        for i, band in enumerate(PRICE_RANGES):
            condition = Q(min_price__isnull=False)
            if band.low is not None:
                condition &= Q(min_price__gte=band.low)
            if band.high is not None:
                condition &= Q(min_price__lt=band.high)
            aggregates[f"price_{i}"] = Count("pk", filter=condition)
        counts = qs.aggregate(**aggregates)
        total = counts["total"]

        def value(facet, slug, label, count):
            return FacetValue(slug, label, count, selected=filters.selected(facet) == slug)

        facets = {
            "category": [
                value("category", tree.slug(pk), tree.name(pk), counts[f"category_{i}"])
                for i, pk in enumerate(level)
                if counts[f"category_{i}"]
            ],
            "municipality": [],
            "vendor": [],
            "kind": [
                value("kind", kind.value, str(kind.label), counts[f"kind_{kind.value}"])
                for kind in Product.Kind
                if counts[f"kind_{kind.value}"]
            ],
            "price": [
                value("price", band.key, band.label, counts[f"price_{i}"])
                for i, band in enumerate(PRICE_RANGES)
                if counts[f"price_{i}"]
            ],
        }
        if total:
            facets["municipality"] = [
                value("municipality", row["municipality_slug"], row["municipality_name"], row["n"])
                for row in qs.exclude(municipality_slug="")
                .values("municipality_slug", "municipality_name")
                .annotate(n=Count("pk"))
                .order_by("-n", "municipality_name")
            ]
            facets["vendor"] = [
                value("vendor", row["vendor_slug"], row["vendor_name"], row["n"])
                for row in qs.values("vendor_slug", "vendor_name")
                .annotate(n=Count("pk"))
                .order_by("-n", "vendor_name")[:VENDOR_FACET_SIZE]
            ]
        return total, facets

    def _counted(self, qs: QuerySet, filters: SearchFilters, tree: CategoryTree) -> dict:
        """The total and facets of `qs`: exact up to SEARCH_EXACT_LIMIT matches. Past it (a word
        in half the catalogue, or browsing everything) counting every match costs more than a
        page is worth: the total is the planner's estimate and the facets are counted over the
        newest matches and scaled to it, flagged `estimated`."""
        limit = conf.exact_limit()
        probe = qs.values("pk")[: limit + 1].count()
        if probe <= limit:
            total, facets = self._facets(qs, filters, tree)
            return {"total": total, "facets": facets, "estimated": False, "exact": True}
        # Read once: every facet query then looks these rows up by key.
        sample = list(qs.order_by(*planning.NEWEST_ORDER).values_list("pk", flat=True)[:limit])
        sampled, facets = self._facets(SearchDocument.objects.filter(pk__in=sample), filters, tree)
        total = max(self.engine.estimate(qs), probe)
        scale = total / max(sampled, 1)
        facets = {
            name: [replace(v, count=max(round(v.count * scale), 1)) for v in values]
            for name, values in facets.items()
        }
        return {
            "total": total,
            "facets": facets,
            "estimated": True,
            "exact": False,
            "newest": sample,
        }

    def search(self, query, filters, *, sort, page, page_size, tree):
        def count(qs):
            return self._counted(qs, filters, tree)

        chosen = planning.plan(self.engine, self._filtered(filters), query, count)
        total = chosen.totals["total"]
        offset = (page - 1) * page_size
        fields = ("pk", "name", "description")
        rows = []
        if total and offset < min(total, MAX_RESULT_WINDOW):
            if sort == RELEVANCE and not chosen.query.is_empty:
                rows = planning.relevance_rows(self.engine, chosen, offset, page_size, fields)
            else:
                order = SORT_ORDERS.get(sort, planning.NEWEST_ORDER)
                rows = list(
                    chosen.matched.order_by(*order).values_list(*fields)[
                        offset : offset + page_size
                    ]
                )
        return SearchResult(
            query="",
            product_ids=[row[0] for row in rows],
            total=total,
            page=page,
            page_size=page_size,
            facets=chosen.totals["facets"],
            highlights=highlights_for(rows, chosen.query.stems) if chosen.query.words else {},
            suggestion=chosen.suggestion,
            corrected=chosen.corrected,
            left_out=chosen.left_out,
            searched=chosen.query.text if chosen.left_out else "",
            partial=chosen.coverage is not None,
            estimated=chosen.totals["estimated"],
            backend=self.name,
        )

    def suggest_products(self, prefix, *, limit):
        if not prefix.words:
            return []
        condition = Q()
        for word in prefix.words:
            condition &= _word_prefix("name_folded", word)
        rows = (
            SearchDocument.objects.filter(condition)
            .annotate(
                starts=Case(
                    When(name_folded__startswith=prefix.words[0], then=Value(0)), default=Value(1)
                )
            )
            .order_by("starts", "name", "pk")
            .values_list("slug", "name")[:limit]
        )
        return [SuggestionItem("product", slug, name) for slug, name in rows]

    def suggest_vendors(self, prefix, *, limit):
        if not prefix.words:
            return []
        condition = Q()
        for word in prefix.words:
            condition &= _word_prefix("vendor_name_folded", word)
        rows = (
            SearchDocument.objects.filter(condition)
            .values_list("vendor_slug", "vendor_name")
            .distinct()
            .order_by("vendor_name", "vendor_slug")[:limit]
        )
        return [SuggestionItem("vendor", slug, name) for slug, name in rows]

    # Writes -----------------------------------------------------------------------------------

    def _write(self, documents: list[IndexedProduct], *, insert_only: bool = False) -> None:
        rows = [_row(d) for d in documents]
        if insert_only:
            SearchDocument.objects.bulk_create(rows)
        else:
            SearchDocument.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["product"],
                update_fields=DOCUMENT_FIELDS,
            )
        self.engine.written(documents)

    def upsert(self, documents):
        if not documents:
            return 0
        existing = dict(
            SearchDocument.objects.filter(pk__in=[d.product_id for d in documents]).values_list(
                "pk", "fingerprint"
            )
        )
        changed = [d for d in documents if existing.get(d.product_id) != d.fingerprint]
        if changed:
            with transaction.atomic():
                self._write(changed)
        return len(changed)

    def delete(self, product_ids: Iterable[int]):
        ids = sorted({int(pk) for pk in product_ids})
        if not ids:
            return
        with transaction.atomic():
            SearchDocument.objects.filter(pk__in=ids).delete()
            self.engine.deleted(ids)

    def fingerprints(self):
        return dict(SearchDocument.objects.values_list("pk", "fingerprint"))

    def rebuild(self, batches, *, progress: Progress | None = None):
        # One transaction: readers keep seeing the old index until the new one commits.
        count = 0
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            self.engine.cleared()
            for batch in batches:
                if batch:
                    self._write(batch, insert_only=True)
                count += len(batch)
                if progress:
                    progress(len(batch))
        return count

    def repair(self) -> int:
        return self.engine.repair()
