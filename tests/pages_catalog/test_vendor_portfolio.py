"""A vendor's page shows its visible listings, paginated, with the same cards as the catalogue."""

import pytest

from .support import listing

pytestmark = pytest.mark.django_db


def test_vendor_page_shows_its_visible_listings(client, shop):
    listing(shop, "Arepa de chócolo", price=4_500)
    listing(shop, "Arepa escondida", status="draft")
    listing(shop, "Arepa agotada", stock=0)

    html = client.get(f"/negocios/{shop.slug}/").content.decode()

    assert "Portafolio" in html
    assert "2 productos y servicios" in html
    assert "Arepa de chócolo" in html and "$\u00a04.500" in html
    assert "Arepa agotada" in html and "Agotado" in html
    assert "Arepa escondida" not in html
    assert "Pronto verás aquí los productos" not in html


def test_portfolio_is_paginated_and_links_back_to_itself(client, shop):
    for index in range(14):
        listing(shop, f"Arepa {index:02d}", age_days=index)

    first = client.get(f"/negocios/{shop.slug}/")
    assert len(first.context["portfolio_cards"]) == 12
    assert 'href="?pagina=2#portafolio" rel="next"' in first.content.decode()

    second = client.get(f"/negocios/{shop.slug}/?pagina=2")
    assert [c["product"].name for c in second.context["portfolio_cards"]] == [
        "Arepa 12",
        "Arepa 13",
    ]


def test_vendor_without_listings_keeps_the_placeholder(client, shop):
    html = client.get(f"/negocios/{shop.slug}/").content.decode()

    assert "Pronto verás aquí los productos y servicios de este negocio" in html
