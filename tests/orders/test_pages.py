"""The cart through the pages: the product page's form adds goods (or says why it cannot), the
cart page lists them by business with quantities to change and lines to remove, the header
counts the units, and a visitor's cart follows them when they sign in."""

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from orders.models import Cart, CartLine
from tests.pages_catalog.support import listing, text

from .support import goods, service

pytestmark = pytest.mark.django_db

CART = "/carrito/"
ADD = "/carrito/agregar/"


def product_page(client, variant, query="") -> str:
    url = reverse("catalog:product", args=[variant.product.slug])
    response = client.get(url + query)
    assert response.status_code == 200
    return response.content.decode()


def add(client, variant, quantity="1", **extra):
    return client.post(ADD, {"variante": variant.pk, "cantidad": quantity, **extra}, follow=True)


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def header_count(html: str) -> str:
    return re.search(r'<span class="cart-count" aria-hidden="true">(\d+)</span>', html).group(1)


class TestProductPage:
    def test_goods_get_a_real_add_to_cart_form(self, client, arepa):
        html = product_page(client, arepa)

        form = re.search(r'<form class="add-to-cart".*?</form>', html, re.S).group(0)
        assert f'action="{ADD}"' in form and 'method="post"' in form
        assert "csrfmiddlewaretoken" in form
        assert f'name="variante" value="{arepa.pk}"' in form
        # 10 in stock, 2 allocated.
        assert 'name="cantidad" value="1" min="1" max="8"' in form
        assert "Agregar al carrito" in form and "disabled" not in form
        assert "Desde el carrito finalizas la compra" in form

    def test_options_are_chosen_inside_the_form_that_adds(self, client, shop):
        product = listing(
            shop,
            "Matera",
            variants=[{"name": "Pequeña", "price": 28_000}, {"name": "Grande", "price": 78_000}],
        )
        small, large = product.variants.order_by("pk")
        html = product_page(client, small)

        form = re.search(r'<form class="add-to-cart".*?</form>', html, re.S).group(0)
        assert form.count('type="radio" name="variante"') == 2
        response = add(client, large)
        assert shown_messages(response) == [
            "Agregaste 1 × «Matera (Grande)» al carrito (ahora tienes 1)."
        ]

    def test_see_this_option_shows_it_and_adds_nothing(self, client, shop):
        product = listing(
            shop, "Matera", variants=[{"name": "Pequeña"}, {"name": "Grande", "price": 78_000}]
        )
        large = product.variants.order_by("pk").last()

        response = client.post(ADD, {"variante": large.pk, "cantidad": "1", "ver": "1"})

        assert response.status_code == 302
        assert response["Location"] == f"/producto/{product.slug}/?variante={large.pk}"
        assert not CartLine.objects.exists() and not Cart.objects.exists()

    def test_sold_out_goods_show_the_button_disabled_and_why(self, client, shop):
        sold_out = goods(shop, "Obleas", stock=0)

        html = product_page(client, sold_out)

        assert re.search(
            r'<button class="button button--primary add-to-cart__button"[^>]*disabled', html
        )
        assert "Agotado por ahora: pregúntale al negocio cuándo vuelve a tenerlo." in html

    def test_services_on_quote_keep_the_quote_request_and_no_cart(self, client, shop):
        quoted = service(shop, "Fotografía de eventos", pricing_mode="quote", price=0)

        html = product_page(client, quoted)

        assert "Solicitar cotización" in html
        assert "Agregar al carrito" not in html

    def test_header_shows_the_units_in_the_cart(self, client, arepa):
        assert header_count(product_page(client, arepa)) == "0"

        response = add(client, arepa, "3")

        html = response.content.decode()
        assert header_count(html) == "3"
        assert "(3 unidades)" in html


