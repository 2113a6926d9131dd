"""Elasticsearch backend (elasticsearch-dsl). The only module that imports `elasticsearch`.

The index is reached through an alias (ELASTICSEARCH_INDEX). A rebuild fills a new concrete
index and swaps the alias in one atomic call, so searches never see a half-built index. Index
and query bodies are built by pure functions (`build_index`, `build_search`,
`build_suggest_*`) and responses read by `parse_search_response`, so they are unit-tested
without a server.
"""

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace

from django.utils import timezone
from django.utils.safestring import mark_safe
from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch_dsl.response import Response

from catalog.models import Product

from .. import conf, text
from ..documents import CategoryTree, IndexedProduct
from ..query import ParsedQuery
from ..types import (
    MAX_RESULT_WINDOW,
    PRICE_RANGES,
    RELEVANCE,
    FacetValue,
    SearchFilters,
    SearchResult,
    SuggestionItem,
)
from .base import Progress, SearchBackend, SearchUnavailable

logger = logging.getLogger(__name__)

VENDOR_FACET_SIZE = 20
MUNICIPALITY_FACET_SIZE = 50
SNIPPET_CHARS = 180
# Keyword facet values carry their label: "slug|label" (slugs never contain "|"), so facet
# labels need no second lookup.
FACET_SEPARATOR = "|"

# Analysis ------------------------------------------------------------------------------------

# The database backends' list (search.text), already folded: applied after asciifolding, so
# "más" and "mas" both go, and every backend drops the same words.
spanish_stop = token_filter("tienda_spanish_stop", type="stop", stopwords=sorted(text.STOP_WORDS))
spanish_stemmer = token_filter("tienda_spanish_stemmer", type="stemmer", language="light_spanish")
edge_ngram = token_filter("tienda_edge_ngram", type="edge_ngram", min_gram=2, max_gram=20)


def synonym_filter():
    # Inline rules read from the repository's file: no file has to be copied to every node,
    # and a rebuild (new index) picks up edits. synonym_graph is search-time only, which also
    # handles multi-word synonyms correctly; lenient skips a rule the analyzer cannot parse
    # instead of refusing to create the index.
    return token_filter(
        "tienda_synonyms", type="synonym_graph", synonyms=text.synonym_lines(), lenient=True
    )


# Index time: folding before stemming, the same order as the database backends, so "café",
# "cafe" and "cafés" share a term. light_spanish folds plurals itself ("talleres" -> "taller",
# "luces" -> "luz"), which the database backends do in Python before Snowball.
SPANISH = analyzer(
    "tienda_spanish",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", spanish_stop, spanish_stemmer],
)
SPANISH_SEARCH = analyzer(
    "tienda_spanish_search",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", spanish_stop, synonym_filter(), spanish_stemmer],
)
# Autocomplete: every word's prefixes are indexed ("are", "arep", "arepa"); the typed prefix is
# only folded at search time, so it matches those prefixes exactly.
AUTOCOMPLETE = analyzer(
    "tienda_autocomplete", tokenizer="standard", filter=["lowercase", "asciifolding", edge_ngram]
)
FOLDING = analyzer("tienda_folding", tokenizer="standard", filter=["lowercase", "asciifolding"])


def _spanish_text(**fields):
    return Text(analyzer=SPANISH, search_analyzer=SPANISH_SEARCH, **fields)


class ProductDocument(Document):
    product_id = Integer()
    slug = Keyword()
    name = _spanish_text(
        fields={
            "autocomplete": Text(analyzer=AUTOCOMPLETE, search_analyzer=FOLDING),
            # Unstemmed words: the term suggester proposes real words, not stems.
            "plain": Text(analyzer=FOLDING),
        }
    )
    description = _spanish_text()
    category_names = _spanish_text()
    category_path = Keyword()
    category_slug = Keyword()
    vendor_slug = Keyword()
    vendor_name = _spanish_text(
        fields={"autocomplete": Text(analyzer=AUTOCOMPLETE, search_analyzer=FOLDING)}
    )
    vendor_facet = Keyword()
    municipality_slug = Keyword()
    municipality_name = _spanish_text()
    municipality_facet = Keyword()
    kind = Keyword()
    min_price = Integer()
    in_stock = Boolean()
    published_at = Date()
    fingerprint = Keyword(index=False)


TEXT_FIELDS = [
    "name^3",
    "category_names^1.5",
    "vendor_name^1.5",
    "municipality_name^1.5",
    "description",
]


