"""The products list runs the same number of SQL queries for 3 products as for a full page:
prices, photos, stock and categories come in the page's own query, never one per row. (The staff moderation queue has its
own in tests/pages_staff/test_moderation_queue.py.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import ProductImage
from tests.factories import ProductFactory, VariantFactory


def _image(product, n):
    ProductImage.objects.create(
        product=product,
        alt=f"Foto {n}",
        position=0,
        image={
            "width": 320,
            "height": 320,
            "renditions": {
                "320": {
                    "webp": f"products/{product.pk}/a-320.webp",
                    "jpeg": f"products/{product.pk}/a-320.jpg",
                    "width": "320",
                    "height": "320",
                }
            },
        },
    )


def _portfolio(vendor, count, *, status, start=0):
    for n in range(start, start + count):
        product = ProductFactory(vendor=vendor, status=status, name=f"Producto {n}")
        VariantFactory(product=product, sku=f"Q-{status}-{n}-A", price=10_000 + n)
        VariantFactory(product=product, sku=f"Q-{status}-{n}-B", price=12_000 + n)
        _image(product, n)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


# Session, user, the business of the session (3), the member check, the status counts, the
# page (price, photo and stock figures included), the user's permissions (2), and the
# header's cart, orders to fulfil and unread notices.
PRODUCTS_QUERIES = 13


def test_products_list_query_count_is_constant(owner_client, vendor):
    _portfolio(vendor, 3, status="draft")
    owner_client.get("/vender/panel/productos/")  # warm up the session and the user
    small = _queries(owner_client, "/vender/panel/productos/")

    _portfolio(vendor, 52, status="draft", start=3)
    large = _queries(owner_client, "/vender/panel/productos/")
    second_page = _queries(owner_client, "/vender/panel/productos/?pagina=2")

    page = owner_client.get("/vender/panel/productos/")
    assert len(page.context["rows"]) == 50
    assert small == large == second_page
    assert large <= PRODUCTS_QUERIES


@pytest.mark.parametrize("filtered", [False, True])
def test_products_list_filtered_query_count_is_constant(owner_client, vendor, filtered):
    url = "/vender/panel/productos/" + ("?estado=published" if filtered else "")
    _portfolio(vendor, 3, status="published")
    owner_client.get(url)
    small = _queries(owner_client, url)

    _portfolio(vendor, 22, status="published", start=3)

    assert _queries(owner_client, url) == small <= PRODUCTS_QUERIES
