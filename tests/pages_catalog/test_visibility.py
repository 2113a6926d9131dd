"""Only what the visibility rule lets through reaches the storefront; sold-out goods stay listed
and say so."""

import pytest
from django.urls import reverse

from vendors.models import Vendor

from .support import listing, storefront_vendor

pytestmark = pytest.mark.django_db


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def product_url(product):
    return reverse("catalog:product", args=[product.slug])


def test_urls():
    assert reverse("catalog:list") == "/catalogo/"
    assert reverse("catalog:category", args=["ropa"]) == "/catalogo/ropa/"
    assert reverse("catalog:product", args=["arepa"]) == "/producto/arepa/"
    assert reverse("catalog:quote", args=["arepa"]) == "/producto/arepa/cotizacion/"


@pytest.mark.parametrize("status", ["draft", "in_review", "rejected", "unpublished", "archived"])
def test_unpublished_listing_is_a_404_and_absent_from_listings(client, shop, status):
    hidden = listing(shop, "Arepa escondida", status=status)
    listing(shop, "Arepa a la vista")

    html(client, product_url(hidden), status=404)
    for url in ("/catalogo/", "/catalogo/alimentos-y-bebidas/", "/", f"/negocios/{shop.slug}/"):
        page = html(client, url)
        assert "Arepa a la vista" in page
        assert "Arepa escondida" not in page


@pytest.mark.parametrize("status", ["suspended", "closed", "pending_review"])
def test_listing_of_an_inactive_vendor_vanishes(client, shop, status):
    product = listing(shop, "Arepa de un negocio suspendido")
    other = storefront_vendor()
    listing(other, "Café de otro negocio", category="cafe-y-chocolate")
    assert "Arepa de un negocio suspendido" in html(client, "/catalogo/")

    Vendor.objects.filter(pk=shop.pk).update(status=status)

    html(client, product_url(product), status=404)
    for url in ("/catalogo/", "/catalogo/comida-preparada/", "/", "/catalogo/?q=arepa"):
        page = html(client, url)
        assert "Arepa de un negocio suspendido" not in page
    assert "Café de otro negocio" in html(client, "/catalogo/")


def test_sold_out_goods_stay_listed_with_an_agotado_badge(client, shop):
    sold_out = listing(shop, "Arepa agotada", stock=0)
    listing(shop, "Arepa con existencias", stock=8)

    page = html(client, "/catalogo/")
    assert "Arepa agotada" in page
    assert page.count('class="product-card__badge">Agotado<') == 1
    assert "product-card--out" in page

    detail = html(client, product_url(sold_out))
    assert 'class="stock stock--out">Agotado' in detail


def test_in_stock_filter_leaves_sold_out_goods_out(client, shop):
    listing(shop, "Arepa agotada", stock=0)
    listing(shop, "Arepa con existencias", stock=8)

    page = html(client, "/catalogo/?disponibles=on")
    assert "Arepa con existencias" in page
    assert "Arepa agotada" not in page


def test_unknown_product_and_category_are_404(client, db):
    html(client, "/producto/no-existe/", status=404)
    html(client, "/catalogo/no-existe/", status=404)
