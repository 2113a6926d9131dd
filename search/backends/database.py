"""The default backend: search inside the project's own database.

The document table, filters, facets, sorting, pagination and suggestions are plain ORM and
shared; how text matches and ranks is an engine per database:

- PostgreSQL: a stored weighted tsvector (`spanish_unaccent`: accents removed, then Snowball
  Spanish), matched with to_tsquery and ordered by ts_rank; pg_trgm finds the closest words for
  a query that matches nothing.
- SQLite: an FTS5 table holding Snowball stems computed in Python, ordered by bm25; its
  vocabulary (fts5vocab) gives the closest words for a query that matches nothing.
"""

import difflib
from collections.abc import Iterable

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Case, Count, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Greatest

from catalog.models import Product

from .. import text
from ..documents import CategoryTree, IndexedProduct
from ..highlight import highlights_for
from ..models import SearchDocument
from ..query import ParsedQuery, parse_query
from ..types import (
    MAX_RESULT_WINDOW,
    PRICE_RANGES,
    RELEVANCE,
    FacetValue,
    SearchFilters,
    SearchResult,
    SuggestionItem,
)
from .base import Progress, SearchBackend

# In-stock items rank a little higher among equally relevant ones, never above a better match.
IN_STOCK_BOOST = 1.2
VENDOR_FACET_SIZE = 20
# How close (difflib ratio) a known word must be to replace an unknown query word.
SUGGESTION_CUTOFF = 0.75
_IN_CHUNK = 500

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


class Engine:
    """How one database matches, ranks and writes full text."""

    def match(self, qs: QuerySet, query: ParsedQuery) -> QuerySet:
        raise NotImplementedError

    def ranked(self, qs: QuerySet, query: ParsedQuery) -> QuerySet:
        """`qs` (already matched) annotated with `score`, higher is better."""
        raise NotImplementedError

    def candidates(self, word: str) -> list[str]:
        """Known folded words that may be what `word` meant to be."""
        raise NotImplementedError

    def written(self, documents: list[IndexedProduct]) -> None:
        """Rows for these documents were just inserted or updated."""

    def deleted(self, product_ids: list[int]) -> None:
        """Rows for these ids were just deleted."""

    def cleared(self) -> None:
        """Every row was just deleted."""

    def repair(self) -> int:
        """Remove engine-side leftovers; return how many."""
        return 0


class PostgresEngine(Engine):
    config = "spanish_unaccent"
    # word_similarity above which a known word is worth comparing with an unknown one.
    trigram_threshold = 0.4

    def _tsquery(self, query: ParsedQuery) -> SearchQuery:
        # Words are letters and digits only (see query.parse_query), so quoting each one is
        # enough to keep user input from being read as tsquery syntax. PostgreSQL stems them.
        groups = [
            "(" + " | ".join(f"'{w}'" for w in text.expand_word(word)) + ")" for word in query.words
        ]
        return SearchQuery(" & ".join(groups), search_type="raw", config=self.config)

    def match(self, qs, query):
        return qs.filter(search_vector=self._tsquery(query))

    def ranked(self, qs, query):
        boost = Case(
            When(in_stock=True, then=Value(IN_STOCK_BOOST)),
            default=Value(1.0),
            output_field=FloatField(),
        )
        return qs.annotate(score=SearchRank(F("search_vector"), self._tsquery(query)) * boost)

    def candidates(self, word):
        rows = (
            SearchDocument.objects.annotate(
                similarity=Greatest(
                    TrigramWordSimilarity(Value(word), "name_folded"),
                    TrigramWordSimilarity(Value(word), "vendor_name_folded"),
                )
            )
            .filter(similarity__gte=self.trigram_threshold)
            .order_by("-similarity")
            .values_list("name_folded", "vendor_name_folded")[:10]
        )
        return [w for row in rows for column in row for w in column.split()]

    def written(self, documents):
        ids = [d.product_id for d in documents]
        SearchDocument.objects.filter(pk__in=ids).update(
            search_vector=SearchVector("name", weight="A", config=self.config)
            + SearchVector("meta_text", weight="B", config=self.config)
            + SearchVector("description", weight="C", config=self.config)
        )


