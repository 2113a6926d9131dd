"""The storefront home: what is new (in stock first), the categories, the municipalities as ways
into the catalogue and the call to businesses."""

import pytest

from .support import listing

pytestmark = pytest.mark.django_db


def test_home_features_the_newest_listings_in_stock_first(client, shop):
    for index in range(9):
        listing(shop, f"Arepa {index}", age_days=index + 1)
    listing(shop, "Arepa recién llegada pero agotada", stock=0, age_days=0)

    response = client.get("/")

    names = [card["product"].name for card in response.context["featured"]]
    assert names == [f"Arepa {index}" for index in range(8)]
    html = response.content.decode()
    assert "Lo más nuevo" in html
    assert "$\u00a045.900" in html
    # Below the hero: every card image loads lazily.
    assert 'loading="eager"' not in html


def test_home_cards_read_only_the_columns_a_card_shows(client, shop):
    listing(shop, "Arepa de chócolo")

    product = client.get("/").context["featured"][0]["product"]

    # The description, the tax class and the rest stay in the database; the card's vendor and
    # municipality come joined in the same query.
    assert {"description", "tax_class", "created_at"} <= product.get_deferred_fields()
    assert not {"name", "slug", "min_price", "thumbnail"} & product.get_deferred_fields()
    assert "display_name" not in product.vendor.get_deferred_fields()


def test_sold_out_listings_fill_the_showcase_when_nothing_else_is_left(client, shop):
    listing(shop, "Arepa agotada", stock=0)

    html = client.get("/").content.decode()

    assert "Arepa agotada" in html
    assert "Agotado" in html


def test_empty_store_says_the_catalogue_opens_soon(client, db):
    html = client.get("/").content.decode()

    assert "El catálogo abre muy pronto" in html
    assert 'class="product-grid"' not in html


def test_home_links_categories_municipalities_search_and_selling(client, db):
    html = client.get("/").content.decode()

    assert 'href="/catalogo/alimentos-y-bebidas/">Alimentos y bebidas</a>' in html
    assert 'href="/catalogo/turismo-y-experiencias/">Turismo y experiencias</a>' in html
    assert 'href="/catalogo/?municipio=medellin">Medellín</a>' in html
    assert 'href="/catalogo/?municipio=la-estrella">La Estrella</a>' in html
    # The home search uses the search engine (stems, accents, typos), like the header box.
    assert 'action="/buscar/" role="search"' in html
    assert "¿Tienes un negocio?" in html
    assert 'href="/vender/"' in html


def test_nav_links_to_the_catalogue(client, db):
    html = client.get("/catalogo/").content.decode()

    assert 'href="/catalogo/" aria-current="page">Catálogo</a>' in html