def build_index(name: str) -> Index:
    index = Index(name)
    # One shard: the programme's catalogue (tens of thousands of products) fits easily, and a
    # single shard keeps relevance statistics exact.
    index.settings(number_of_shards=1)
    index.document(ProductDocument)
    return index


def to_source(document: IndexedProduct) -> dict:
    return {
        "product_id": document.product_id,
        "slug": document.slug,
        "name": document.name,
        "description": document.description,
        "category_names": " ".join(document.category_names),
        "category_path": list(document.category_path),
        "category_slug": document.category_slug,
        "vendor_slug": document.vendor_slug,
        "vendor_name": document.vendor_name,
        "vendor_facet": f"{document.vendor_slug}{FACET_SEPARATOR}{document.vendor_name}",
        "municipality_slug": document.municipality_slug,
        "municipality_name": document.municipality_name,
        "municipality_facet": (
            f"{document.municipality_slug}{FACET_SEPARATOR}{document.municipality_name}"
            if document.municipality_slug
            else None
        ),
        "kind": document.kind,
        "min_price": document.min_price,
        "in_stock": document.in_stock,
        "published_at": document.published_at.isoformat() if document.published_at else None,
        "fingerprint": document.fingerprint,
    }


# Queries -------------------------------------------------------------------------------------


def _filter_clauses(filters: SearchFilters) -> list[Q]:
    clauses = []
    if filters.category:
        clauses.append(Q("term", category_path=filters.category))
    if filters.municipality:
        clauses.append(Q("term", municipality_slug=filters.municipality))
    if filters.vendor:
        clauses.append(Q("term", vendor_slug=filters.vendor))
    if filters.kind:
        clauses.append(Q("term", kind=filters.kind))
    low, high = filters.price_bounds()
    if low is not None or high is not None:
        bounds = {}
        if low is not None:
            bounds["gte"] = low
        if high is not None:
            bounds["lt"] = high
        clauses.append(Q("range", min_price=bounds))
    if filters.in_stock:
        clauses.append(Q("term", in_stock=True))
    return clauses


# What a search asks for, tried in this order until something matches, as the database backend
# does (search.backends.planning): every word exactly; else every word with typos (the results
# are then "corrected"); else, for several words, any of them, those matching more first.
EXACT, FUZZY, PARTIAL = "exact", "fuzzy", "partial"
MODES = (EXACT, FUZZY, PARTIAL)


def _text_query(query: ParsedQuery, mode: str = EXACT) -> Q:
    # cross_fields: "zapatos de cuero en Itagüí" may match the name and the municipality; typos
    # are matched within one field (cross_fields cannot be fuzzy).
    if mode == FUZZY:
        return Q(
            "multi_match",
            query=query.term_text,
            fields=TEXT_FIELDS,
            type="best_fields",
            operator="and",
            fuzziness="AUTO",
            prefix_length=1,
            _name=FUZZY,
        )
    return Q(
        "multi_match",
        query=query.term_text,
        fields=TEXT_FIELDS,
        type="cross_fields",
        operator="or" if mode == PARTIAL else "and",
        _name=mode,
    )


SORTS = {
    "newest": [{"published_at": {"order": "desc", "missing": "_last"}}, {"product_id": "desc"}],
    # Stock only breaks ties between equally relevant listings, as on the database backends.
    RELEVANCE: [
        "_score",
        {"in_stock": {"order": "desc"}},
        {"published_at": {"order": "desc", "missing": "_last"}},
        {"product_id": "desc"},
    ],
    "price_asc": [{"min_price": {"order": "asc", "missing": "_last"}}, {"product_id": "desc"}],
    "price_desc": [{"min_price": {"order": "desc", "missing": "_last"}}, {"product_id": "desc"}],
}


