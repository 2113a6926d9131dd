"""The JSON the header's search box reads as people type, and the box itself."""

import pytest

URL = "/buscar/sugerencias/"


def suggestions(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return response


def test_products_categories_and_vendors_with_their_pages(client, catalogue):
    data = suggestions(client, "are").json()

    assert data["query"] == "are"
    assert data["results_url"] == "/buscar/?q=are"
    assert data["suggestions"] == [
        {
            "kind": "product",
            "kind_label": "Producto",
            "label": "Arepa de chócolo",
            "slug": catalogue["arepa"].slug,
            "url": f"/producto/{catalogue['arepa'].slug}/",
        },
        {
            "kind": "product",
            "kind_label": "Producto",
            "label": "Arepas de maíz pelao x 10",
            "slug": catalogue["arepas"].slug,
            "url": f"/producto/{catalogue['arepas'].slug}/",
        },
    ]
    assert data["status"] == "2 sugerencias; usa las flechas para recorrerlas."

    kinds = {
        (s["kind"], s["label"], s["url"]) for s in suggestions(client, "calz").json()["suggestions"]
    }
    assert ("category", "Calzado", "/catalogo/calzado/") in kinds
    vendor = suggestions(client, "zapateria").json()["suggestions"]
    assert vendor == [
        {
            "kind": "vendor",
            "kind_label": "Negocio",
            "label": "Zapatería El Cuero",
            "slug": "zapateria-el-cuero",
            "url": "/negocios/zapateria-el-cuero/",
        }
    ]


def test_accents_and_case_do_not_matter(client, catalogue):
    labels = [s["label"] for s in suggestions(client, "CAFÉ").json()["suggestions"]]
    assert "Café de origen Urrao" in labels
    assert labels == [s["label"] for s in suggestions(client, "cafe").json()["suggestions"]]


@pytest.mark.parametrize("q", ["", "a", " ", '"', "&&"])
def test_under_two_letters_nothing_is_suggested(client, catalogue, q):
    data = suggestions(client, q).json()
    assert data["suggestions"] == []


def test_nothing_found_is_announced(client, catalogue):
    assert suggestions(client, "xyzzy").json()["status"] == "Sin sugerencias."


def test_suggestions_may_be_cached_briefly(client, catalogue):
    response = suggestions(client, "are")
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["Content-Type"] == "application/json"


def test_header_box_is_a_plain_labelled_get_form_to_the_results(client, db):
    html = client.get("/").content.decode()

    assert '<form class="site-search" method="get" action="/buscar/" role="search"' in html
    assert '<label class="visually-hidden" id="site-search-label" for="site-search-q">' in html
    assert 'name="q"' in html and 'data-autocomplete="/buscar/sugerencias/"' in html
    # The combobox roles are the script's to add: without it, the box is a plain field.
    assert 'role="combobox"' not in html
    assert '<script src="/static/js/autocomplete.js" defer></script>' in html
    assert '<link rel="stylesheet" href="/static/css/public.css">' in html


def test_header_box_shows_the_query_on_the_results_page_escaped(client, catalogue):
    html = client.get("/buscar/", {"q": 'arepa"><script>'}).content.decode()
    assert 'value="arepa&quot;&gt;&lt;script&gt;"' in html
    assert "<script>" not in html.replace('<script src="/static/js/autocomplete.js"', "")
    assert 'value=""' in client.get("/").content.decode()
