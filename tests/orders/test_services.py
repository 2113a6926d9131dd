"""The cart services: every rule that keeps a line buyable, each refusal with its stable code,
and nothing stored when they refuse."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from orders.models import Cart, CartLine
from orders.services.cart import cart_add, cart_merge, cart_remove, cart_set_quantity

from .support import goods, service, user_cart

pytestmark = pytest.mark.django_db


def refusal(exc: ValidationError) -> tuple[str, str]:
    (field, errors), *_ = exc.error_dict.items()
    return field, errors[0].code


def refused(call, **kwargs) -> tuple[str, str, str]:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    field, code = refusal(caught.value)
    return field, code, caught.value.messages[0]


@pytest.fixture
def cart(citizen):
    return user_cart(citizen)


def test_adding_creates_a_line_and_adding_again_adds_to_it(cart, arepa):
    line = cart_add(cart=cart, variant=arepa, quantity=2)
    again = cart_add(cart=cart, variant=arepa, quantity="3")

    assert again.pk == line.pk
    assert CartLine.objects.get(cart=cart).quantity == 5


@pytest.mark.parametrize(
    ("quantity", "code"),
    [
        (0, "quantity_out_of_range"),
        (-1, "quantity_out_of_range"),
        (100, "quantity_out_of_range"),
        ("1.5", "quantity_invalid"),
        ("dos", "quantity_invalid"),
        ("", "quantity_invalid"),
        (None, "quantity_invalid"),
        (True, "quantity_invalid"),
        ("NaN", "quantity_invalid"),
    ],
)
def test_quantity_is_a_whole_number_from_1_to_99(cart, shop, quantity, code):
    variant = goods(shop, "Bolsa de tela", stock=500)

    field, found, message = refused(cart_add, cart=cart, variant=variant, quantity=quantity)

    assert (field, found) == ("quantity", code)
    assert message in {
        "La cantidad va de 1 a 99 unidades.",
        "Escribe la cantidad en números enteros.",
    }
    assert not CartLine.objects.exists()


def test_whole_number_written_with_decimals_is_accepted(cart, arepa):
    assert cart_add(cart=cart, variant=arepa, quantity="2.0").quantity == 2


def test_a_line_never_passes_99_units(cart, shop):
    variant = goods(shop, "Bolsa de tela", stock=500)
    cart_add(cart=cart, variant=variant, quantity=60)

    field, code, _message = refused(cart_add, cart=cart, variant=variant, quantity=40)

    assert (field, code) == ("quantity", "quantity_out_of_range")
    assert CartLine.objects.get().quantity == 60


def test_stock_minus_allocated_is_the_limit(cart, arepa):
    # 10 in stock, 2 allocated: 8 can be bought.
    field, code, message = refused(cart_add, cart=cart, variant=arepa, quantity=9)

    assert (field, code) == ("quantity", "insufficient_stock")
    assert message == "Solo hay 8 unidades disponibles."
    assert cart_add(cart=cart, variant=arepa, quantity=8).quantity == 8


def test_adding_more_than_the_stock_left_counts_what_is_in_the_cart(cart, arepa):
    cart_add(cart=cart, variant=arepa, quantity=6)

    field, code, message = refused(cart_add, cart=cart, variant=arepa, quantity=3)

    assert (field, code) == ("quantity", "insufficient_stock")
    assert message == "Ya tienes 6 en tu carrito y solo hay 8 unidades disponibles."
    assert CartLine.objects.get().quantity == 6


def test_sold_out_goods_cannot_be_added(cart, shop):
    sold_out = goods(shop, "Obleas", stock=3, allocated=3)

    field, code, message = refused(cart_add, cart=cart, variant=sold_out, quantity=1)

    assert (field, code, message) == ("variant", "out_of_stock", "Esta opción está agotada.")
    assert not CartLine.objects.exists()


def test_untracked_inventory_has_no_stock_limit(cart, shop):
    made_to_order = goods(
        shop, "Torta por encargo", variants=[{"price": 90_000, "track_inventory": False}]
    )

    assert cart_add(cart=cart, variant=made_to_order, quantity=99).quantity == 99


@pytest.mark.parametrize("status", ["draft", "in_review", "unpublished", "archived", "rejected"])
def test_products_the_public_cannot_see_cannot_be_added(cart, arepa, status):
    arepa.product.status = status
    arepa.product.save(update_fields=["status"])

    field, code, message = refused(cart_add, cart=cart, variant=arepa, quantity=1)

    assert (field, code) == ("variant", "product_unavailable")
    assert message == "Este producto ya no está disponible en la tienda."
    assert not CartLine.objects.exists()


def test_a_suspended_vendors_goods_cannot_be_added(cart, arepa, shop):
    shop.status = "suspended"
    shop.save(update_fields=["status"])

    assert refused(cart_add, cart=cart, variant=arepa, quantity=1)[:2] == (
        "variant",
        "product_unavailable",
    )


def test_services_priced_on_request_cannot_be_added(cart, shop):
    quoted = service(shop, "Fotografía de eventos", pricing_mode="quote", price=0)

    field, code, message = refused(cart_add, cart=cart, variant=quoted, quantity=1)

    assert (field, code) == ("variant", "quote_only")
    assert message == "Este servicio se cotiza: pide una cotización al negocio."
    assert not CartLine.objects.exists()


@pytest.mark.parametrize("pricing_mode", ["fixed", "from"])
def test_services_with_a_price_can_be_added(cart, shop, pricing_mode):
    variant = service(shop, pricing_mode=pricing_mode)

    assert cart_add(cart=cart, variant=variant, quantity=2).quantity == 2


def test_the_stock_is_read_when_adding_not_from_the_callers_copy(cart, arepa):
    stale = type(arepa).objects.get(pk=arepa.pk)
    arepa.stock_quantity = arepa.allocated_quantity  # sold out meanwhile
    arepa.save(update_fields=["stock_quantity"])

    assert refused(cart_add, cart=cart, variant=stale, quantity=1)[1] == "out_of_stock"


def test_set_quantity_changes_the_line(cart, arepa):
    line = cart_add(cart=cart, variant=arepa, quantity=1)

    assert cart_set_quantity(line=line, quantity="4").quantity == 4
    assert CartLine.objects.get().quantity == 4


def test_set_quantity_to_zero_removes_the_line(cart, arepa):
    line = cart_add(cart=cart, variant=arepa, quantity=1)

    assert cart_set_quantity(line=line, quantity=0) is None
    assert not CartLine.objects.exists()


@pytest.mark.parametrize(
    ("quantity", "code"),
    [(9, "insufficient_stock"), (100, "quantity_out_of_range"), (-1, "quantity_out_of_range")],
)
def test_set_quantity_refusals_leave_the_line_as_it_was(cart, arepa, quantity, code):
    line = cart_add(cart=cart, variant=arepa, quantity=3)

    assert refused(cart_set_quantity, line=line, quantity=quantity)[1] == code
    assert CartLine.objects.get().quantity == 3


def test_a_line_whose_product_left_the_store_can_only_be_removed(cart, arepa):
    line = cart_add(cart=cart, variant=arepa, quantity=3)
    arepa.product.status = "unpublished"
    arepa.product.save(update_fields=["status"])

    assert refused(cart_set_quantity, line=line, quantity=2)[1] == "product_unavailable"
    assert CartLine.objects.get().quantity == 3
    cart_set_quantity(line=line, quantity=0)
    assert not CartLine.objects.exists()


def test_remove_deletes_the_line(cart, arepa):
    line = cart_add(cart=cart, variant=arepa, quantity=1)

    cart_remove(line=line)

    assert not CartLine.objects.exists()


def test_the_database_refuses_a_line_without_units(cart, arepa):
    with pytest.raises(IntegrityError), transaction.atomic():
        CartLine.objects.create(cart=cart, variant=arepa, quantity=0)


def test_the_database_refuses_two_lines_for_one_variant(cart, arepa):
    CartLine.objects.create(cart=cart, variant=arepa, quantity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CartLine.objects.create(cart=cart, variant=arepa, quantity=1)


class TestMerge:
    def test_lines_move_and_the_anonymous_cart_is_deleted(self, cart, arepa, cafe):
        anon = Cart.objects.create()
        cart_add(cart=anon, variant=cafe, quantity=2)

        merged = cart_merge(anon=anon, user_cart=cart)

        assert merged.pk == cart.pk
        assert not Cart.objects.filter(pk=anon.pk).exists()
        assert list(cart.lines.values_list("variant_id", "quantity")) == [(cafe.pk, 2)]

    def test_the_same_variant_in_both_carts_adds_up(self, cart, cafe):
        anon = Cart.objects.create()
        cart_add(cart=cart, variant=cafe, quantity=3)
        cart_add(cart=anon, variant=cafe, quantity=4)

        cart_merge(anon=anon, user_cart=cart)

        assert list(cart.lines.values_list("quantity", flat=True)) == [7]

    def test_adding_up_stops_at_the_stock_left(self, cart, arepa):
        anon = Cart.objects.create()
        cart_add(cart=cart, variant=arepa, quantity=5)
        cart_add(cart=anon, variant=arepa, quantity=6)

        cart_merge(anon=anon, user_cart=cart)

        assert list(cart.lines.values_list("quantity", flat=True)) == [8]

    def test_adding_up_stops_at_99(self, cart, shop):
        variant = goods(shop, "Bolsa de tela", stock=500)
        anon = Cart.objects.create()
        cart_add(cart=cart, variant=variant, quantity=70)
        cart_add(cart=anon, variant=variant, quantity=70)

        cart_merge(anon=anon, user_cart=cart)

        assert list(cart.lines.values_list("quantity", flat=True)) == [99]

    def test_a_line_that_no_longer_fits_is_kept_for_the_summary_to_flag(self, cart, arepa):
        anon = Cart.objects.create()
        cart_add(cart=anon, variant=arepa, quantity=5)
        arepa.product.status = "unpublished"
        arepa.product.save(update_fields=["status"])

        cart_merge(anon=anon, user_cart=cart)

        assert list(cart.lines.values_list("quantity", flat=True)) == [5]