class SqliteEngine(Engine):
    table = "search_fts"

    def _match_expression(self, query: ParsedQuery) -> str:
        # Stems are letters and digits only, quoted: nothing typed can become FTS5 syntax.
        groups = [
            "(" + " OR ".join(f'"{s}"' for s in text.expand(stem_)) + ")" for stem_ in query.stems
        ]
        return "{name meta body} : (" + " AND ".join(groups) + ")"

    def match(self, qs, query):
        return qs.filter(fts__match=self._match_expression(query))

    def ranked(self, qs, query):
        # FTS5's rank is bm25, negative, lower is better: flip it so higher is better.
        boost = Case(
            When(in_stock=True, then=Value(IN_STOCK_BOOST)),
            default=Value(1.0),
            output_field=FloatField(),
        )
        return qs.annotate(score=-F("fts__rank") * boost)

    def candidates(self, word):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM search_fts_vocab WHERE col = 'vocab'"
                " AND length(term) BETWEEN %s AND %s",
                [max(len(word) - 2, 1), len(word) + 2],
            )
            return [term for (term,) in cursor.fetchall()]

    def written(self, documents):
        self.deleted([d.product_id for d in documents])
        rows = [
            (
                d.product_id,
                " ".join(text.words(f"{d.name} {d.meta_text}")),
                " ".join(text.stems(d.name)),
                " ".join(text.stems(d.meta_text)),
                " ".join(text.stems(d.description)),
            )
            for d in documents
        ]
        # Multi-row INSERTs rather than executemany(): cursor wrappers that log SQL (the
        # GraphQL debug tracker) cannot format executemany's parameter lists.
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 100):
                chunk = rows[start : start + 100]
                values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
                cursor.execute(
                    f"INSERT INTO {self.table}(rowid, vocab, name, meta, body)"  # noqa: S608
                    f" VALUES {values}",
                    [value for row in chunk for value in row],
                )

    def deleted(self, product_ids):
        with connection.cursor() as cursor:
            for start in range(0, len(product_ids), _IN_CHUNK):
                chunk = product_ids[start : start + _IN_CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"DELETE FROM {self.table} WHERE rowid IN ({marks})",  # noqa: S608
                    chunk,
                )

    def cleared(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")  # noqa: S608

    def repair(self):
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {self.table} WHERE rowid NOT IN"  # noqa: S608
                " (SELECT product_id FROM search_searchdocument)"
            )
            return max(cursor.rowcount, 0)


ENGINES = {"postgresql": PostgresEngine, "sqlite": SqliteEngine}


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

    def _spelling(self, query: ParsedQuery) -> str | None:
        """The query as typed with each unknown word replaced by the closest known one, or None
        when every word is known (a word is known when a known word shares its stem)."""
        corrections = {}
        for word in query.words:
            if len(word) < 3 or word.isdigit():
                continue
            candidates = set(self.engine.candidates(word))
            if text.stem(word) in {text.stem(c) for c in candidates}:
                continue
            best = difflib.get_close_matches(word, candidates, n=1, cutoff=SUGGESTION_CUTOFF)
            if best:
                corrections[word] = best[0]
        if not corrections:
            return None
        return " ".join(corrections.get(text.fold(term), term) for term in query.terms)

    def search(self, query, filters, *, sort, page, page_size, tree):
        base = self._filtered(filters)
        suggestion, corrected = None, False
        matched = base if query.is_empty else self.engine.match(base, query)
        total, facets = self._facets(matched, filters, tree)
        if total == 0 and not query.is_empty:
            suggestion = self._spelling(query)
            if suggestion:
                # Typo tolerance: show what the corrected words find, and say so.
                corrected_query = parse_query(suggestion)
                corrected_matches = self.engine.match(base, corrected_query)
                corrected_total, corrected_facets = self._facets(corrected_matches, filters, tree)
                if corrected_total:
                    query, matched, corrected = corrected_query, corrected_matches, True
                    total, facets = corrected_total, corrected_facets

        if sort == RELEVANCE and not query.is_empty:
            ordered = self.engine.ranked(matched, query).order_by(
                F("score").desc(), F("published_at").desc(nulls_last=True), "-pk"
            )
        elif sort == "price_asc":
            ordered = matched.order_by(F("min_price").asc(nulls_last=True), "-pk")
        elif sort == "price_desc":
            ordered = matched.order_by(F("min_price").desc(nulls_last=True), "-pk")
        else:
            ordered = matched.order_by(F("published_at").desc(nulls_last=True), "-pk")

        offset = (page - 1) * page_size
        rows = []
        if total and offset < min(total, MAX_RESULT_WINDOW):
            rows = list(
                ordered.values_list("pk", "name", "description")[offset : offset + page_size]
            )
        return SearchResult(
            query="",
            product_ids=[row[0] for row in rows],
            total=total,
            page=page,
            page_size=page_size,
            facets=facets,
            highlights=highlights_for(rows, query.stems) if not query.is_empty else {},
            suggestion=suggestion,
            corrected=corrected,
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
