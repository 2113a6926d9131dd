"""The catalogue and category listings: filters, sorting, pagination and the product cards."""

import re

import pytest
from django.urls import reverse

from search import indexing
from search.backends import database_backend

from .support import listing, storefront_vendor, text

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def names(response) -> list[str]:
    return [card["product"].name for card in response.context["cards"]]


@pytest.fixture
def bello(db):
    return storefront_vendor(municipality="bello", display_name="Café La Montañera")


@pytest.fixture
def assortment(shop, bello):
    """Goods and services in two municipalities and three categories, newest first by name."""
    return {
        "arepa": listing(shop, "Arepa de chócolo", price=4_500, age_days=1),
        "camisa": listing(shop, "Camisa bordada", price=89_000, category="ropa", age_days=2),
        "cafe": listing(
            bello, "Café de origen", price=32_000, category="cafe-y-chocolate", age_days=3
        ),
        "logo": listing(
            bello,
            "Diseño de logo",
            kind="service",
            pricing_mode="from",
            price=250_000,
            category="diseno-grafico",
            variants=[{"price": 250_000, "track_inventory": False, "stock_quantity": 0}],
            age_days=4,
        ),
    } | _indexed()


def _indexed() -> dict:
    """Factories write rows without the services' events: index what is there now, so the
    listing's search box (search.services) finds them."""
    indexing.rebuild(backends=[database_backend()])
    return {}


def test_catalogue_lists_every_visible_listing_newest_first(client, assortment):
    response = get(client, "/catalogo/")

    assert names(response) == [
        "Arepa de chócolo",
        "Camisa bordada",
        "Café de origen",
        "Diseño de logo",
    ]
    html = response.content.decode()
    assert "4 resultados" in html
    assert "<h1>Catálogo</h1>" in html
    # Top-level categories lead into the tree.
    assert 'href="/catalogo/alimentos-y-bebidas/"' in html
    assert 'href="/catalogo/servicios-creativos-y-culturales/"' in html


def test_category_includes_its_descendants_only(client, assortment):
    response = get(client, "/catalogo/alimentos-y-bebidas/")

    assert names(response) == ["Arepa de chócolo", "Café de origen"]
    html = response.content.decode()
    assert "<h1>Alimentos y bebidas</h1>" in html
    # Subcategories are offered as links; the breadcrumb leads back to the catalogue.
    assert 'href="/catalogo/comida-preparada/"' in html
    assert 'href="/catalogo/cafe-y-chocolate/"' in html
    assert re.search(r'<nav class="crumbs"[^>]*>\s*<a href="/catalogo/">Catálogo</a>', html)


def test_subcategory_breadcrumb_names_its_parent(client, assortment):
    response = get(client, "/catalogo/comida-preparada/")

    assert names(response) == ["Arepa de chócolo"]
    html = response.content.decode()
    assert 'href="/catalogo/alimentos-y-bebidas/">Alimentos y bebidas</a>' in html
    assert '<span aria-current="page">Comida preparada</span>' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("municipio=bello", ["Café de origen", "Diseño de logo"]),
        ("municipio=05088", ["Café de origen", "Diseño de logo"]),  # Bello's DANE code
        ("municipio=99999", []),  # no municipality has it
        ("tipo=servicios", ["Diseño de logo"]),
        ("tipo=productos", ["Arepa de chócolo", "Camisa bordada", "Café de origen"]),
        ("precio_min=30.000&precio_max=%24+100.000", ["Camisa bordada", "Café de origen"]),
        ("precio_max=5000", ["Arepa de chócolo"]),
        ("precio_min=100000&precio_max=30000", ["Camisa bordada", "Café de origen"]),  # swapped
        # Ranked as /buscar/ ranks it: the name first, then the listing of a business whose
        # name has the word.
        ("q=caf%C3%A9", ["Café de origen", "Diseño de logo"]),
        ("q=bordada&municipio=medellin", ["Camisa bordada"]),
    ],
)
def test_filters(client, assortment, query, expected):
    response = get(client, f"/catalogo/?{query}")

    if query == "municipio=99999":
        # Reported next to its field and ignored, so the bookmark still lists products.
        assert response.context["form"].errors["municipio"]
        assert len(names(response)) == 4
    else:
        assert names(response) == expected


def test_filters_combine_with_the_category(client, assortment):
    response = get(client, "/catalogo/alimentos-y-bebidas/?municipio=bello")

    assert names(response) == ["Café de origen"]


