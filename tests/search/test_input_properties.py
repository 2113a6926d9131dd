"""Properties of search input beyond the query text the backends receive (test_forgiving.py):
how a query is cleaned, and that filters, sort and paging from any client never raise."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.query import MAX_QUERY_LENGTH, MAX_TERMS, parse_prefix, parse_query
from search.services import search_products, suggest
from search.types import SearchFilters
from tests.factories import ProductFactory
from tests.properties import bounded, typed_text
from tests.security.test_bad_input import assert_no_leak

anything = st.one_of(
    typed_text,
    st.text(max_size=900),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
)
filter_names = ["category", "municipality", "vendor", "kind", "price_range", "price"]
filters = st.dictionaries(
    st.sampled_from([*filter_names, "price_min", "price_max", "in_stock", "otro"]), anything
)


@bounded
@given(raw=anything)
def test_a_query_cleans_to_bounded_printable_words(raw):
    parsed = parse_query(raw)
    assert len(parsed.text) <= MAX_QUERY_LENGTH
    assert parsed.text == parsed.text.strip() and "  " not in parsed.text
    assert parsed.text.isprintable()
    assert len(parsed.terms) <= MAX_TERMS and all(parsed.terms)
    assert len(parsed.stems) == len(parsed.words)
    # What is shown back ("Resultados para ...") searches for the same thing again.
    assert parse_query(parsed.text) == parsed


@bounded
@given(raw=anything)
def test_a_prefix_keeps_the_word_being_typed(raw):
    parsed = parse_prefix(raw)
    assert parse_query(raw).words == parsed.words[: len(parse_query(raw).words)]
    assert len(parsed.words) <= len(parse_query(raw).words) + 1


@bounded
@given(data=filters)
def test_filters_from_any_client_are_dropped_or_kept_never_raised(data):
    found = SearchFilters.from_mapping(data)
    for name in ("category", "municipality", "vendor"):
        assert len(getattr(found, name)) <= 140
    for bound in (found.price_min, found.price_max):
        assert bound is None or 0 <= bound <= 10**12
    low, high = found.price_bounds()
    assert low is None or high is None or isinstance(low + high, int)


@pytest.fixture
def listed(db):
    return ProductFactory(name="Bolso de fique")


@bounded
@given(data=filters, sort=anything, page=anything, page_size=anything)
def test_any_filters_sort_and_page_answer_a_result(listed, data, sort, page, page_size):
    result = search_products("bolso", data, sort=sort, page=page, page_size=page_size)
    assert result.total >= 0
    assert len(result.product_ids) <= result.total


@bounded
@given(prefix=anything, limit=anything)
def test_suggestions_never_raise_and_respect_their_limit(listed, prefix, limit):
    assert len(list(suggest(prefix, limit=limit))) <= 20


@bounded
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "q",
                "categoria",
                "negocio",
                "municipio",
                "tipo",
                "precio",
                "orden",
                "pagina",
                "disponible",
            ]
        ),
        typed_text,
        max_size=4,
    )
)
def test_the_search_pages_answer_any_parameters_without_a_server_error(client, listed, params):
    for path in ("/buscar/", "/buscar/sugerencias/"):
        response = client.get(path, params)
        assert response.status_code == 200, (path, params, response.status_code)
        assert_no_leak(response)


def test_an_infinite_page_is_the_first_page(listed):
    result = search_products("bolso", page=float("inf"), page_size=float("-inf"))
    assert result.total >= 0
    assert list(suggest("bol", limit=float("inf"))) is not None
