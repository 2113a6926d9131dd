import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from marketplace.core.money import (
    format_cop,
    from_minor_units,
    to_minor_units,
    to_pesos,
    vat_contained,
)


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (45900, "$\u00a045.900"),
        (0, "$\u00a00"),
        (1_250_000, "$\u00a01.250.000"),
        (999, "$\u00a0999"),
    ],
)
def test_cop_is_shown_with_dot_thousands_and_no_decimals(amount, shown):
    assert format_cop(amount) == shown


def test_template_filter_formats_pesos():
    html = Template("{% load money %}{{ price|cop }}").render(Context({"price": 45900}))
    assert html == "$\u00a045.900"


@pytest.mark.parametrize("value", ["45900", 45900, "45900.00", " 12 "])
def test_whole_pesos_are_accepted(value):
    assert to_pesos(value) in {45900, 12}


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("45900.5", "amount_not_whole_pesos"),
        (-1, "amount_negative"),
        ("abc", "invalid"),
        (True, "invalid"),
    ],
)
def test_bad_amounts_name_the_field_and_code(value, code):
    with pytest.raises(ValidationError) as exc:
        to_pesos(value, field="price")
    assert exc.value.error_dict["price"][0].code == code


def test_gateways_get_minor_units_and_back():
    assert to_minor_units(50_000) == 5_000_000
    assert from_minor_units(5_000_000) == 50_000
    with pytest.raises(ValueError):
        from_minor_units(5_000_050)


def test_vat_contained_in_tax_inclusive_prices():
    assert vat_contained(119_000, 19) == 19_000
    assert vat_contained(105_000, 5) == 5_000
    assert vat_contained(45_900, 19) == 7_329
    assert vat_contained(45_900, 0) == 0


def test_absurd_amounts_are_refused_with_a_code():
    with pytest.raises(ValidationError) as exc:
        to_pesos(10**20, field="price")
    assert exc.value.error_dict["price"][0].code == "amount_too_large"