class TestAdding:
    def test_adding_says_so_and_returns_to_the_product(self, client, arepa):
        response = add(client, arepa, "2")

        assert response.redirect_chain == [
            (f"/producto/{arepa.product.slug}/?variante={arepa.pk}", 302)
        ]
        assert shown_messages(response) == [
            "Agregaste 2 × «Arepa de chócolo» al carrito (ahora tienes 2)."
        ]
        assert CartLine.objects.get().quantity == 2

    def test_an_anonymous_visitor_gets_a_cart_kept_in_the_session(self, client, arepa):
        add(client, arepa)

        cart = Cart.objects.get()
        assert cart.user is None
        assert client.session["orders.cart_token"] == str(cart.token)
        add(client, arepa)
        assert Cart.objects.count() == 1 and CartLine.objects.get().quantity == 2

    def test_a_signed_in_shopper_adds_to_their_own_cart(self, client, citizen, arepa):
        client.force_login(citizen)

        add(client, arepa)

        assert Cart.objects.get().user == citizen

    def test_a_refusal_is_shown_and_nothing_is_stored(self, client, arepa):
        response = add(client, arepa, "9")

        assert shown_messages(response) == ["Solo hay 8 unidades disponibles."]
        assert not CartLine.objects.exists() and not Cart.objects.exists()
        assert "orders.cart_token" not in client.session

    def test_unknown_variant_is_404(self, client, arepa):
        assert client.post(ADD, {"variante": "999999", "cantidad": "1"}).status_code == 404
        assert client.post(ADD, {"variante": "x", "cantidad": "1"}).status_code == 404

    def test_an_unpublished_product_cannot_be_added(self, client, arepa):
        arepa.product.status = "unpublished"
        arepa.product.save(update_fields=["status"])

        response = client.post(ADD, {"variante": arepa.pk, "cantidad": "1"}, follow=True)

        # Its page is gone: the catalogue says why nothing was added.
        assert response.redirect_chain == [("/catalogo/", 302)]
        assert shown_messages(response) == ["Este producto ya no está disponible en la tienda."]
        assert not CartLine.objects.exists()

    def test_adding_needs_post_and_csrf(self, arepa):
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        assert strict.get(ADD).status_code == 405
        assert strict.post(ADD, {"variante": arepa.pk, "cantidad": "1"}).status_code == 403


class TestCartPage:
    def test_empty_cart_points_to_the_catalogue(self, client):
        html = client.get(CART).content.decode()

        assert "Tu carrito está vacío" in html
        assert 'href="/catalogo/"' in html

    def test_lines_by_business_with_subtotals_total_and_no_fake_checkout(self, client, arepa, cafe):
        add(client, arepa, "2")
        add(client, cafe, "1")

        response = client.get(CART)
        html = response.content.decode()
        page = text(html)

        assert response.status_code == 200
        assert "Vendido por Arepas Doña Luz" in page and "Vendido por Café La Montañera" in page
        assert "$\u00a04.500 c/u" in page
        assert "Subtotal de este negocio $\u00a09.000" in page
        assert "Subtotal de este negocio $\u00a032.000" in page
        assert re.search(r"Total Sin IVA: estos negocios no cobran IVA \$\u00a041\.000", page)
        assert 'href="/comprar/"' in html and "Continuar con la compra" in page
        assert html.count('name="cantidad"') == 2
        assert html.count('class="cart-line__remove-button"') == 2
        assert 'alt=""' in html and "abc-320.jpg" in html  # the product's photo

    def test_each_business_gets_a_whatsapp_message_with_its_lines(self, client, arepa, cafe):
        add(client, arepa, "2")
        add(client, cafe, "1")

        html = client.get(CART).content.decode()

        links = re.findall(r'href="(https://wa\.me/\d+\?text=[^"]+)"', html)
        assert len(links) == 2
        first = unquote(links[0].split("text=", 1)[1])
        assert "- 2 × Arepa de chócolo: $\u00a09.000" in first
        assert "Café" not in first
        assert "Pedir a Arepas Doña Luz por WhatsApp" in html

    def test_unavailable_lines_are_shown_flagged(self, client, arepa, cafe):
        add(client, arepa, "2")
        add(client, cafe, "1")
        arepa.product.status = "unpublished"
        arepa.product.save(update_fields=["status"])

        html = client.get(CART).content.decode()
        page = text(html)

        assert "Este producto ya no está disponible en la tienda. No se suma al total." in page
        assert re.search(r"Total Sin IVA: estos negocios no cobran IVA \$\u00a032\.000", page)
        # Its page is gone and its quantity cannot change: only removing is offered.
        assert f'href="/producto/{arepa.product.slug}/"' not in html
        assert html.count('name="cantidad"') == 1
        assert html.count('class="cart-line__remove-button"') == 2
        assert "Escribir a Arepas Doña Luz por WhatsApp" in page

    def test_change_quantity(self, client, arepa):
        add(client, arepa, "2")
        line = CartLine.objects.get()

        response = client.post(
            reverse("cart:line_update", args=[line.pk]), {"cantidad": "5"}, follow=True
        )

        assert response.redirect_chain == [(CART, 302)]
        assert shown_messages(response) == ["Actualizamos la cantidad de «Arepa de chócolo» a 5."]
        assert CartLine.objects.get().quantity == 5

    def test_a_refused_quantity_says_why_and_changes_nothing(self, client, arepa):
        add(client, arepa, "2")
        line = CartLine.objects.get()

        response = client.post(
            reverse("cart:line_update", args=[line.pk]), {"cantidad": "50"}, follow=True
        )

        assert shown_messages(response) == ["«Arepa de chócolo»: Solo hay 8 unidades disponibles."]
        assert CartLine.objects.get().quantity == 2

    def test_quantity_zero_removes(self, client, arepa):
        add(client, arepa)
        line = CartLine.objects.get()

        client.post(reverse("cart:line_update", args=[line.pk]), {"cantidad": "0"})

        assert not CartLine.objects.exists()

    def test_remove(self, client, arepa):
        add(client, arepa)
        line = CartLine.objects.get()

        response = client.post(reverse("cart:line_remove", args=[line.pk]), follow=True)

        assert shown_messages(response) == ["Quitaste «Arepa de chócolo» del carrito."]
        assert not CartLine.objects.exists()
        assert "Tu carrito está vacío" in response.content.decode()

    def test_cart_page_in_english(self, client, arepa):
        add(client, arepa)
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})

        html = client.get(CART).content.decode()

        assert "Your cart" in html
        assert "Continue to checkout" in html


