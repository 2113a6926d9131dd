"""Properties of pesos: what any input becomes, how amounts are shown, and the IVA they hold."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from marketplace.core.money import (
    MAX_PESOS,
    format_cop,
    from_minor_units,
    to_minor_units,
    to_pesos,
    vat_contained,
)
from tests.properties import bounded, typed_text

AMOUNT_CODES = {"invalid", "amount_not_whole_pesos", "amount_negative", "amount_too_large"}
pesos = st.integers(min_value=0, max_value=MAX_PESOS)
rates = st.sampled_from([0, 5, 19])

anything_an_amount_field_receives = st.one_of(
    typed_text,
    st.integers(),
    st.floats(),
    st.decimals(),
    st.booleans(),
    st.none(),
    st.sampled_from(["sNaN", "-sNaN", "NaN", "Infinity", "-inf", "1e999999999", "1E-9", "٣٤٥"]),
)


@bounded
@given(value=anything_an_amount_field_receives)
def test_any_amount_becomes_whole_pesos_or_a_coded_error(value):
    try:
        amount = to_pesos(value, field="price")
    except ValidationError as exc:
        [error] = exc.error_dict["price"]
        assert error.code in AMOUNT_CODES
    else:
        assert type(amount) is int
        assert 0 <= amount <= MAX_PESOS


@pytest.mark.parametrize("value", ["sNaN", "-sNaN", Decimal("sNaN"), "NaN", "Infinity"])
def test_not_a_number_is_an_invalid_amount(value):
    with pytest.raises(ValidationError) as exc:
        to_pesos(value, field="price")
    assert exc.value.error_dict["price"][0].code == "invalid"


@bounded
@given(amount=pesos)
def test_whole_pesos_round_trip_through_text_and_minor_units(amount):
    assert to_pesos(str(amount)) == amount
    assert to_pesos(f" {amount}.00 ") == amount
    assert from_minor_units(to_minor_units(amount)) == amount


@bounded
@given(amount=pesos)
def test_a_shown_amount_reads_back_as_the_same_pesos(amount):
    shown = format_cop(amount)
    assert shown.startswith("$\u00a0")
    digits = shown.removeprefix("$\u00a0")
    # Dots group thousands, three digits at a time, and nothing else is written.
    assert all(len(group) == 3 for group in digits.split(".")[1:])
    assert int(digits.replace(".", "")) == amount


@bounded
@given(gross=pesos, rate=rates)
def test_iva_contained_never_exceeds_the_price_and_leaves_a_base(gross, rate):
    vat = vat_contained(gross, rate)
    assert 0 <= vat <= gross
    exact = Decimal(gross) * rate / (100 + rate)
    # Rounded to the nearest peso, and nothing at all when the rate is zero.
    assert abs(vat - exact) <= Decimal("0.5")
