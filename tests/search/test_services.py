"""The search interface: backend choice, fallback when search is down, hydration."""

import pytest

from search import conf, indexing
from search.backends import database_backend, get_backend, write_backends
from search.services import products_for_result, search_products, suggest
from tests.factories import VariantFactory


def test_the_database_backend_is_the_default(settings):
    settings.SEARCH_BACKEND = None
    settings.ELASTICSEARCH_URL = ""
    assert conf.backend_name() == "database"
    assert get_backend().name == "database"
    assert [b.name for b in write_backends()] == ["database"]


def test_an_elasticsearch_url_selects_elasticsearch_and_keeps_the_database_index(settings):
    settings.SEARCH_BACKEND = None
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"
    assert conf.backend_name() == "elasticsearch"
    assert get_backend().name == "elasticsearch"
    assert [b.name for b in write_backends()] == ["database", "elasticsearch"]
    settings.SEARCH_BACKEND = "database"
    assert get_backend().name == "database"


def test_settings_fall_back_to_the_environment(settings, monkeypatch):
    del settings.ELASTICSEARCH_INDEX
    monkeypatch.setenv("ELASTICSEARCH_INDEX", "otra-tienda")
    assert conf.elasticsearch_index() == "otra-tienda"
    settings.SEARCH_INDEX_BATCH_SIZE = "no es un número"
    assert conf.batch_size() == 200


@pytest.fixture
def indexed(db, settings):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""
    variant = VariantFactory(product__name="Arepa boyacense")
    indexing.rebuild(backends=[database_backend()])
    return variant.product


def test_search_being_down_falls_back_to_the_database(indexed, settings):
    # Nothing listens on port 9: the cluster is "down".
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    result = search_products("arepa")
    assert result.degraded
    assert result.backend == "database"
    assert result.product_ids == [indexed.pk]
    assert [s.label for s in suggest("arep").products] == ["Arepa boyacense"]


def test_a_backend_that_failed_is_skipped_for_a_while(indexed, settings, monkeypatch):
    from search.backends.elasticsearch import ElasticsearchBackend

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    assert search_products("arepa").degraded
    calls = []
    monkeypatch.setattr(ElasticsearchBackend, "search", lambda *a, **k: calls.append(a))
    result = search_products("arepa")
    assert result.degraded and result.product_ids == [indexed.pk]
    assert calls == []  # no second wait on a cluster known to be down


def test_hydration_keeps_rank_order_and_drops_what_is_no_longer_visible(indexed):
    other = VariantFactory(product__name="Arepa de huevo").product
    indexing.index_products([other.pk])
    result = search_products("arepa", sort="newest")
    assert result.product_ids == [other.pk, indexed.pk]
    indexed.status = "unpublished"
    indexed.save()  # not re-indexed yet
    assert [p.pk for p in products_for_result(result)] == [other.pk]


def test_filters_accept_query_parameters_and_ignore_nonsense(indexed):
    result = search_products(
        "arepa",
        filters={
            "kind": "nave-espacial",
            "price_min": "abc",
            "price_range": "1-2",
            "in_stock": "1",
        },
        sort="aleatorio",
    )
    assert result.product_ids == [indexed.pk]


def test_price_bands_touch_in_order():
    """The database backend finds a price's band by bisecting the bounds, so the bands must
    cover every price, in order, without gaps or overlaps."""
    from search.types import PRICE_RANGES

    assert PRICE_RANGES[0].low is None and PRICE_RANGES[-1].high is None
    assert all(a.high == b.low for a, b in zip(PRICE_RANGES, PRICE_RANGES[1:], strict=False))
