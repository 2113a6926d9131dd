import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.services.products import product_unpublish
from search import indexing
from search.backends import write_backends
from search.services import search_products, suggest

pytestmark = pytest.mark.usefixtures("read_cache")


@pytest.fixture
def indexed(listing):
    indexing.rebuild(backends=write_backends())
    return listing


def test_repeated_searches_and_suggestions_are_answered_without_sql(indexed):
    first = search_products("arepa", {"kind": "goods"}, page=1)
    suggestions = suggest("are")
    assert first.product_ids == [indexed.product_id] and suggestions.products
    with CaptureQueriesContext(connection) as queries:
        assert search_products("arepa", {"kind": "goods"}, page=1) == first
        assert suggest("are") == suggestions
    assert len(queries) == 0, [q["sql"] for q in queries]
    with CaptureQueriesContext(connection) as queries:
        search_products("arepa", {"kind": "goods"}, page=2)
    assert len(queries) > 0  # another page is another answer


def test_an_unpublished_listing_leaves_cached_results_and_suggestions(
    indexed, vendor_owner, django_capture_on_commit_callbacks
):
    assert search_products("arepa").total == 1
    assert [s.label for s in suggest("are").products] == ["Arepa de queso"]
    with django_capture_on_commit_callbacks(execute=True):
        product_unpublish(product=indexed.product, unpublished_by=vendor_owner)
    assert search_products("arepa").total == 0
    assert suggest("are").products == []