def build_search(
    query: ParsedQuery,
    filters: SearchFilters,
    *,
    sort: str,
    page: int,
    page_size: int,
    tree: CategoryTree,
    index: str,
    mode: str = EXACT,
) -> Search:
    search = Search(index=index)
    clauses = _filter_clauses(filters)
    if query.is_empty:
        search = search.query(Q("bool", filter=clauses) if clauses else Q("match_all"))
    else:
        search = search.query(Q("bool", must=[_text_query(query, mode)], filter=clauses))

    # Facets are counted over the same filtered query: a value's count is what selecting it
    # returns.
    level = [tree.slug(pk) for pk in tree.facet_level(filters.category)]
    if level:
        search.aggs.bucket(
            "category", "terms", field="category_path", include=level, size=len(level)
        )
    search.aggs.bucket(
        "municipality", "terms", field="municipality_facet", size=MUNICIPALITY_FACET_SIZE
    )
    search.aggs.bucket("vendor", "terms", field="vendor_facet", size=VENDOR_FACET_SIZE)
    search.aggs.bucket("kind", "terms", field="kind", size=len(Product.Kind))
    ranges = []
    for band in PRICE_RANGES:
        bucket = {"key": band.key}
        if band.low is not None:
            bucket["from"] = band.low
        if band.high is not None:
            bucket["to"] = band.high
        ranges.append(bucket)
    search.aggs.bucket("price", "range", field="min_price", ranges=ranges)

    if sort == RELEVANCE and not query.is_empty:
        search = search.sort(*SORTS[RELEVANCE])
    else:
        search = search.sort(*SORTS.get(sort if sort != RELEVANCE else "newest", SORTS["newest"]))

    if not query.is_empty:
        search = search.highlight_options(
            encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"]
        )
        search = search.highlight("name", number_of_fragments=0, no_match_size=200)
        search = search.highlight(
            "description",
            fragment_size=SNIPPET_CHARS,
            number_of_fragments=1,
            no_match_size=SNIPPET_CHARS,
        )
        search = search.suggest(
            "spelling",
            query.term_text,
            term={"field": "name.plain", "suggest_mode": "missing", "min_word_length": 3},
        )

    offset = min((page - 1) * page_size, MAX_RESULT_WINDOW)
    size = max(min(page_size, MAX_RESULT_WINDOW - offset), 0)
    return search.extra(track_total_hits=True).source(["product_id"])[offset : offset + size]


def _split(value: str) -> tuple[str, str]:
    slug, _, label = value.partition(FACET_SEPARATOR)
    return slug, label or slug


def _suggestion(query: ParsedQuery, response: Response) -> str | None:
    suggest = getattr(response, "suggest", None)
    entries = getattr(suggest, "spelling", None) if suggest is not None else None
    if not entries:
        return None
    source, out, last, changed = query.term_text, [], 0, False
    for entry in entries:
        if not entry.options:
            continue
        start, end = entry.offset, entry.offset + entry.length
        out.append(source[last:start])
        out.append(entry.options[0].text)
        last, changed = end, True
    out.append(source[last:])
    return "".join(out) if changed else None


def parse_search_response(
    response: Response,
    query: ParsedQuery,
    filters: SearchFilters,
    *,
    page: int,
    page_size: int,
    tree: CategoryTree,
    mode: str = EXACT,
) -> SearchResult:
    ids, highlights = [], {}
    for hit in response:
        pk = int(hit.meta.id)
        ids.append(pk)
        fragments = getattr(hit.meta, "highlight", None)
        if fragments is not None:
            # encoder=html: ES escaped the text and added only <mark> tags.
            highlights[pk] = {
                field: mark_safe(" ".join(fragments[field]) if field in fragments else "")  # noqa: S308
                for field in ("name", "description")
            }

    aggs = response.aggregations

    def selected(facet, slug):
        return filters.selected(facet) == slug

    facets: dict[str, list[FacetValue]] = {
        "category": [],
        "municipality": [],
        "vendor": [],
        "kind": [],
        "price": [],
    }
    if "category" in aggs:
        counts = {b.key: b.doc_count for b in aggs.category.buckets}
        for pk in tree.facet_level(filters.category):
            slug = tree.slug(pk)
            if counts.get(slug):
                facets["category"].append(
                    FacetValue(slug, tree.name(pk), counts[slug], selected("category", slug))
                )
    for facet in ("municipality", "vendor"):
        for bucket in aggs[facet].buckets:
            slug, label = _split(bucket.key)
            facets[facet].append(FacetValue(slug, label, bucket.doc_count, selected(facet, slug)))
    kind_labels = dict(Product.Kind.choices)
    for bucket in aggs.kind.buckets:
        facets["kind"].append(
            FacetValue(
                bucket.key,
                str(kind_labels.get(bucket.key, bucket.key)),
                bucket.doc_count,
                selected("kind", bucket.key),
            )
        )
    price_counts = {b.key: b.doc_count for b in aggs.price.buckets}
    for band in PRICE_RANGES:
        if price_counts.get(band.key):
            facets["price"].append(
                FacetValue(
                    band.key, band.label, price_counts[band.key], selected("price", band.key)
                )
            )

    total = response.hits.total.value
    return SearchResult(
        query=query.text,
        product_ids=ids,
        total=total,
        page=page,
        page_size=page_size,
        facets=facets,
        highlights=highlights,
        suggestion=_suggestion(query, response) if not query.is_empty else None,
        corrected=bool(ids) and mode == FUZZY and not query.is_empty,
        partial=bool(ids) and mode == PARTIAL and not query.is_empty,
        backend=ElasticsearchBackend.name,
    )


