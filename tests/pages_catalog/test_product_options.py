"""The option tiles of a product page: values of one shared option are titled by it and say only
their value; each tile repeats the price only when the options differ in price; «Ver esta
opción» comes after «Agregar al carrito», so Enter in the quantity adds to the cart."""

import re

from django.urls import reverse

from .support import listing, text


def _form(client, product) -> str:
    html = client.get(reverse("catalog:product", args=[product.slug])).content.decode()
    return re.search(r'<form class="add-to-cart".*?</form>', html, re.S).group(0)


def test_sizes_are_titled_by_the_option_and_say_only_their_value(client, shop):
    product = listing(
        shop,
        "Tenis de cuero blanco",
        category="ropa",
        variants=[{"price": 159_000, "options": [["talla", size]]} for size in ("36", "37", "38")],
    )

    form = _form(client, product)

    assert '<legend class="variant-form__legend">Talla</legend>' in form
    assert 'class="variant-list variant-list--short"' in form
    assert re.findall(r'<span class="variant__name">([^<]*)</span>', form) == ["36", "37", "38"]
    # Same price everywhere: the price box says it once.
    assert "variant__price" not in form


def test_options_differing_in_price_show_it_on_each_tile(client, shop):
    product = listing(
        shop,
        "Uniforme escolar de diario",
        category="ropa",
        variants=[
            {"price": 98_000, "options": [["talla", "6"]]},
            {"price": 102_000, "options": [["talla", "10"]]},
        ],
    )

    form = _form(client, product)

    assert "Talla</legend>" in form
    assert "$\u00a098.000" in text(form) and "$\u00a0102.000" in text(form)


def test_mixed_options_keep_their_full_names(client, shop):
    product = listing(
        shop,
        "Camiseta estampada",
        category="ropa",
        variants=[
            {"price": 35_000, "options": [["talla", "S"]]},
            {"price": 35_000, "options": [["talla", "M"], ["color", "Rojo"]]},
        ],
    )

    form = _form(client, product)

    assert '<legend class="variant-form__legend">Opciones</legend>' in form
    assert "variant-list--short" not in form
    assert "Talla: S" in form and "Talla: M · Color: Rojo" in form


def test_the_add_button_is_the_form_default(client, shop):
    product = listing(
        shop,
        "Bolso de cuero tipo tote",
        variants=[{"price": 189_000, "options": [["color", c]]} for c in ("Miel", "Negro")],
    )

    form = _form(client, product)

    buttons = re.findall(r'<button class="([^"]*)" type="submit"', form)
    assert len(buttons) == 2
    assert "add-to-cart__button" in buttons[0] and "add-to-cart__view" in buttons[1]
    assert form.count('name="ver"') == 1
