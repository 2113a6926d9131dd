"""How each database matches, ranks and stores full text for the database backend.

Both engines index and query the very same terms: `search.text.stem` of every folded word, stop
words dropped (one list, in Python). PostgreSQL stores them in a weighted tsvector with the
`simple` configuration, which adds no stemming or stop words of its own; SQLite stores them in an
FTS5 table. So a query means the same on both, and only the ranking formula differs (ts_rank
with weights A/B/C, bm25 with column weights), both putting name above category and vendor
above description.
"""

import json
from datetime import timedelta

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import (
    BooleanField,
    DateTimeField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Collate

from .. import text
from ..documents import IndexedProduct
from ..models import SearchDocument, SearchTerm, SqliteFtsEntry

_IN_CHUNK = 500
# Which indexed columns a match may look at: every text column, or the name alone (the
# candidates a frequent word's ranking starts from).
ALL, NAME = "all", "name"
NEWEST_ORDER = (F("published_at").desc(nulls_last=True), "-pk")
# The same order as an expression no index provides: PostgreSQL then finds the matches in the
# full-text index and sorts them, instead of walking the newest-first index and testing every
# listing's tsvector until enough match.
_SORTED_NEWEST = (
    ExpressionWrapper(F("published_at") + Value(timedelta(0)), output_field=DateTimeField()).desc(
        nulls_last=True
    ),
    "-pk",
)
# The newest `limit` matches are read one of two ways. Walking a newest-first index
# (search_doc_newest, or search_doc_municipality_newest under a municipality filter) tests
# listings until `limit` match: about limit × listings / matches rows, whatever the catalogue's
# size for a given share. Finding every match in the full-text index and sorting them reads
# `matches` rows from scattered table pages. A walked row costs about 1.5 sorted ones (its
# vector is tested against the query), so the walk wins when limit × listings × 1.5 <
# matches². A word in 5 % of 100,000 listings (5,000 matches) is sorted: 9 ms against 55 for
# the walk. The same share of 1,000,000 (50,000 matches) is walked: 114 ms cold against 240 ms
# warm and 2.3 s cold for the sort, which grows with the catalogue while the walk does not.
WALK_ROW_COST = 1.5


def _groups(stems: tuple[str, ...]) -> list[list[str]]:
    """Each query stem with its synonyms' stems."""
    return [text.expand(stem_) for stem_ in stems]


class Engine:
    def match(self, qs: QuerySet, stems: tuple[str, ...], *, columns: str = ALL) -> QuerySet:
        """Documents holding every stem (or one of its synonyms)."""
        raise NotImplementedError

    def match_any(self, qs: QuerySet, stems: tuple[str, ...]) -> QuerySet:
        """Documents holding at least one of the stems."""
        raise NotImplementedError

    def flag_named(self, qs: QuerySet, stems: tuple[str, ...]) -> QuerySet | None:
        """`qs` annotated with `name_hit`, whether the name holds every stem (what
        `match(..., columns=NAME)` keeps), so one read of the matches also gives the name
        matches among them; None when the engine cannot say it in a column."""
        return None

    def holds(self, stem_: str) -> Q:
        """A condition (usable in filters and CASE) for documents holding `stem_`."""
        raise NotImplementedError

    def ranked(self, qs: QuerySet, stems: tuple[str, ...]) -> QuerySet:
        """`qs` (already matched) annotated with `score`, higher is better."""
        raise NotImplementedError

    def sortable(self, column: str):
        """`column` as an expression whose order an index gives and on which a LIKE prefix
        uses that index."""
        return F(column)

    def newest(self, qs: QuerySet, base: QuerySet, limit: int) -> tuple[QuerySet, int | None]:
        """`qs` (matches within `base`) newest first, planned for reading its first `limit`
        rows; and the estimated size of `qs` when the engine guessed it to choose."""
        return qs.order_by(*NEWEST_ORDER), None

    def known(self, stem_: str) -> bool:
        """Whether some indexed document holds the stem or one of its synonyms."""
        raise NotImplementedError

    def estimate(self, qs: QuerySet) -> int:
        """How many rows `qs` holds, roughly (called only for large result sets)."""
        return qs.count()

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


def _terms(value: str) -> str:
    return " ".join(text.stems(value))


# The name's part (weight A) of a document's vector.
_NAME_VECTOR = Func(
    F("search_vector"), Value("{a}"), function="ts_filter", output_field=SearchVectorField()
)


class PostgresEngine(Engine):
    config = "simple"

    def _tsquery(self, groups: list[list[str]], *, joiner: str = " & ", weights: str = ""):
        # Stems are letters and digits only (search.text), so quoting each one keeps user input
        # from being read as tsquery syntax; `simple` only lowercases what is already lowercase.
        suffix = f":{weights}" if weights else ""
        raw = joiner.join("(" + " | ".join(f"'{s}'{suffix}" for s in g) + ")" for g in groups)
        return SearchQuery(raw, search_type="raw", config=self.config)

    def match(self, qs, stems, *, columns=ALL):
        query = self._tsquery(_groups(stems))
        if columns == NAME:
            # The name's part of the vector has a GIN index of its own (migration 0004): a
            # weight-restricted query on the whole vector would test every match's vector.
            return qs.annotate(name_vector=_NAME_VECTOR).filter(name_vector=query)
        return qs.filter(search_vector=query)

    def flag_named(self, qs, stems):
        query = self._tsquery(_groups(stems))
        return qs.annotate(
            name_vector=_NAME_VECTOR,
            name_hit=ExpressionWrapper(Q(name_vector=query), output_field=BooleanField()),
        )

    def match_any(self, qs, stems):
        return qs.filter(search_vector=self._tsquery(_groups(stems), joiner=" | "))

    def holds(self, stem_):
        return Q(search_vector=self._tsquery([text.expand(stem_)]))

    def ranked(self, qs, stems):
        query = self._tsquery(_groups(stems), joiner=" | ")
        return qs.annotate(score=SearchRank(F("search_vector"), query))

    def known(self, stem_):
        return SearchDocument.objects.filter(self.holds(stem_)).exists()

    def newest(self, qs, base, limit):
        estimate = self.estimate(qs)
        if estimate > limit and limit * self.estimate(base) * WALK_ROW_COST < estimate**2:
            return qs.order_by(*NEWEST_ORDER), estimate
        return qs.order_by(*_SORTED_NEWEST), estimate

    def sortable(self, column):
        # Byte order: a btree on the column in the "C" collation answers both a LIKE prefix
        # and ORDER BY, whatever the database's collation (migration 0004).
        return Collate(column, "C")

    def estimate(self, qs):
        # The planner's row estimate (from ANALYZE statistics, including the tsvector's most
        # common lexemes): counting 46,000 matches exactly costs more than the whole page.
        sql, params = qs.values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])

    def candidates(self, word):
        return list(
            SearchTerm.objects.filter(
                length__gte=max(len(word) - 2, 1), length__lte=len(word) + 2
            ).values_list("word", flat=True)
        )

    def cleared(self):
        SearchTerm.objects.all().delete()

    def written(self, documents):
        rows = [
            (d.product_id, _terms(d.name), _terms(d.meta_text), _terms(d.description))
            for d in documents
        ]
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 100):
                chunk = rows[start : start + 100]
                values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
                sql = (
                    "UPDATE search_searchdocument AS d SET search_vector ="  # noqa: S608
                    " setweight(to_tsvector('simple', v.a), 'A')"
                    " || setweight(to_tsvector('simple', v.b), 'B')"
                    " || setweight(to_tsvector('simple', v.c), 'C')"
                    f" FROM (VALUES {values}) AS v(id, a, b, c)"
                    " WHERE d.product_id = v.id::integer"
                )
                cursor.execute(sql, [value for row in chunk for value in row])
        vocabulary = {
            w for d in documents for w in text.words(f"{d.name} {d.meta_text}") if len(w) <= 100
        }
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=w, length=len(w)) for w in sorted(vocabulary)],
            ignore_conflicts=True,
            batch_size=500,
        )


