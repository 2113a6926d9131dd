"""The Elasticsearch backend without a server: index settings, mappings and analyzers, the
query bodies it sends, how it reads responses, and the alias swap of a rebuild. The client is
replaced at its single boundary (the object passed as `client`); nothing else is mocked."""

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest
from elasticsearch_dsl import Search
from elasticsearch_dsl.response import Response

from search.backends.base import SearchUnavailable
from search.backends.elasticsearch import (
    EXACT,
    FUZZY,
    PARTIAL,
    ElasticsearchBackend,
    build_index,
    build_search,
    build_suggest_products,
    build_suggest_vendors,
    parse_search_response,
    to_source,
)
from search.documents import CategoryTree, IndexedProduct
from search.query import parse_prefix, parse_query
from search.text import STOP_WORDS, synonym_lines
from search.types import SearchFilters

TREE = CategoryTree(
    [
        (1, "alimentos-y-bebidas", "Alimentos y bebidas", None),
        (2, "comida-preparada", "Comida preparada", 1),
        (3, "cafe-y-chocolate", "Café y chocolate", 1),
        (4, "moda-y-calzado", "Moda y calzado", None),
    ]
)


def document(pk=7, **overrides):
    values = {
        "product_id": pk,
        "slug": f"arepa-{pk}",
        "name": "Arepa de chócolo",
        "description": "Hecha a mano.",
        "kind": "goods",
        "category_slug": "comida-preparada",
        "category_name": "Comida preparada",
        "category_path": ("alimentos-y-bebidas", "comida-preparada"),
        "category_names": ("Alimentos y bebidas", "Comida preparada"),
        "vendor_slug": "sabores",
        "vendor_name": "Sabores de la Montaña",
        "municipality_slug": "medellin",
        "municipality_name": "Medellín",
        "min_price": 8000,
        "in_stock": True,
        "published_at": datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
    }
    values.update(overrides)
    return IndexedProduct(**values)


# Index: settings, analyzers, mapping -----------------------------------------------------------


@pytest.fixture(scope="module")
def index_body():
    return build_index("tienda-products-test").to_dict()


def test_spanish_analyzer_folds_before_stemming_and_drops_stop_words(index_body):
    analysis = index_body["settings"]["analysis"]
    assert analysis["analyzer"]["tienda_spanish"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "asciifolding", "tienda_spanish_stop", "tienda_spanish_stemmer"],
    }
    # The database backends' list, folded, applied after folding: one stop-word list everywhere.
    assert analysis["filter"]["tienda_spanish_stop"] == {
        "type": "stop",
        "stopwords": sorted(STOP_WORDS),
    }
    assert {"de", "para", "todos", "mas"} <= set(STOP_WORDS)
    assert analysis["filter"]["tienda_spanish_stemmer"] == {
        "type": "stemmer",
        "language": "light_spanish",
    }


