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

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet

from .. import conf, text
from ..documents import CategoryTree, IndexedProduct
from ..highlight import highlights_for
from ..models import SearchDocument, SearchVendor
from ..types import (
    MAX_RESULT_WINDOW,
    RELEVANCE,
    SearchFilters,
    SearchResult,
    SuggestionItem,
)
from . import counting, planning, vendors
from .base import Progress, SearchBackend
from .engines import ENGINES, Engine

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

    def _counted(self, qs: QuerySet, base: QuerySet, filters, tree: CategoryTree, stems=()) -> dict:
        limit = conf.exact_limit()
        return counting.counted(
            qs, base, filters, tree, limit=limit, engine=self.engine, stems=stems
        )

    def search(self, query, filters, *, sort, page, page_size, tree):
        base = self._filtered(filters)

        def count(qs, stems=()):
            return self._counted(qs, base, filters, tree, stems)

        chosen = planning.plan(self.engine, base, query, count)
        total = chosen.totals["total"]
        offset = (page - 1) * page_size
        fields = ("pk", "name", "description")
        rows = []
        # An estimated total may fall short of the matches: pages past it are still served.
        window = MAX_RESULT_WINDOW if chosen.totals["estimated"] else min(total, MAX_RESULT_WINDOW)
        if total and offset < window:
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
        """Names starting with the first word come first, then names with it further in; each
        group in folded alphabetical order. The first group is read in the order of an index
        on the folded name (PostgreSQL: byte order, migration 0004), stopping at `limit`, so a
        prefix in half the catalogue costs what a rare one does; the second group is read only
        when the first does not fill the list."""
        if not prefix.words:
            return []
        condition = Q()
        for word in prefix.words[1:]:
            condition &= _word_prefix("name_folded", word)
        first = prefix.words[0]
        docs = SearchDocument.objects.filter(condition).annotate(
            key=self.engine.sortable("name_folded")
        )
        fields = ("slug", "name")
        rows = list(
            docs.filter(key__startswith=first).order_by("key", "pk").values_list(*fields)[:limit]
        )
        if len(rows) < limit:
            inside = docs.filter(name_folded__contains=f" {first}").exclude(key__startswith=first)
            rows += list(inside.order_by("key", "pk").values_list(*fields)[: limit - len(rows)])
        return [SuggestionItem("product", slug, name) for slug, name in rows]

    def suggest_vendors(self, prefix, *, limit):
        if not prefix.words:
            return []
        condition = Q()
        for word in prefix.words:
            condition &= _word_prefix("name_folded", word)
        rows = (
            SearchVendor.objects.filter(condition)
            .order_by("name", "slug")
            .values_list("slug", "name")[:limit]
        )
        return [SuggestionItem("vendor", slug, name) for slug, name in rows]

    # Writes -----------------------------------------------------------------------------------

    def _write(self, documents: list[IndexedProduct], *, insert_only: bool = False) -> None:
        rows = [_row(d) for d in documents]
        touched = {d.vendor_slug for d in documents}
        if not insert_only:  # a listing may have moved vendors: both are recounted
            touched |= vendors.slugs_of(d.product_id for d in documents)
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
        if not insert_only:
            vendors.refresh(touched)

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
            slugs = vendors.slugs_of(ids)
            SearchDocument.objects.filter(pk__in=ids).delete()
            self.engine.deleted(ids)
            vendors.refresh(slugs)

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
            vendors.refresh()
        return count

    def repair(self) -> int:
        vendors.refresh()
        return self.engine.repair()
