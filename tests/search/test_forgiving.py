"""Forgiving queries, careful corrections, one relevance order: once per reachable backend."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import VendorFactory

from .conftest import municipality, product


@pytest.fixture
def shop(search_backend, db):
    bello = VendorFactory(
        display_name="Manos de Bello", enrollment__municipality=municipality("05088")
    )
    sabaneta = VendorFactory(
        display_name="Taller Sabaneta", enrollment__municipality=municipality("05631")
    )
    items = {
        "bolso": product("Bolso de tela", vendor=bello, category_slug="tejidos", price=40_000),
        "collar": product("Collar de chaquiras", vendor=bello, category_slug="tejidos"),
        "collar2": product("Collares emberá", vendor=bello, category_slug="tejidos"),
        "funda": product("Funda para celulares", vendor=bello, category_slug="tejidos"),
        "regalo": product("Caja de regalo", vendor=bello, category_slug="tejidos"),
        "arreglo": product(
            "Arreglo de ropa", vendor=sabaneta, category_slug="tejidos", kind="service"
        ),
        "morral": product("Morral escolar", vendor=bello, category_slug="tejidos"),
        "zapatos": product("Zapatos de tela", vendor=bello, category_slug="calzado"),
        "blusa": product("Blusa para mujer", vendor=bello, category_slug="tejidos"),
        "sold_out": product(
            "Hamaca tejida", vendor=bello, category_slug="tejidos", stock_quantity=0
        ),
        "in_stock": product(
            "Cojín bordado",
            vendor=bello,
            category_slug="tejidos",
            description="Combina con la hamaca del corredor.",
        ),
    }
    for n in range(3):
        items[f"taller{n}"] = product(
            f"Taller grupal {n}", vendor=sabaneta, category_slug="tejidos", kind="service"
        )
    search_backend.reindex()
    return items


def test_plurals_meet_their_singulars(search_backend, shop):
    assert len(search_backend.names("talleres")) == len(search_backend.names("taller")) >= 3
    assert (
        set(search_backend.names("collares"))
        == set(search_backend.names("collar"))
        == {
            "Collar de chaquiras",
            "Collares emberá",
        }
    )
    assert search_backend.names("mujeres") == ["Blusa para mujer"]


def test_a_word_no_listing_has_is_left_out_and_said(search_backend, shop):
    result = search_backend.search("bolsos de tela baratos")
    assert search_backend.names("bolsos de tela baratos") == ["Bolso de tela"]
    assert result.left_out == ("baratos",)
    assert result.searched == "bolsos de tela"
    assert not result.corrected and not result.partial


def test_words_never_found_together_give_partial_results_rarest_first(search_backend, shop):
    result = search_backend.search("zapatos mujer")
    assert result.partial and result.total == 2
    assert set(search_backend.names("zapatos mujer")) == {"Zapatos de tela", "Blusa para mujer"}
    # With every word matched, partial matches are not added.
    assert search_backend.names("zapatos tela") == ["Zapatos de tela"]
    assert not search_backend.search("zapatos tela").partial


def test_known_words_are_never_corrected(search_backend, shop):
    for query, name in [
        ("collares", "Collares emberá"),
        ("collar", "Collar de chaquiras"),
        ("arreglo", "Arreglo de ropa"),
        ("escolar", "Morral escolar"),
        ("regalo", "Caja de regalo"),
    ]:
        result = search_backend.search(query)
        assert result.suggestion is None and not result.corrected, query
        assert name in search_backend.names(query), query


def test_an_unknown_word_is_corrected_and_said(search_backend, shop):
    result = search_backend.search("hamca")
    assert result.corrected and result.suggestion == "hamaca"
    assert search_backend.names("hamca")[0] == "Hamaca tejida"


def test_name_match_ranks_above_description_match_whatever_the_stock(search_backend, shop):
    assert search_backend.names("hamaca") == ["Hamaca tejida", "Cojín bordado"]


def test_stop_words_are_the_same_everywhere(search_backend, shop):
    assert search_backend.names("zapatos para todos") == search_backend.names("zapatos")
    assert search_backend.search("zapatos para todos").total == 1


def test_a_query_of_only_stop_words_or_symbols_lists_everything(search_backend, shop):
    everything = search_backend.search("").total
    for query in ("de la", "☕", ":", "\uff9e"):
        assert search_backend.search(query).total == everything, query


def test_the_dane_code_and_the_slug_filter_alike(search_backend, shop):
    by_slug = search_backend.names("", filters={"municipality": "sabaneta"})
    assert by_slug and by_slug == search_backend.names("", filters={"municipality": "05631"})


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=st.text(max_size=40))
def test_no_unicode_input_makes_a_backend_raise(search_backend, shop, query):
    result = search_backend.search(f"tela {query}")
    assert result.total >= 0
    result = search_backend.search(query)
    assert result.total >= 0


def test_past_the_exact_limit_totals_and_facets_are_estimated_and_ranking_is_bounded(
    search_backend, shop, settings
):
    exact = search_backend.search("tela")
    assert not exact.estimated and exact.total == 2
    every = search_backend.names("taller")
    settings.SEARCH_EXACT_LIMIT = 2
    many = search_backend.search("taller")
    # An estimate, never below what the bounded probe counted (the limit plus one).
    assert many.estimated and many.total >= 3
    assert many.facets["kind"]
    # The bounded ranking lists the same listings, name matches first.
    names = search_backend.names("taller")
    assert sorted(names) == sorted(every)
    assert all(n.startswith("Taller") for n in names[:3])
    assert search_backend.search("tela").estimated is False