def build_suggest_products(prefix: ParsedQuery, *, limit: int, index: str) -> Search:
    return (
        Search(index=index)
        .query(
            Q(
                "match",
                **{"name.autocomplete": {"query": " ".join(prefix.terms), "operator": "and"}},
            )
        )
        .source(["slug", "name"])[:limit]
    )


def build_suggest_vendors(prefix: ParsedQuery, *, limit: int, index: str) -> Search:
    search = (
        Search(index=index)
        .query(
            Q(
                "match",
                **{
                    "vendor_name.autocomplete": {"query": " ".join(prefix.terms), "operator": "and"}
                },
            )
        )
        .extra(size=0)
    )
    search.aggs.bucket("vendors", "terms", field="vendor_facet", size=limit)
    return search


# Connection ----------------------------------------------------------------------------------

_clients: dict[tuple[str, float], Elasticsearch] = {}
_clients_lock = threading.Lock()


def get_client() -> Elasticsearch:
    """One client (and connection pool) per process and URL."""
    key = (conf.elasticsearch_url(), conf.elasticsearch_timeout())
    with _clients_lock:
        if key not in _clients:
            _clients[key] = Elasticsearch(key[0], request_timeout=key[1], max_retries=1)
        return _clients[key]


def _unavailable(exc: Exception) -> SearchUnavailable:
    return SearchUnavailable(f"Elasticsearch: {exc.__class__.__name__}: {exc}")


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(
        self,
        *,
        client: Elasticsearch | None = None,
        alias: str | None = None,
        bulk: Callable = helpers.bulk,
    ):
        self._client = client
        self.alias = alias or conf.elasticsearch_index()
        self._bulk = bulk

    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            if not conf.elasticsearch_url():
                raise SearchUnavailable("ELASTICSEARCH_URL is not set")
            self._client = get_client()
        return self._client

    # Reads ------------------------------------------------------------------------------------

    def search(self, query, filters, *, sort, page, page_size, tree):
        modes = [EXACT] if query.is_empty else [EXACT, FUZZY]
        if len(set(query.stems)) > 1:
            modes.append(PARTIAL)
        suggestion = None
        for mode in modes:
            search = build_search(
                query,
                filters,
                sort=sort,
                page=page,
                page_size=page_size,
                tree=tree,
                index=self.alias,
                mode=mode,
            )
            try:
                response = search.using(self.client).execute()
            except (ApiError, TransportError) as exc:
                raise _unavailable(exc) from exc
            result = parse_search_response(
                response, query, filters, page=page, page_size=page_size, tree=tree, mode=mode
            )
            if result.total:
                return result
            # The spelling suggestion is read from the first answer (words as typed).
            suggestion = suggestion or result.suggestion
        return replace(result, suggestion=suggestion)

    def suggest_products(self, prefix, *, limit):
        if not prefix.terms:
            return []
        search = build_suggest_products(prefix, limit=limit, index=self.alias)
        try:
            response = search.using(self.client).execute()
        except (ApiError, TransportError) as exc:
            raise _unavailable(exc) from exc
        return [SuggestionItem("product", hit.slug, hit.name) for hit in response]

    def suggest_vendors(self, prefix, *, limit):
        if not prefix.terms:
            return []
        search = build_suggest_vendors(prefix, limit=limit, index=self.alias)
        try:
            response = search.using(self.client).execute()
        except (ApiError, TransportError) as exc:
            raise _unavailable(exc) from exc
        return [
            SuggestionItem("vendor", *_split(bucket.key))
            for bucket in response.aggregations.vendors.buckets
        ]

    # Writes -----------------------------------------------------------------------------------

    def _create_index(self, name: str) -> None:
        body = build_index(name).to_dict()
        self.client.indices.create(
            index=name, settings=body.get("settings"), mappings=body.get("mappings")
        )

    def ensure_index(self) -> None:
        """First write on an empty cluster: create an index behind the alias."""
        if self.client.indices.exists_alias(name=self.alias):
            return
        if self.client.indices.exists(index=self.alias):
            logger.warning(
                "%s is a concrete index, not an alias: run `manage.py search_index rebuild`",
                self.alias,
            )
            return
        name = f"{self.alias}-initial"
        if not self.client.indices.exists(index=name):
            self._create_index(name)
        self.client.indices.put_alias(index=name, name=self.alias)

    def upsert(self, documents):
        if not documents:
            return 0
        try:
            self.ensure_index()
            found = self.client.mget(
                index=self.alias,
                ids=[str(d.product_id) for d in documents],
                source=["fingerprint"],
            )
            existing = {
                int(doc["_id"]): doc.get("_source", {}).get("fingerprint")
                for doc in found["docs"]
                if doc.get("found")
            }
            changed = [d for d in documents if existing.get(d.product_id) != d.fingerprint]
            if changed:
                self._bulk(
                    self.client,
                    (
                        {"_index": self.alias, "_id": str(d.product_id), "_source": to_source(d)}
                        for d in changed
                    ),
                    chunk_size=conf.batch_size(),
                )
        except (ApiError, TransportError, helpers.BulkIndexError) as exc:
            raise _unavailable(exc) from exc
        return len(changed)

    def delete(self, product_ids: Iterable[int]):
        ids = sorted({int(pk) for pk in product_ids})
        if not ids:
            return
        try:
            if not self.client.indices.exists_alias(name=self.alias):
                return
            self._bulk(
                self.client,
                ({"_op_type": "delete", "_index": self.alias, "_id": str(pk)} for pk in ids),
                chunk_size=conf.batch_size(),
                ignore_status=(404,),
            )
        except (ApiError, TransportError, helpers.BulkIndexError) as exc:
            raise _unavailable(exc) from exc

    def fingerprints(self):
        try:
            if not self.client.indices.exists_alias(name=self.alias):
                return {}
            return {
                int(hit["_id"]): hit.get("_source", {}).get("fingerprint", "")
                for hit in helpers.scan(
                    self.client,
                    index=self.alias,
                    query={"query": {"match_all": {}}, "_source": ["fingerprint"]},
                )
            }
        except (ApiError, TransportError) as exc:
            raise _unavailable(exc) from exc

    def rebuild(self, batches, *, progress: Progress | None = None):
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        count = 0
        try:
            self._create_index(name)
            try:
                for batch in batches:
                    if batch:
                        self._bulk(
                            self.client,
                            (
                                {"_index": name, "_id": str(d.product_id), "_source": to_source(d)}
                                for d in batch
                            ),
                            chunk_size=conf.batch_size(),
                        )
                    count += len(batch)
                    if progress:
                        progress(len(batch))
                self.client.indices.refresh(index=name)
            except BaseException:
                # Leave the live index untouched and no half-built one behind.
                self.client.indices.delete(index=name, ignore_unavailable=True)
                raise
            old = []
            if self.client.indices.exists_alias(name=self.alias):
                old = list(self.client.indices.get_alias(name=self.alias))
            elif self.client.indices.exists(index=self.alias):
                # A concrete index squats the alias's name (written before any alias existed).
                self.client.indices.delete(index=self.alias)
            actions = [{"remove": {"index": o, "alias": self.alias}} for o in old]
            actions.append({"add": {"index": name, "alias": self.alias}})
            # One atomic call: every search sees either the old index or the new one.
            self.client.indices.update_aliases(actions=actions)
            for o in old:
                self.client.indices.delete(index=o, ignore_unavailable=True)
        except (ApiError, TransportError, helpers.BulkIndexError) as exc:
            raise _unavailable(exc) from exc
        return count

    def refresh(self):
        try:
            self.client.indices.refresh(index=self.alias)
        except (ApiError, TransportError) as exc:
            raise _unavailable(exc) from exc

    def drop(self) -> None:
        """Delete the alias and every index behind it (tests and `rebuild --drop`)."""
        try:
            # By name: clusters refuse wildcard deletes (action.destructive_requires_name).
            names = list(self.client.indices.get(index=f"{self.alias}-*"))
            for name in names:
                self.client.indices.delete(index=name, ignore_unavailable=True)
            if self.client.indices.exists(index=self.alias):
                self.client.indices.delete(index=self.alias)
        except (ApiError, TransportError) as exc:
            raise _unavailable(exc) from exc
