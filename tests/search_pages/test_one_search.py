"""One search everywhere: the page and the API give the same first page for the same query and
filters, say the same about words left out, and read municipalities by slug or DANE code."""

import re

import pytest
from django.template.defaultfilters import floatformat

from search.services import search_products

from .test_results import URL, get, names

SEARCH = """
query($query: String, $filter: SearchFilterInput) {
  search(query: $query, filter: $filter, first: 24) {
    totalCount leftOut searched partial corrected suggestion
    edges { node { name } }
  }
}
"""


def api(gql, query, **filters):
    result = gql(SEARCH, {"query": query, "filter": filters or None})
    assert "errors" not in result, result
    return result["data"]["search"]


@pytest.mark.parametrize(
    "query, page_filters, api_filters",
    [
        ("arepas", {}, {}),
        ("cuero", {"municipio": "05360"}, {"municipality": "05360"}),
        ("cuero", {"municipio": "itagui"}, {"municipality": "itagui"}),
        ("arepas baratas", {}, {}),
        ("arepas zapatos", {}, {}),
        ("de la", {}, {}),
        ("☕", {}, {}),
        (":", {}, {}),
        ("cafe", {"municipio": "05001"}, {"municipality": "05001"}),
    ],
)
def test_the_page_and_the_api_show_the_same_first_page(
    client, gql, catalogue, query, page_filters, api_filters
):
    page = get(client, URL, {"q": query, **page_filters})
    answer = api(gql, query, **api_filters)
    assert names(page) == [edge["node"]["name"] for edge in answer["edges"]]
    assert page.context["result"].total == answer["totalCount"] > 0


def test_the_dane_code_filters_the_page_like_the_slug(client, catalogue):
    by_code = names(get(client, URL, {"q": "", "municipio": "05360"}))
    assert by_code == names(get(client, URL, {"municipio": "itagui"}))
    assert "Zapatos de cuero para hombre" in by_code


def test_a_word_no_listing_has_is_left_out_on_the_page_and_in_the_api(client, gql, catalogue):
    html = get(client, URL, {"q": "arepas baratas"}).content.decode()
    assert "Sin resultados para «baratas»; mostramos resultados para «arepas»." in html
    answer = api(gql, "arepas baratas")
    assert answer["leftOut"] == ["baratas"] and answer["searched"] == "arepas"
    assert not answer["partial"]


def test_partial_matches_are_announced(client, gql, catalogue):
    html = get(client, URL, {"q": "arepas zapatos"}).content.decode()
    assert "Ningún resultado tiene todas las palabras" in html
    assert api(gql, "arepas zapatos")["partial"] is True


def test_a_query_without_words_lists_the_catalogue_and_says_why(client, catalogue):
    response = get(client, URL, {"q": "de la"})
    html = response.content.decode()
    assert "«de la» no tiene palabras que buscar; te mostramos todo el catálogo." in html
    assert len(names(response)) == search_products("").total == 6


def test_an_estimated_total_says_so_on_the_page_and_in_the_api(client, gql, catalogue, settings):
    settings.SEARCH_EXACT_LIMIT = 1
    response = get(client, URL, {"q": "arepas"})
    result = response.context["result"]
    assert result.estimated and result.total >= 2  # never below the bounded probe
    # The planner's estimate (rough on a tiny, never analysed table), with es-CO separators.
    html = response.content.decode()
    assert f"Unos {floatformat(result.total, '0g')} resultados" in html
    # Facet counts scaled from a sample say so too: a tilde, read out as "unos".
    assert re.search(r'facet__count">.*?~</span><span class="visually-hidden">unos </span>', html)
    answer = gql('{ search(query: "arepas") { estimated totalCount } }')["data"]["search"]
    assert answer == {"estimated": True, "totalCount": result.total}
    settings.SEARCH_EXACT_LIMIT = 1000
    exact = get(client, URL, {"q": "arepas"}).content.decode()
    assert "~</span>" not in exact
