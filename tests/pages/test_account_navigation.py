"""Sign-in returns the person where they were; "Mi cuenta" leads to the workspaces they have and
lists the quote requests they sent (each also copied to them by email)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.services.quotes import quote_request_create
from tests.factories import PASSWORD, ProductFactory, UserFactory, VariantFactory

LOGIN = "/cuenta/ingresar/"
ACCOUNT = "/cuenta/"


def _login_href(html: str) -> str:
    return re.search(r'href="(/cuenta/ingresar/[^"]*)"', html).group(1).replace("&amp;", "&")


@pytest.mark.django_db
def test_header_sign_in_link_returns_to_the_page_the_person_was_on(client, citizen):
    html = client.get("/carrito/").content.decode()
    href = _login_href(html)
    assert href == f"{LOGIN}?next=/carrito/"

    form = client.get(href).content.decode()
    assert '<input type="hidden" name="next" value="/carrito/">' in form
    response = client.post(
        href, {"username": citizen.email, "password": PASSWORD, "next": "/carrito/"}
    )
    assert response.status_code == 302 and response["Location"] == "/carrito/"


@pytest.mark.django_db
def test_sign_in_link_keeps_the_query_and_refuses_foreign_destinations(client, citizen):
    href = _login_href(client.get("/catalogo/?orden=precio").content.decode())
    assert href == f"{LOGIN}?next=/catalogo/%3Forden%3Dprecio"
    # The sign-in pages themselves do not point back to sign-in.
    assert _login_href(client.get(LOGIN).content.decode()) == LOGIN
    response = client.post(
        LOGIN,
        {"username": citizen.email, "password": PASSWORD, "next": "https://otro.example.com/"},
    )
    assert response["Location"] == reverse("accounts:account")


@pytest.mark.django_db
def test_account_shows_the_workspaces_each_person_has(client, citizen, vendor_owner, moderator):
    panel, console = reverse("vendors:dashboard"), reverse("staff:home")
    client.force_login(citizen)
    html = client.get(ACCOUNT).content.decode()
    assert panel not in html.split("<main", 1)[1] and console not in html
    client.force_login(vendor_owner)
    html = client.get(ACCOUNT).content.decode()
    assert f'class="account-shortcut" href="{panel}"' in html
    client.force_login(moderator)
    html = client.get(ACCOUNT).content.decode()
    assert f'class="account-shortcut" href="{console}"' in html
    assert f'class="account-shortcut" href="{panel}"' not in html


def _quote(product, requester, message):
    return quote_request_create(
        product_slug=product.slug,
        requester=requester,
        name="Valentina Ochoa",
        email=requester.email if requester else "anonima@example.com",
        phone="",
        municipality_slug="",
        message=message,
    )


@pytest.fixture
def quoted_services(vendor):
    return [
        VariantFactory(
            product=ProductFactory(
                vendor=vendor, kind="service", pricing_mode="quote", name=f"Diseño de empaque {i}"
            ),
            price=0,
            track_inventory=False,
        ).product
        for i in range(4)
    ]


@pytest.mark.django_db
def test_account_lists_only_my_quote_requests_and_i_get_a_copy(
    client, citizen, quoted_services, mailoutbox, django_capture_on_commit_callbacks
):
    other = UserFactory(email="otra@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        _quote(quoted_services[0], citizen, "Necesito cajas para 200 postres.")
    _quote(quoted_services[1], other, "Cotización que no es mía.")
    copies = [m for m in mailoutbox if m.to == [citizen.email]]
    assert len(copies) == 1
    assert "Diseño de empaque 0" in copies[0].subject
    assert "Necesito cajas para 200 postres." in copies[0].body
    assert "/cuenta/" in copies[0].body

    client.force_login(citizen)
    html = client.get(ACCOUNT).content.decode()
    assert "Diseño de empaque 0" in html and "Esperando respuesta" in html
    assert "Diseño de empaque 1" not in html


@pytest.mark.django_db
def test_account_page_queries_do_not_grow_with_quote_requests(client, citizen, quoted_services):
    client.force_login(citizen)
    _quote(quoted_services[0], citizen, "Primera solicitud de cotización.")
    with CaptureQueriesContext(connection) as one:
        client.get(ACCOUNT)
    for product in quoted_services[1:]:
        _quote(product, citizen, "Otra solicitud de cotización.")
    with CaptureQueriesContext(connection) as four:
        assert client.get(ACCOUNT).content.decode().count("account-quotes__item") == 4
    assert len(four) == len(one) <= 12