def test_invalid_price_is_reported_in_spanish_and_ignored(client, assortment):
    response = get(client, "/catalogo/?precio_min=mucho")

    assert len(names(response)) == 4
    assert "Escribe un valor en pesos, por ejemplo 50.000." in response.content.decode()


@pytest.mark.parametrize(
    ("orden", "expected"),
    [
        ("", ["Arepa de chócolo", "Camisa bordada", "Café de origen", "Diseño de logo"]),
        (
            "menor-precio",
            ["Arepa de chócolo", "Café de origen", "Camisa bordada", "Diseño de logo"],
        ),
        (
            "mayor-precio",
            ["Diseño de logo", "Camisa bordada", "Café de origen", "Arepa de chócolo"],
        ),
        ("nombre", ["Arepa de chócolo", "Café de origen", "Camisa bordada", "Diseño de logo"]),
    ],
)
def test_sorting(client, assortment, orden, expected):
    assert names(get(client, f"/catalogo/?orden={orden}")) == expected


def test_active_filters_can_be_removed_one_by_one(client, assortment):
    html = get(client, "/catalogo/?municipio=bello&tipo=servicios&orden=nombre").content.decode()

    assert 'class="filter-chip" href="/catalogo/?tipo=servicios&amp;orden=nombre"' in html
    assert 'class="filter-chip" href="/catalogo/?municipio=bello&amp;orden=nombre"' in html
    assert "Quitar filtros" in html


def test_pagination_keeps_the_filters(client, shop):
    for index in range(26):
        listing(shop, f"Arepa número {index:02d}", age_days=index)

    first = get(client, "/catalogo/?municipio=medellin&orden=nombre")
    assert len(names(first)) == 24
    html = first.content.decode()
    assert "26 resultados" in html
    assert 'href="?municipio=medellin&amp;orden=nombre&amp;pagina=2" rel="next"' in html
    assert "Página 1 de 2" in html

    second = get(client, "/catalogo/?municipio=medellin&orden=nombre&pagina=2")
    assert names(second) == ["Arepa número 24", "Arepa número 25"]


def test_cards_show_price_vendor_municipality_and_image(client, shop, bello):
    listing(shop, "Arepa de chócolo", price=45_900)
    listing(
        bello,
        "Fotografía de eventos",
        kind="service",
        pricing_mode="quote",
        category="fotografia-y-video",
        variants=[{"price": 0, "track_inventory": False, "stock_quantity": 0}],
    )
    listing(
        bello,
        "Catering para eventos",
        kind="service",
        pricing_mode="from",
        category="comida-preparada",
        variants=[{"price": 80_000, "track_inventory": False, "stock_quantity": 0}],
    )
    listing(
        shop,
        "Camiseta estampada",
        category="ropa",
        variants=[{"price": 35_000}, {"price": 42_000}],
    )

    html = get(client, "/catalogo/").content.decode()

    assert "$\u00a045.900" in html
    assert "Desde $\u00a080.000" in text(html)  # services priced "from"
    assert "Desde $\u00a035.000" in text(html)  # options priced differently
    assert "Precio a convenir" in html
    assert "$\u00a00" not in html  # a quote-priced service never shows its placeholder price
    assert "Arepas Doña Luz" in html and "Café La Montañera" in html
    assert "Medellín" in html and "Bello" in html
    assert 'href="/producto/' in html
    # Pictures: WebP and JPEG srcsets from storage, sizes, intrinsic size; the first row loads
    # at once, the rest lazily.
    assert 'type="image/webp" srcset="/media/products/' in html
    assert re.search(r'srcset="/media/products/\d+/abc-320\.jpg 320w, ', html)
    assert 'width="320" height="240"' in html
    assert 'sizes="(min-width: 72rem) 16rem' in html
    assert html.count('loading="eager"') == 2
    assert html.count('loading="lazy"') == 2


def test_card_without_images_shows_an_initial_not_a_broken_image(client, shop):
    listing(shop, "Bocadillo veleño", images=0)

    html = get(client, "/catalogo/").content.decode()

    assert 'class="product-card__placeholder" aria-hidden="true">B<' in html


def test_empty_results_explain_what_to_do(client, assortment):
    html = get(client, "/catalogo/?q=helado").content.decode()

    assert "0 resultados" in html
    assert "No encontramos resultados para «helado»" in html
    assert "Revisa cómo está escrita cada palabra." in html
    assert 'href="/catalogo/">Quitar filtros' in html


def test_search_input_keeps_the_words(client, assortment):
    html = get(client, "/catalogo/?q=caf%C3%A9").content.decode()

    assert 'value="café"' in html
    assert reverse("catalog:list") in html
