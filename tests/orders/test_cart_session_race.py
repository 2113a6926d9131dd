"""Parallel first adds in one new anonymous session: each request reads the session before any of
them stored a cart token. They must all land in one cart, with no add lost (PostgreSQL: SQLite
serialises whole-database writes, so it cannot race)."""

import threading

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client

from orders.models import Cart, CartLine

from .support import goods, storefront_vendor

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="concurrent requests need PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

ADDS = 12


def test_parallel_first_adds_in_one_session_share_one_cart():
    shop = storefront_vendor(display_name="Arepas Doña Luz", slug="arepas-dona-luz")
    arepa = goods(shop, "Arepa de chócolo", price=4_500, stock=50)
    session = SessionStore()
    session["visited"] = True
    session.create()
    barrier, answers = threading.Barrier(ADDS), []

    def add():
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        try:
            barrier.wait()
            response = client.post("/carrito/agregar/", {"variante": arepa.pk, "cantidad": "1"})
            answers.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=add) for _ in range(ADDS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == [302] * ADDS
    cart = Cart.objects.get()
    assert CartLine.objects.get(cart=cart).quantity == ADDS
    stored = SessionStore(session_key=session.session_key).load()
    assert stored["orders.cart_token"] == str(cart.token)
