"""The search results page: ranking and highlights, facets as links that keep the rest of the
search, sort, pagination, the spelling suggestion, the notice when search is degraded, and bad
input that never becomes a 500."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from search.backends import SearchUnavailable
from search.backends.database import DatabaseBackend
from search.services import search_products
from tests.search.conftest import product

from .conftest import reindex

URL = "/buscar/"


def get(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content[:500]
    return response


def names(response) -> list[str]:
    return [card["product"].name for card in response.context["cards"]]


def query_of(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


def facet(response, param: str) -> dict:
    return next(group for group in response.context["facets"] if group["param"] == param)


def facet_value(response, param: str, label: str) -> dict:
    return next(value for value in facet(response, param)["values"] if value["label"] == label)


# Results


def test_results_come_in_the_search_services_order(client, catalogue):
    response = get(client, URL, {"q": "arepas"})

    expected = search_products("arepas", page_size=24).product_ids
    assert [card["product"].pk for card in response.context["cards"]] == expected
    # Singular and plural alike; a name match ranks above a description match.
    # The two name matches tie; how a tie breaks is the backend's business.
    assert set(names(response)[:2]) == {"Arepa de chócolo", "Arepas de maíz pelao x 10"}
    assert names(response)[-1] == "Mochila tejida"
    html = response.content.decode()
    assert "3 resultados" in html
    assert "Resultados para «arepas»" in html


def test_matched_words_are_marked_in_names_and_matching_descriptions(client, catalogue):
    html = get(client, URL, {"q": "arepas"}).content.decode()

    assert "<mark>Arepa</mark> de chócolo" in html
    assert "<mark>Arepas</mark> de maíz pelao x 10" in html
    # The mochila matches by its description only, so that passage is shown, marked.
    assert re.search(r'search-result__snippet">[^<]*seis <mark>arepas</mark>', html)


def test_vendor_written_html_is_escaped_around_the_marks(client, catalogue):
    product(
        '<img src=x onerror="alert(1)"> Arepa <b>rellena</b>',
        vendor=catalogue["vendors"]["medellin"],
        category_slug="comida-preparada",
        description="<script>alert('arepa')</script> con queso",
    )
    reindex()

    html = get(client, URL, {"q": "arepa rellena"}).content.decode()
    html += get(client, URL, {"q": "arepa"}).content.decode()

    assert "<script>alert" not in html and "<img src=x" not in html and "<b>rellena" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>Arepa</mark>" in html
    assert "&lt;b&gt;<mark>rellena</mark>&lt;/b&gt;" in html


def test_filters_without_words_browse_the_facet(client, catalogue):
    response = get(client, URL, {"categoria": "calzado"})

    assert names(response) == ["Zapatos de cuero para hombre"]
    assert "<h1>Calzado</h1>" in response.content.decode()


@pytest.mark.parametrize("q", ["", "   "])
def test_an_empty_box_gets_a_friendly_empty_state(client, catalogue, q):
    response = get(client, URL, {"q": q} if q else None)

    assert response.context["state"] == "empty"
    html = response.content.decode()
    assert "¿Qué estás buscando?" in html
    assert 'href="/buscar/?q=arepas"' in html
    assert "product-card" not in html


@pytest.mark.parametrize("q", ['"&|:*', "de la", "&& || !!"])
def test_an_operator_only_query_lists_everything_like_the_api(client, catalogue, q):
    response = get(client, URL, {"q": q})

    assert response.context["state"] == "results"
    assert "no tiene palabras que buscar" in response.content.decode()
    assert len(names(response)) == search_products(q).total == 6


def test_no_results_says_so_and_offers_a_way_out(client, catalogue):
    response = get(client, URL, {"q": "plutonio", "municipio": "bello"})

    html = response.content.decode()
    assert response.context["state"] == "none"
    assert "No encontramos resultados para «plutonio»" in html
    assert "Quita algún filtro." in html
    assert 'href="/buscar/?q=plutonio"' in html  # "Quitar los filtros" keeps the words


# Facets


def test_each_facet_value_links_to_as_many_results_as_it_counts(client, catalogue):
    checked = 0
    for params in ({"q": "arepas"}, {"tipo": "productos", "orden": "menor-precio"}):
        response = get(client, URL, params)
        for group in response.context["facets"]:
            for value in group["values"]:
                if value["selected"]:
                    continue  # its link removes it (see the chips' test)
                followed = get(client, value["url"])
                assert followed.context["result"].total == value["count"], (group["param"], value)
                assert len(followed.context["cards"]) == value["count"]
                # The link is in the page as the view built it.
                assert f'href="{value["url"].replace("&", "&amp;")}"' in response.content.decode()
                checked += 1
    assert checked >= 15


def test_a_facet_link_keeps_the_query_the_sort_and_other_filters_and_resets_the_page(
    client, catalogue
):
    response = get(
        client, URL, {"q": "arepas", "orden": "menor-precio", "tipo": "productos", "pagina": "1"}
    )

    medellin = facet_value(response, "municipio", "Medellín")
    assert query_of(medellin["url"]) == {
        "q": ["arepas"],
        "orden": ["menor-precio"],
        "tipo": ["productos"],
        "municipio": ["medellin"],
    }
    goods = facet_value(response, "tipo", "Producto")
    assert goods["selected"]
    assert query_of(goods["url"]) == {"q": ["arepas"], "orden": ["menor-precio"]}


def test_selected_filters_show_as_chips_that_remove_them(client, catalogue):
    response = get(client, URL, {"q": "cuero", "municipio": "itagui", "precio": "100000-200000"})

    chips = {chip["label"]: query_of(chip["url"]) for chip in response.context["applied"]}
    assert chips == {
        "Itagüí": {"q": ["cuero"], "precio": ["100000-200000"]},
        "$\u00a0100.000 – $\u00a0200.000": {"q": ["cuero"], "municipio": ["itagui"]},
    }
    html = response.content.decode()
    assert 'class="facet__link facet__link--selected"' in html
    assert "Quitar todos" in html
    assert names(response) == ["Zapatos de cuero para hombre"]


def test_a_selected_category_lists_its_children_and_a_way_back_up(client, catalogue):
    response = get(client, URL, {"q": "medellín", "categoria": "alimentos-y-bebidas"})

    labels = [value["label"] for value in facet(response, "categoria")["values"]]
    assert "Café y chocolate" in labels and "Comida preparada" in labels
    trail = response.context["category_trail"]
    assert [step["label"] for step in trail] == ["Todas las categorías"]
    assert query_of(trail[0]["url"]) == {"q": ["medellín"]}
    assert "<h1>Resultados para «medellín»</h1>" in response.content.decode()


def test_kind_filter_uses_the_catalogues_words(client, catalogue):
    response = get(client, URL, {"q": "diseño", "tipo": "servicios"})
    assert names(response) == ["Diseño de logo"]
    assert get(client, URL, {"q": "logo", "tipo": "service"}).context["applied"] == []
    assert get(client, URL, {"q": "logo", "precio": "gratis"}).context["applied"] == []


# Sort and pages


def test_sort_links_order_the_results_and_keep_the_filters(client, catalogue):
    response = get(client, URL, {"q": "arepas", "municipio": "medellin", "orden": "mayor-precio"})

    assert names(response) == ["Mochila tejida", "Arepas de maíz pelao x 10", "Arepa de chócolo"]
    links = {link["label"]: link for link in response.context["sort_links"]}
    assert links["Mayor precio"]["current"]
    assert query_of(links["Relevancia"]["url"]) == {"q": ["arepas"], "municipio": ["medellin"]}
    assert query_of(links["Menor precio"]["url"])["orden"] == ["menor-precio"]
    ascending = get(client, links["Menor precio"]["url"])
    assert names(ascending) == list(reversed(names(response)))


def test_results_come_24_to_a_page(client, catalogue):
    vendor = catalogue["vendors"]["medellin"]
    now = timezone.now()
    for number in range(30):
        product(
            f"Buñuelo número {number}",
            vendor=vendor,
            category_slug="comida-preparada",
            product__published_at=now - timezone.timedelta(minutes=number),
        )
    reindex()

    first = get(client, URL, {"q": "buñuelos", "orden": "recientes"})
    assert len(first.context["cards"]) == 24
    html = first.content.decode()
    assert "Página 1 de 2" in html
    assert query_of(first.context["next_url"]) == {
        "q": ["buñuelos"],
        "orden": ["recientes"],
        "pagina": ["2"],
    }
    second = get(client, first.context["next_url"])
    assert names(second) == [f"Buñuelo número {n}" for n in range(24, 30)]
    assert query_of(second.context["previous_url"]) == {"q": ["buñuelos"], "orden": ["recientes"]}

    # A page past the end shows the last one; a page that is not a number, the first.
    assert names(get(client, URL, {"q": "buñuelos", "orden": "recientes", "pagina": "9"})) == (
        names(second)
    )
    assert len(get(client, URL, {"q": "buñuelos", "pagina": "dos"}).context["cards"]) == 24


# Suggestions and degraded search


def test_a_typo_is_corrected_and_said_so(client, catalogue):
    response = get(client, URL, {"q": "zapatoz", "municipio": "itagui"})

    assert names(response) == ["Zapatos de cuero para hombre"]
    html = response.content.decode()
    assert "Resultados para «zapatos»" in html
    assert "No encontramos nada para «zapatoz»." in html
    assert query_of(response.context["suggestion_url"]) == {
        "q": ["zapatos"],
        "municipio": ["itagui"],
    }
    assert f'href="{response.context["suggestion_url"].replace("&", "&amp;")}"' in html


def test_a_suggestion_that_is_not_applied_is_offered_as_a_link(client, catalogue, monkeypatch):
    from dataclasses import replace

    from frontend_templates.views import search_results as view

    def suggesting(*args, **kwargs):
        return replace(search_products(*args, **kwargs), suggestion="arepa hombre")

    monkeypatch.setattr(view, "search_products", suggesting)
    response = get(client, URL, {"q": "arepaz hombre", "pagina": "1"})

    html = response.content.decode()
    assert "¿Quisiste decir" in html
    assert '<a href="/buscar/?q=arepa+hombre">«arepa hombre»</a>' in html


def test_search_being_down_shows_a_notice_and_database_results(client, catalogue, settings):
    # Nothing listens on port 9: the configured Elasticsearch is "down".
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.5

    response = get(client, URL, {"q": "arepas"})

    assert response.context["result"].degraded
    assert set(names(response)[:2]) == {"Arepa de chócolo", "Arepas de maíz pelao x 10"}
    assert "La búsqueda avanzada no está disponible en este momento" in response.content.decode()
    # Suggestions fall back too.
    suggestions = get(client, "/buscar/sugerencias/", {"q": "arep"}).json()["suggestions"]
    assert suggestions[0]["label"] == "Arepa de chócolo"


def test_the_database_failing_too_is_a_503_page_not_a_500(client, catalogue, monkeypatch):
    def down(*args, **kwargs):
        raise SearchUnavailable("database")

    monkeypatch.setattr(DatabaseBackend, "search", down)
    monkeypatch.setattr(DatabaseBackend, "suggest_products", down)

    response = get(client, URL, {"q": "arepas"}, status=503)
    assert "La búsqueda no está disponible en este momento" in response.content.decode()
    suggestions = get(client, "/buscar/sugerencias/", {"q": "arep"}, status=503).json()
    assert suggestions["suggestions"] == []


BAD_QUERIES = [
    '"',
    "&",
    "|",
    ":",
    "*",
    "arepa:",
    '"arepa',
    "arepa*",
    "(arepa OR",
    "NEAR(arepa queso)",
    "arepa AND NOT queso",
    "' OR 1=1 --",
    "{name} : arepa",
    "^arepa",
    "a" * 5000,
    "arepa " * 400,
    # NUL itself is refused before the view with a 400 (tests/security/test_bad_input.py).
    "\x01\x02arepa\x7f",
    "é" * 300,
    "%",
    "_",
    "\\",
    "🙂 arepa",
]


@pytest.mark.parametrize("q", BAD_QUERIES, ids=range(len(BAD_QUERIES)))
def test_bad_queries_never_fail(client, catalogue, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert client.get("/buscar/sugerencias/", {"q": q}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "arepa", "pagina": "-1"},
        {"q": "arepa", "pagina": "99999999999999999999"},
        {"q": "arepa", "precio": "gratis"},
        {"q": "arepa", "precio": "-5-10"},
        {"q": "arepa", "tipo": "<script>"},
        {"q": "arepa", "orden": "' OR 1=1"},
        {"q": "arepa", "categoria": "no-existe"},
        {"q": "arepa", "categoria": "a" * 500},
        {"q": "arepa", "negocio": "%00"},
        {"q": ["arepa", "queso"], "municipio": ["bello", "medellin"]},
    ],
    ids=range(10),
)
def test_bad_parameters_never_fail(client, catalogue, params):
    assert client.get(URL, params).status_code == 200


def test_only_get_and_head(client, db):
    assert client.post(URL, {"q": "arepa"}).status_code == 405
    assert client.head(URL, {"q": "arepa"}).status_code == 200


def test_the_page_speaks_english_when_chosen(client, catalogue):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = get(client, URL, {"q": "zapatoz"}).content.decode()
    assert "Results for “zapatos”" in html
    assert "We found nothing for “zapatoz”." in html
    assert "Filter results" in html
    assert 'placeholder="Search arepas, coffee, logo design…"' in html
    data = get(client, "/buscar/sugerencias/", {"q": "are"}).json()
    assert data["status"] == "2 suggestions; use the arrow keys to go through them."
    assert data["suggestions"][0]["kind_label"] == "Product"
