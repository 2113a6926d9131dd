"""Search and facets cost the same number of queries whatever the page size or catalogue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import indexing
from search.backends import database_backend
from search.models import SearchDocument
from search.services import search_products, suggest
from tests.factories import VariantFactory


@pytest.fixture
def many(db, settings):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""
    for n in range(30):
        VariantFactory(product__name=f"Arepa número {n}", price=5_000 + 10_000 * n)
    indexing.rebuild(backends=[database_backend()])


def _queries(**kwargs):
    with CaptureQueriesContext(connection) as ctx:
        result = search_products(**kwargs)
    return len(ctx.captured_queries), result


@pytest.mark.parametrize("query", ["", "arepa"])
def test_search_query_count_is_constant_in_page_size(many, query):
    small, small_result = _queries(query=query, page_size=5)
    large, large_result = _queries(query=query, page_size=30)
    assert len(small_result.product_ids) == 5 and len(large_result.product_ids) == 30
    assert small == large
    # Category tree, [PostgreSQL: the estimates of the matches and of the filtered set, to
    # choose how to read them,] the newest matches with their facet columns, the page.
    assert small <= 5


@pytest.mark.parametrize("query", ["", "arepa"])
def test_an_estimated_search_costs_a_bounded_number_of_queries(many, query, settings):
    settings.SEARCH_EXACT_LIMIT = 20
    small, small_result = _queries(query=query, page_size=5)
    large, large_result = _queries(query=query, page_size=15)
    assert small_result.estimated and len(large_result.product_ids) == 15
    assert small == large
    # Tree, [two estimates,] the newest matches with their facet columns, [SQLite: the
    # count,] [two estimates,] the newest name matches, the ranked candidates, the rest.
    assert small <= 8


def test_a_frequent_word_takes_its_name_matches_from_the_newest_matches(many, settings):
    """When the newest matches read for the total already hold a ranking pool of name matches,
    those are the newest name matches (PostgreSQL flags them in that read): no second search."""
    settings.SEARCH_EXACT_LIMIT = 20
    settings.SEARCH_RANK_POOL = 5
    count, result = _queries(query="arepa", page_size=5)
    assert result.estimated
    # Tree, [PostgreSQL: two estimates,] the newest matches with their facet columns and the
    # name flag, [SQLite: the count, the newest name matches,] the ranked candidates.
    assert count <= 5
    newest = list(
        SearchDocument.objects.order_by("-published_at", "-pk").values_list("pk", flat=True)
    )
    pages = [
        pk
        for page in range(1, 7)
        for pk in search_products(query="arepa", page=page, page_size=5).product_ids
    ]
    # Every name holds the word equally: the pool, then the rest, newest first, each once.
    assert pages == newest


def test_a_corrected_query_stays_bounded(many):
    count, result = _queries(query="arepaz numero", page_size=30)
    assert result.total == 30 and result.corrected
    # First try; per unknown word: is it known, its neighbours, is the best one known; then
    # the corrected run.
    assert count <= 6 + 3 + 5


def test_suggest_reads_inside_names_with_one_more_query(many):
    with CaptureQueriesContext(connection) as ctx:
        items = suggest("num", limit=5).products
    # No name starts with "num": names with a word starting with it, the vendors, the tree.
    assert len(items) == 5
    assert len(ctx.captured_queries) <= 4


def test_suggest_query_count_is_constant(many):
    with CaptureQueriesContext(connection) as ctx:
        suggest("are", limit=3)
    few = len(ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx:
        suggest("are", limit=20)
    assert len(ctx.captured_queries) == few <= 3
