"""The cart's total says what is true about IVA for the sellers in it: a seller that is not
responsible for IVA charges none."""

import re

import pytest

from tests.orders.support import goods
from tests.pages_vendors.support import storefront_vendor

pytestmark = pytest.mark.django_db


def _tax_note(client) -> str:
    html = client.get("/carrito/").content.decode()
    return re.search(r'<span class="cart-total__tax">([^<]*)</span>', html).group(1)


def _add(client, variant):
    client.post("/carrito/agregar/", {"variante": variant.pk, "cantidad": "1"})


@pytest.fixture
def responsible(db):
    return storefront_vendor(display_name="Café La Montañera", slug="cafe", vat_responsible=True)


@pytest.fixture
def not_responsible(db):
    return storefront_vendor(display_name="Arepas Doña Luz", slug="arepas", vat_responsible=False)


def test_only_sellers_outside_iva_say_no_iva(client, not_responsible):
    _add(client, goods(not_responsible, "Arepa de chócolo", tax_class="iva_19"))
    assert _tax_note(client) == "Sin IVA: estos negocios no cobran IVA"


def test_sellers_charging_iva_say_it_is_included(client, responsible):
    _add(client, goods(responsible, "Café de origen 500 g", tax_class="iva_19"))
    assert _tax_note(client) == "IVA incluido"


def test_a_mixed_cart_says_where_it_applies(client, responsible, not_responsible):
    _add(client, goods(responsible, "Café de origen 500 g", tax_class="iva_19"))
    _add(client, goods(not_responsible, "Arepa de chócolo", tax_class="iva_19"))
    assert _tax_note(client) == "IVA incluido donde aplica"