class SqliteEngine(Engine):
    table = "search_fts"

    def _expression(self, groups: list[list[str]], *, joiner=" AND ", columns=ALL) -> str:
        # Stems are letters and digits only, quoted: nothing typed can become FTS5 syntax.
        body = joiner.join("(" + " OR ".join(f'"{s}"' for s in g) + ")" for g in groups)
        scope = "{name}" if columns == NAME else "{name meta body}"
        return f"{scope} : ({body})"

    def match(self, qs, stems, *, columns=ALL):
        return qs.filter(fts__match=self._expression(_groups(stems), columns=columns))

    def match_any(self, qs, stems):
        return qs.filter(fts__match=self._expression(_groups(stems), joiner=" OR "))

    def holds(self, stem_):
        ids = SqliteFtsEntry.objects.filter(match=self._expression([text.expand(stem_)])).values(
            "pk"
        )
        return Q(pk__in=ids)

    def ranked(self, qs, stems):
        # FTS5's rank is bm25, negative, lower is better: flip it so higher is better.
        return qs.annotate(score=-F("fts__rank"))

    def known(self, stem_):
        terms = text.expand(stem_)
        marks = ", ".join(["%s"] * len(terms))
        with connection.cursor() as cursor:
            sql = (
                "SELECT 1 FROM search_fts_vocab WHERE col IN ('name', 'meta', 'body')"  # noqa: S608
                f" AND term IN ({marks}) LIMIT 1"
            )
            cursor.execute(sql, terms)
            return cursor.fetchone() is not None

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
                _terms(d.name),
                _terms(d.meta_text),
                _terms(d.description),
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
