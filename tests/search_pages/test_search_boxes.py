"""The search boxes of the catalogue, each category and each business's page: the same search as
/buscar/ (ranking, stems, spelling, synonyms), narrowed to what the page shows, keeping its other
filters, and never a 500 whatever is typed."""

import pytest

from .test_results import URL, get, names

CATALOGUE = "/catalogo/"
FOOD = "/catalogo/alimentos-y-bebidas/"
MONTANA = "/negocios/sabores-de-la-montana/"
ZAPATERIA = "/negocios/zapateria-el-cuero/"


def portfolio(response) -> list[str]:
    return [card["product"].name for card in response.context["portfolio_cards"]]


@pytest.mark.parametrize("q", ["arepas", "arepa", "AREPAS", "cafe", "cuero", "zapato", "logos"])
def test_the_catalogue_box_ranks_as_the_search_page(client, catalogue, q):
    page = get(client, CATALOGUE, {"q": q})

    assert names(page) == names(get(client, URL, {"q": q}))
    assert names(page), q
    assert page.context["sorted_by"] == "Relevancia"


def test_a_category_box_finds_only_listings_of_the_category_and_below(client, catalogue):
    page = get(client, FOOD, {"q": "arepas"})

    assert names(page) == names(
        get(client, URL, {"q": "arepas", "categoria": "alimentos-y-bebidas"})
    )
    assert set(names(page)) == {"Arepa de chócolo", "Arepas de maíz pelao x 10"}
    # The mochila mentions arepas in its description, but it is a craft, not food.
    assert "Mochila tejida" in names(get(client, CATALOGUE, {"q": "arepas"}))
    html = page.content.decode()
    assert '<label for="id_q">Buscar en Alimentos y bebidas</label>' in html
    assert "<mark>Arepa</mark> de chócolo" in html


def test_a_business_box_finds_only_that_business_listings(client, catalogue):
    page = get(client, MONTANA, {"q": "arepas"})

    expected = names(get(client, URL, {"q": "arepas", "negocio": "sabores-de-la-montana"}))
    assert portfolio(page) == expected
    assert set(expected) == {"Arepa de chócolo", "Arepas de maíz pelao x 10", "Mochila tejida"}
    html = page.content.decode()
    assert '<label class="portfolio-search__label" for="portfolio-q">' in html
    assert 'value="arepas"' in html
    assert "3 resultados" in html


def test_a_business_without_matches_offers_its_portfolio_and_the_whole_store(client, catalogue):
    response = get(client, ZAPATERIA, {"q": "arepas"})

    assert portfolio(response) == []
    html = response.content.decode()
    assert "No encontramos resultados para «arepas»" in html
    assert "Revisa cómo está escrita cada palabra." in html
    assert 'href="/buscar/?q=arepas"' in html
    assert f'href="{ZAPATERIA}#portafolio">Ver todo el portafolio' in html


def test_a_business_page_without_words_lists_its_portfolio_newest_first(client, catalogue):
    plain = portfolio(get(client, MONTANA))
    response = get(client, MONTANA, {"q": "de la"})

    assert portfolio(response) == plain and len(plain) == 4
    assert (
        "«de la» no tiene palabras que buscar; te mostramos todo lo de Sabores de la Montaña."
        in response.content.decode()
    )


def test_the_other_filters_narrow_the_search_and_stay_in_the_form(client, catalogue):
    response = get(client, CATALOGUE, {"q": "arepas", "precio_max": "10.000", "tipo": "productos"})

    assert names(response) == ["Arepa de chócolo"]
    html = response.content.decode()
    assert 'value="10000"' in html or 'value="10.000"' in html
    assert 'value="productos" selected' in html
    # The municipality by its DANE code, as /buscar/ and the API take it.
    assert names(get(client, CATALOGUE, {"q": "cuero", "municipio": "05360"})) == [
        "Zapatos de cuero para hombre"
    ]
    assert names(get(client, CATALOGUE, {"q": "cuero", "municipio": "05001"})) == []


def test_a_search_sorts_by_price_and_ignores_an_order_it_has_not(client, catalogue):
    by_price = get(client, CATALOGUE, {"q": "arepas", "orden": "menor-precio"})
    assert names(by_price) == ["Arepa de chócolo", "Arepas de maíz pelao x 10", "Mochila tejida"]

    by_name = get(client, CATALOGUE, {"q": "arepas", "orden": "nombre"})
    assert not by_name.context["form"].errors
    assert names(by_name) == names(get(client, CATALOGUE, {"q": "arepas"}))
    # Browsing still orders by name; "recientes" there is the default.
    assert not get(client, CATALOGUE, {"orden": "recientes"}).context["form"].errors