class TestIsolation:
    """One shopper can never see or touch another's line: it is a 404, like a line that does
    not exist."""

    @pytest.fixture
    def someone_elses_line(self, arepa):
        from tests.factories import UserFactory

        other = UserFactory()
        cart = Cart.objects.create(user=other)
        return CartLine.objects.create(cart=cart, variant=arepa, quantity=2)

    @pytest.mark.parametrize("signed_in", [True, False])
    def test_changing_or_removing_another_shoppers_line_is_404(
        self, client, citizen, arepa, someone_elses_line, signed_in
    ):
        if signed_in:
            client.force_login(citizen)
        add(client, arepa)  # the requester has a cart of their own

        update = reverse("cart:line_update", args=[someone_elses_line.pk])
        remove = reverse("cart:line_remove", args=[someone_elses_line.pk])
        assert client.post(update, {"cantidad": "1"}).status_code == 404
        assert client.post(remove).status_code == 404
        someone_elses_line.refresh_from_db()
        assert someone_elses_line.quantity == 2

    def test_another_visitors_anonymous_cart_is_not_reachable(self, client, arepa):
        from django.test import Client

        visitor = Client()
        add(visitor, arepa, "2")
        line = CartLine.objects.get()

        assert client.post(reverse("cart:line_remove", args=[line.pk])).status_code == 404
        assert "Tu carrito está vacío" in client.get(CART).content.decode()

    def test_a_forged_session_token_finds_nothing(self, client, arepa):
        add(client, arepa)
        session = client.session
        session["orders.cart_token"] = "not-a-uuid"
        session.save()

        assert "Tu carrito está vacío" in client.get(CART).content.decode()


class TestSignIn:
    def test_the_visitors_cart_joins_the_account_at_login(
        self, client, citizen, password, arepa, cafe
    ):
        mine = Cart.objects.create(user=citizen)
        CartLine.objects.create(cart=mine, variant=arepa, quantity=1)
        add(client, arepa, "2")
        add(client, cafe, "1")

        response = client.post(
            "/cuenta/ingresar/", {"username": citizen.email, "password": password}
        )

        assert response.status_code == 302
        assert Cart.objects.get() == mine
        assert dict(mine.lines.values_list("variant_id", "quantity")) == {arepa.pk: 3, cafe.pk: 1}
        assert "orders.cart_token" not in client.session
        assert header_count(client.get(CART).content.decode()) == "4"

    def test_after_logout_the_visitor_starts_with_an_empty_cart(self, client, citizen, arepa):
        client.force_login(citizen)
        add(client, arepa)

        client.post("/cuenta/salir/")

        assert "Tu carrito está vacío" in client.get(CART).content.decode()
        assert Cart.objects.get().user == citizen


def test_header_count_costs_one_query_at_most(
    client, citizen, arepa, django_assert_max_num_queries
):
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = citizen
    request.session = {}
    template = Template("{% load cart_tags %}{% cart_item_count as n %}{{ n }}")
    with django_assert_max_num_queries(1):
        assert template.render(Context({"request": request})) == "0"

    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with django_assert_max_num_queries(0):
        assert template.render(Context({"request": request})) == "0"