def test_synonyms_are_applied_at_search_time_from_the_repository_file(index_body):
    analysis = index_body["settings"]["analysis"]
    search_filters = analysis["analyzer"]["tienda_spanish_search"]["filter"]
    assert search_filters.index("tienda_synonyms") < search_filters.index("tienda_spanish_stemmer")
    assert "tienda_synonyms" not in analysis["analyzer"]["tienda_spanish"]["filter"]
    synonyms = analysis["filter"]["tienda_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert synonyms["synonyms"] == synonym_lines()
    assert "celular, móvil, smartphone" in synonyms["synonyms"]
    assert "tenis, zapatillas" in synonyms["synonyms"]


def test_autocomplete_uses_edge_ngrams_at_index_time_only(index_body):
    analysis = index_body["settings"]["analysis"]
    assert analysis["filter"]["tienda_edge_ngram"] == {
        "type": "edge_ngram",
        "min_gram": 2,
        "max_gram": 20,
    }
    name = index_body["mappings"]["properties"]["name"]
    assert name["fields"]["autocomplete"] == {
        "type": "text",
        "analyzer": "tienda_autocomplete",
        "search_analyzer": "tienda_folding",
    }
    vendor = index_body["mappings"]["properties"]["vendor_name"]
    assert vendor["fields"]["autocomplete"]["analyzer"] == "tienda_autocomplete"


def test_mapping_types(index_body):
    properties = index_body["mappings"]["properties"]
    assert index_body["settings"]["number_of_shards"] == 1
    for field in ("name", "description", "category_names", "vendor_name", "municipality_name"):
        assert properties[field]["analyzer"] == "tienda_spanish", field
        assert properties[field]["search_analyzer"] == "tienda_spanish_search", field
    for field in ("category_path", "vendor_slug", "municipality_slug", "kind", "vendor_facet"):
        assert properties[field] == {"type": "keyword"}, field
    assert properties["min_price"] == {"type": "integer"}
    assert properties["in_stock"] == {"type": "boolean"}
    assert properties["published_at"] == {"type": "date"}
    assert properties["fingerprint"] == {"type": "keyword", "index": False}


def test_documents_carry_facet_labels_and_the_category_path():
    source = to_source(document())
    assert source["category_path"] == ["alimentos-y-bebidas", "comida-preparada"]
    assert source["vendor_facet"] == "sabores|Sabores de la Montaña"
    assert source["municipality_facet"] == "medellin|Medellín"
    assert source["published_at"] == "2026-03-01T12:00:00+00:00"
    assert source["fingerprint"] == document().fingerprint
    assert (
        to_source(document(municipality_slug="", municipality_name=""))["municipality_facet"]
        is None
    )


# Queries -------------------------------------------------------------------------------------


def body(query="", filters=None, sort="relevance", page=1, page_size=24, mode=EXACT):
    return build_search(
        parse_query(query),
        filters or SearchFilters(),
        sort=sort,
        page=page,
        page_size=page_size,
        tree=TREE,
        index="tienda-products",
        mode=mode,
    ).to_dict()


FIELDS = ["name^3", "category_names^1.5", "vendor_name^1.5", "municipality_name^1.5", "description"]


def test_every_word_exactly_then_with_typos_then_any_word():
    [exact] = body("Arepas de chócolo")["query"]["bool"]["must"]
    assert exact["multi_match"] == {
        "query": "arepas de chócolo",
        "fields": FIELDS,
        "type": "cross_fields",
        "operator": "and",
        "_name": "exact",
    }
    [fuzzy] = body("Arepas de chócolo", mode=FUZZY)["query"]["bool"]["must"]
    assert fuzzy["multi_match"]["fuzziness"] == "AUTO"
    assert fuzzy["multi_match"]["prefix_length"] == 1
    assert fuzzy["multi_match"]["operator"] == "and"
    [partial] = body("Arepas de chócolo", mode=PARTIAL)["query"]["bool"]["must"]
    assert partial["multi_match"]["operator"] == "or"
    assert partial["multi_match"]["type"] == "cross_fields"


def test_stock_only_breaks_ties_in_relevance_order():
    search = body("arepa")
    assert "function_score" not in search["query"]
    assert search["sort"][:2] == ["_score", {"in_stock": {"order": "desc"}}]


def test_operators_never_reach_the_query_body():
    text = body('"arepa" & | : * (café)')["query"]["bool"]["must"][0]
    assert text["multi_match"]["query"] == "arepa café"


def test_filters_are_filter_clauses():
    filters = SearchFilters(
        category="alimentos-y-bebidas",
        municipality="itagui",
        vendor="sabores",
        kind="goods",
        price_range="20000-50000",
        price_min=25_000,
        in_stock=True,
    )
    clauses = body("arepa", filters)["query"]["bool"]["filter"]
    assert clauses == [
        {"term": {"category_path": "alimentos-y-bebidas"}},
        {"term": {"municipality_slug": "itagui"}},
        {"term": {"vendor_slug": "sabores"}},
        {"term": {"kind": "goods"}},
        {"range": {"min_price": {"gte": 25_000, "lt": 50_000}}},
        {"term": {"in_stock": True}},
    ]


def test_empty_query_matches_all_without_highlight_or_suggestion():
    search = body("")
    assert search["query"] == {"match_all": {}}
    assert "highlight" not in search and "suggest" not in search
    assert search["sort"][0] == {"published_at": {"order": "desc", "missing": "_last"}}


def test_facets_are_aggregations_over_the_filtered_query():
    aggs = body("arepa")["aggs"]
    assert aggs["category"] == {
        "terms": {
            "field": "category_path",
            "include": ["alimentos-y-bebidas", "moda-y-calzado"],
            "size": 2,
        }
    }
    # Inside a category the facet lists its children.
    inside = body("", SearchFilters(category="alimentos-y-bebidas"))["aggs"]["category"]
    assert inside["terms"]["include"] == ["comida-preparada", "cafe-y-chocolate"]
    assert aggs["vendor"] == {"terms": {"field": "vendor_facet", "size": 20}}
    assert aggs["municipality"]["terms"]["field"] == "municipality_facet"
    assert aggs["kind"]["terms"]["field"] == "kind"
    assert aggs["price"]["range"]["field"] == "min_price"
    assert aggs["price"]["range"]["ranges"][0] == {"key": "0-20000", "to": 20000}
    assert aggs["price"]["range"]["ranges"][-1] == {"key": "200000-", "from": 200000}


def test_highlight_suggestion_sort_and_paging():
    search = body("arepa", sort="relevance", page=3, page_size=10)
    assert search["highlight"]["encoder"] == "html"
    assert search["highlight"]["pre_tags"] == ["<mark>"]
    assert set(search["highlight"]["fields"]) == {"name", "description"}
    assert search["suggest"]["spelling"] == {
        "text": "arepa",
        "term": {"field": "name.plain", "suggest_mode": "missing", "min_word_length": 3},
    }
    assert search["sort"][0] == "_score"
    assert (search["from"], search["size"]) == (20, 10)
    assert search["track_total_hits"] is True
    assert body("arepa", sort="price_asc")["sort"][0] == {
        "min_price": {"order": "asc", "missing": "_last"}
    }
    deep = body("arepa", page=2000, page_size=100)
    assert deep["from"] + deep["size"] <= 10_000


def test_suggest_bodies_use_the_autocomplete_fields():
    products = build_suggest_products(parse_prefix("Arepa cho"), limit=5, index="i").to_dict()
    assert products["query"] == {
        "match": {"name.autocomplete": {"query": "arepa cho", "operator": "and"}}
    }
    assert products["size"] == 5
    vendors = build_suggest_vendors(parse_prefix("zapat"), limit=3, index="i").to_dict()
    assert vendors["aggs"]["vendors"] == {"terms": {"field": "vendor_facet", "size": 3}}
    assert vendors["size"] == 0


# Responses -----------------------------------------------------------------------------------

RAW_RESPONSE = {
    "took": 3,
    "timed_out": False,
    "hits": {
        "total": {"value": 2, "relation": "eq"},
        "max_score": 2.0,
        "hits": [
            {
                "_index": "tienda-products-1",
                "_id": "7",
                "_score": 2.0,
                "_source": {"product_id": 7},
                "matched_queries": ["fuzzy"],
                "highlight": {
                    "name": ["<mark>Arepa</mark> de chócolo"],
                    "description": ["Hecha &lt;b&gt; a mano."],
                },
            },
            {"_index": "tienda-products-1", "_id": "9", "_score": 1.0, "_source": {}},
        ],
    },
    "aggregations": {
        "category": {"buckets": [{"key": "alimentos-y-bebidas", "doc_count": 2}]},
        "municipality": {"buckets": [{"key": "itagui|Itagüí", "doc_count": 2}]},
        "vendor": {"buckets": [{"key": "sabores|Sabores de la Montaña", "doc_count": 2}]},
        "kind": {"buckets": [{"key": "goods", "doc_count": 2}]},
        "price": {
            "buckets": [
                {"key": "0-20000", "to": 20000.0, "doc_count": 2},
                {"key": "20000-50000", "from": 20000.0, "to": 50000.0, "doc_count": 0},
            ]
        },
    },
    "suggest": {
        "spelling": [
            {
                "text": "arpea",
                "offset": 0,
                "length": 5,
                "options": [{"text": "arepa", "score": 0.8, "freq": 3}],
            },
            {"text": "cholo", "offset": 9, "length": 5, "options": []},
        ]
    },
}


def test_responses_become_results():
    query = parse_query("arpea de cholo")
    filters = SearchFilters(municipality="itagui")
    result = parse_search_response(
        Response(Search(), RAW_RESPONSE),
        query,
        filters,
        page=1,
        page_size=24,
        tree=TREE,
        mode=FUZZY,
    )
    assert result.product_ids == [7, 9]
    assert result.total == 2
    assert result.backend == "elasticsearch"
    assert result.suggestion == "arepa de cholo"
    assert result.corrected and not result.partial  # found by the typo-tolerant request
    assert result.highlights[7]["name"] == "<mark>Arepa</mark> de chócolo"
    assert result.highlights[7]["description"] == "Hecha &lt;b&gt; a mano."
    facets = {
        field: [(v.value, v.label, v.count, v.selected) for v in values]
        for field, values in result.facets.items()
    }
    assert facets["category"] == [("alimentos-y-bebidas", "Alimentos y bebidas", 2, False)]
    assert facets["municipality"] == [("itagui", "Itagüí", 2, True)]
    assert facets["vendor"] == [("sabores", "Sabores de la Montaña", 2, False)]
    assert facets["kind"] == [("goods", "Producto", 2, False)]
    assert [v[0] for v in facets["price"]] == ["0-20000"]  # empty bands are left out


# Writes, with a recording client ---------------------------------------------------------------


class FakeIndices:
    def __init__(self, aliases=None):
        self.calls = []
        self.aliases = aliases or {}

    def __getattr__(self, name):
        def record(**kwargs):
            self.calls.append((name, kwargs))
            if name == "exists_alias":
                return kwargs["name"] in self.aliases
            if name == "exists":
                return False
            if name == "get_alias":
                return {index: {} for index in self.aliases[kwargs["name"]]}
            return {"acknowledged": True}

        return record


class FakeClient:
    def __init__(self, aliases=None, indexed=None):
        self.indices = FakeIndices(aliases)
        self.indexed = indexed or {}

    def mget(self, *, index, ids, source):
        return {
            "docs": [
                {"_id": pk, "found": True, "_source": {"fingerprint": self.indexed[pk]}}
                if pk in self.indexed
                else {"_id": pk, "found": False}
                for pk in ids
            ]
        }


class RecordingBulk:
    def __init__(self, fail_after=None):
        self.actions, self.fail_after = [], fail_after

    def __call__(self, client, actions, **kwargs):
        from elasticsearch import ConnectionError as EsConnectionError

        for action in actions:
            if self.fail_after is not None and len(self.actions) >= self.fail_after:
                raise EsConnectionError("connection refused")
            self.actions.append((action, kwargs))
        return len(self.actions), []


def test_rebuild_fills_a_new_index_then_swaps_the_alias_atomically():
    client = FakeClient(aliases={"tienda-products": ["tienda-products-old"]})
    bulk = RecordingBulk()
    backend = ElasticsearchBackend(client=client, alias="tienda-products", bulk=bulk)
    progress = []
    count = backend.rebuild([[document(1), document(2)], [document(3)]], progress=progress.append)
    assert count == 3 and progress == [2, 1]

    calls = client.indices.calls
    created = next(kwargs for name, kwargs in calls if name == "create")
    new = created["index"]
    assert new.startswith("tienda-products-") and new != "tienda-products-old"
    assert created["settings"]["analysis"]["analyzer"]["tienda_spanish"]
    assert {action["_index"] for action, _ in bulk.actions} == {new}
    assert [action["_id"] for action, _ in bulk.actions] == ["1", "2", "3"]
    [swap] = [kwargs for name, kwargs in calls if name == "update_aliases"]
    assert swap["actions"] == [
        {"remove": {"index": "tienda-products-old", "alias": "tienda-products"}},
        {"add": {"index": new, "alias": "tienda-products"}},
    ]
    names = [name for name, _ in calls]
    assert names.index("refresh") < names.index("update_aliases")
    assert ("delete", {"index": "tienda-products-old", "ignore_unavailable": True}) in calls


def test_a_failed_rebuild_leaves_the_live_index_alone():
    client = FakeClient(aliases={"tienda-products": ["tienda-products-old"]})
    backend = ElasticsearchBackend(
        client=client, alias="tienda-products", bulk=RecordingBulk(fail_after=1)
    )
    with pytest.raises(SearchUnavailable):
        backend.rebuild([[document(1), document(2)]])
    names = [name for name, _ in client.indices.calls]
    assert "update_aliases" not in names
    created = next(kwargs for name, kwargs in client.indices.calls if name == "create")
    assert ("delete", {"index": created["index"], "ignore_unavailable": True}) in (
        client.indices.calls
    )


def test_upsert_writes_only_changed_documents_through_the_alias():
    unchanged, changed = document(1), document(2, name="Arepa rellena")
    client = FakeClient(
        aliases={"tienda-products": ["tienda-products-1"]},
        indexed={"1": unchanged.fingerprint, "2": "old"},
    )
    bulk = RecordingBulk()
    backend = ElasticsearchBackend(client=client, alias="tienda-products", bulk=bulk)
    assert backend.upsert([unchanged, changed, document(3)]) == 2
    assert [(a["_index"], a["_id"]) for a, _ in bulk.actions] == [
        ("tienda-products", "2"),
        ("tienda-products", "3"),
    ]


def test_the_first_write_creates_an_index_behind_the_alias():
    client = FakeClient()
    backend = ElasticsearchBackend(client=client, alias="tienda-products", bulk=RecordingBulk())
    backend.upsert([document(1)])
    calls = client.indices.calls
    assert ("put_alias", {"index": "tienda-products-initial", "name": "tienda-products"}) in calls


def test_deletes_ignore_documents_already_gone():
    client = FakeClient(aliases={"tienda-products": ["tienda-products-1"]})
    bulk = RecordingBulk()
    ElasticsearchBackend(client=client, alias="tienda-products", bulk=bulk).delete([5, 4, 5])
    assert [(a["_op_type"], a["_id"]) for a, _ in bulk.actions] == [
        ("delete", "4"),
        ("delete", "5"),
    ]
    assert bulk.actions[0][1]["ignore_status"] == (404,)


def test_only_the_elasticsearch_backend_imports_elasticsearch():
    root = Path(__file__).resolve().parents[2] / "search"
    offenders = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            if any(n.split(".")[0] in {"elasticsearch", "elasticsearch_dsl"} for n in names):
                offenders.append(path.relative_to(root).as_posix())
    assert sorted(set(offenders)) == ["backends/elasticsearch.py"]


class AnsweringClient:
    """Answers searches from a list, recording each request body."""

    def __init__(self, answers):
        self.answers, self.bodies = list(answers), []

    def search(self, *, index, body, **params):
        self.bodies.append(body)
        return type("Answer", (), {"body": self.answers.pop(0)})()


def _answer(ids):
    return {
        "hits": {
            "total": {"value": len(ids), "relation": "eq"},
            "hits": [{"_id": str(pk), "_score": 1.0, "_source": {}} for pk in ids],
        },
        "aggregations": {
            "municipality": {"buckets": []},
            "vendor": {"buckets": []},
            "kind": {"buckets": []},
            "price": {"buckets": []},
        },
    }


def test_the_backend_asks_for_fewer_words_only_when_every_word_finds_nothing():
    client = AnsweringClient([_answer([]), _answer([]), _answer([4, 2])])
    backend = ElasticsearchBackend(client=client, alias="tienda-products")
    result = backend.search(
        parse_query("zapatos mujer"), SearchFilters(), sort="relevance", page=1,
        page_size=24, tree=TREE,
    )  # fmt: skip
    assert result.product_ids == [4, 2] and result.partial and not result.corrected
    modes = [b["query"]["bool"]["must"][0]["multi_match"]["_name"] for b in client.bodies]
    assert modes == [EXACT, FUZZY, PARTIAL]

    client = AnsweringClient([_answer([7])])
    backend = ElasticsearchBackend(client=client, alias="tienda-products")
    result = backend.search(
        parse_query("collares"), SearchFilters(), sort="relevance", page=1, page_size=24,
        tree=TREE,
    )  # fmt: skip
    assert result.product_ids == [7] and not result.corrected and len(client.bodies) == 1