def test_words_nothing_has_are_left_out_with_a_notice(client, catalogue):
    response = get(client, FOOD, {"q": "arepas baratas"})

    assert set(names(response)) == {"Arepa de chócolo", "Arepas de maíz pelao x 10"}
    assert (
        "Sin resultados para «baratas»; mostramos resultados para «arepas»."
        in response.content.decode()
    )


def test_a_misspelt_word_is_handled_as_on_the_search_page(client, catalogue):
    page = get(client, CATALOGUE, {"q": "arepaz"})
    search = get(client, URL, {"q": "arepaz"})

    assert names(page) == names(search)
    assert page.context["result"].suggestion == search.context["result"].suggestion
    if page.context["suggestion_url"]:
        # The suggestion keeps the reader where they searched.
        assert page.context["suggestion_url"].startswith(CATALOGUE + "?")


def test_nothing_found_in_a_category_offers_the_whole_catalogue(client, catalogue):
    html = get(client, FOOD, {"q": "zapatos", "municipio": "itagui"}).content.decode()

    assert "No encontramos resultados para «zapatos»" in html
    assert "Quita algún filtro." in html
    assert f'href="{FOOD}?q=zapatos">Quitar los filtros' in html
    assert 'href="/catalogo/?q=zapatos">Buscar en todo el catálogo' in html


def test_a_search_page_past_the_end_shows_the_last_one(client, catalogue):
    response = get(client, CATALOGUE, {"q": "arepas", "pagina": "99"})

    assert len(names(response)) == 3
    assert response.context["page"].number == 1


BAD = [
    "",
    "   ",
    "de la",
    "☕",
    ":",
    "ﾞ",
    "queso ﾞ",
    "'\"&|!()*:<>",
    "a" * 1000,
    "%s %d {0}",
    "\u202e\u200b",
    "𝔞𝔯𝔢𝔭𝔞𝔰",
]


@pytest.mark.parametrize("q", BAD)
@pytest.mark.parametrize("path", [CATALOGUE, FOOD, MONTANA])
def test_no_query_breaks_a_search_box(client, catalogue, path, q):
    response = client.get(path, {"q": q, "pagina": "x", "orden": "nada", "municipio": "0"})

    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize("path", [CATALOGUE, FOOD, MONTANA])
def test_a_nul_character_is_refused_not_a_500(client, catalogue, path):
    assert client.get(path, {"q": "arepa\x00s"}).status_code in {200, 400}


SCOPED_SEARCH = """
query($query: String, $filter: SearchFilterInput) {
  search(query: $query, filter: $filter, first: 24) { edges { node { name } } }
}
"""
SCOPED_PRODUCTS = """
query($filter: ProductFilterInput) {
  products(filter: $filter, first: 24) { edges { node { name } } }
}
"""


def api_names(gql, document, variables, field) -> list[str]:
    result = gql(document, variables)
    assert "errors" not in result, result
    return [edge["node"]["name"] for edge in result["data"][field]["edges"]]


@pytest.mark.parametrize("q", ["arepas", "arepa baratas", "cafe"])
def test_the_api_scopes_a_search_as_the_pages_do(client, gql, catalogue, q):
    food = names(get(client, FOOD, {"q": q}))
    business = portfolio(get(client, MONTANA, {"q": q}))
    assert food or business

    in_category = {"category": "alimentos-y-bebidas"}
    assert api_names(gql, SCOPED_SEARCH, {"query": q, "filter": in_category}, "search") == food
    assert (
        api_names(gql, SCOPED_PRODUCTS, {"filter": {"search": q, **in_category}}, "products")
        == food
    )
    of_business = {"search": q, "vendor": "sabores-de-la-montana"}
    assert api_names(gql, SCOPED_PRODUCTS, {"filter": of_business}, "products") == business


VENDOR_PRODUCTS = """
query($slug: String!, $search: String) {
  vendor(slug: $slug) { products(search: $search, first: 12) { totalCount edges { node { name } } } }
}
"""


@pytest.mark.parametrize("q", ["arepas", "cafe", "queso", "", "de la"])
def test_a_vendor_products_search_in_the_api_matches_its_page(client, gql, catalogue, q):
    page = portfolio(get(client, MONTANA, {"q": q}))

    result = gql(VENDOR_PRODUCTS, {"slug": "sabores-de-la-montana", "search": q})
    assert "errors" not in result, result
    products = result["data"]["vendor"]["products"]
    assert [edge["node"]["name"] for edge in products["edges"]] == page


def test_a_vendor_products_search_finds_nothing_of_other_vendors(gql, catalogue):
    result = gql(VENDOR_PRODUCTS, {"slug": "zapateria-el-cuero", "search": "arepas"})
    assert result["data"]["vendor"]["products"] == {"totalCount": 0, "edges": []}
