"""Home, catalogue, category and product pages for first-time anonymous visitors come whole from
the read cache (frontend_templates.views.page_cache), each with the visitor's own CSRF token,
and never for anyone with a session, nor after a change they could see."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.services.variants import variant_update

pytestmark = pytest.mark.usefixtures("read_cache")

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def _visit(path, **headers):
    """A first visit: a new browser, no cookies."""
    client = Client(enforce_csrf_checks=True)
    return client, client.get(path, **headers)


def _without_tokens(response) -> str:
    return TOKEN.sub("", response.content.decode())


@pytest.fixture
def pages(listing):
    product = listing.product
    return ["/", "/catalogo/", f"/catalogo/{product.category.slug}/", f"/producto/{product.slug}/"]


def test_a_second_first_visit_is_served_whole_without_sql(pages):
    for path in pages:
        _client, first = _visit(path)
        assert first.status_code == 200 and first.headers["X-Cache"] == "MISS", path
        with CaptureQueriesContext(connection) as queries:
            _client, second = _visit(path)
        assert second.headers["X-Cache"] == "HIT", path
        assert len(queries) == 0, (path, [q["sql"] for q in queries])
        assert _without_tokens(second) == _without_tokens(first), path


def test_a_cached_page_carries_a_token_of_its_own_that_the_cart_accepts(listing):
    path = f"/producto/{listing.product.slug}/"
    _visit(path)
    client, page = _visit(path)
    assert page.headers["X-Cache"] == "HIT"
    tokens = set(TOKEN.findall(page.content.decode()))
    assert tokens, "the product page has the add-to-cart form"
    assert "csrftoken" in page.cookies  # set for this visitor, as on any page with a form
    added = client.post(
        "/carrito/agregar/",
        {"variante": listing.pk, "cantidad": "1", "csrfmiddlewaretoken": tokens.pop()},
    )
    assert added.status_code == 302
    cart = client.get("/carrito/")
    assert listing.product.name in cart.content.decode()


def test_a_visitor_with_a_cart_gets_a_page_of_their_own(listing):
    path = f"/producto/{listing.product.slug}/"
    _visit(path)
    client, page = _visit(path)
    token = TOKEN.findall(page.content.decode())[0]
    client.post(
        "/carrito/agregar/", {"variante": listing.pk, "cantidad": "2", "csrfmiddlewaretoken": token}
    )
    again = client.get(path)
    assert "X-Cache" not in again.headers
    assert '<span class="cart-count" aria-hidden="true">2</span>' in again.content.decode()


def test_signed_in_visitors_are_never_served_from_the_cache(client, citizen, pages):
    for path in pages:
        _visit(path)
        _visit(path)
    client.force_login(citizen)
    for path in pages:
        assert "X-Cache" not in client.get(path).headers, path


def test_each_language_has_its_own_page(pages):
    _visit("/")
    _client, english = _visit("/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.headers["X-Cache"] == "MISS"
    assert english.headers["Content-Language"] == "en"


def test_a_price_change_is_seen_at_once(listing, vendor_owner, django_capture_on_commit_callbacks):
    path = f"/producto/{listing.product.slug}/"
    _visit(path)
    assert _visit(path)[1].headers["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        variant_update(variant=listing, updated_by=vendor_owner, values={"price": 12_300})
    _client, after = _visit(path)
    assert after.headers["X-Cache"] == "MISS"
    assert "12.300" in after.content.decode()


def test_without_the_read_cache_pages_are_always_rendered(settings, pages):
    settings.READ_CACHE_SECONDS = 0
    for path in pages:
        _visit(path)
        assert "X-Cache" not in _visit(path)[1].headers


def test_only_the_parameters_a_page_reads_make_a_page_of_their_own(listing):
    product_path = f"/producto/{listing.product.slug}/"
    for path in (f"{product_path}?variante={listing.pk}", "/catalogo/?orden=precio&pagina=1"):
        _visit(path)
        assert _visit(path)[1].headers["X-Cache"] == "HIT", path
    for path in (f"{product_path}?utm=1", "/catalogo/?x=1", "/?q=arepa"):
        _visit(path)
        response = _visit(path)[1]
        assert response.status_code == 200 and "X-Cache" not in response.headers, path
