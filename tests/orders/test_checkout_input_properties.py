"""Properties of the buyer's checkout details: whatever a form or API client sends, the details
are stored cleaned, or refused with checkout codes and left as they were."""

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from hypothesis import given, settings
from hypothesis import strategies as st

from orders.error_codes import CheckoutErrorCode
from orders.models import CheckoutDetails
from orders.services.checkout import TEXT_LIMITS, checkout_update
from tests.properties import bounded, typed_text

from .support import BUYER, cart_with, service

CODES = set(CheckoutErrorCode) | {"invalid_nit"}
digits = st.text("0123456789", max_size=12)
unicode_digits = st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=8)
field_text = st.one_of(typed_text, digits, unicode_digits, st.sampled_from(list(BUYER.values())))

details = st.fixed_dictionaries(
    {},
    optional={
        "first_name": field_text,
        "last_name": field_text,
        "street_address": st.one_of(field_text, st.text(min_size=190, max_size=400)),
        "address_details": field_text,
        "postal_code": st.one_of(field_text, st.from_regex(r"\A[0-9]{6}\Z")),
        "email": st.one_of(field_text, st.emails()),
        "phone": st.one_of(field_text, st.from_regex(r"\A3[0-9]{9}\Z")),
        "document_type": st.one_of(field_text, st.sampled_from(["CC", "CE", "NIT", "PA"])),
        "document_number": field_text,
        "municipality": st.one_of(field_text, st.sampled_from(["05001", "medellin", "99999"])),
        "accept_terms": st.one_of(st.booleans(), field_text),
        "appointment_dates": st.lists(
            st.tuples(st.one_of(field_text, st.integers()), st.one_of(field_text, st.dates()))
        ),
    },
)


@pytest.fixture
def cart(shop):
    return cart_with((service(shop), 1))


def stored(cart):
    row = CheckoutDetails.objects.filter(cart=cart).first()
    return row and model_to_dict(row)


# Each example is a database transaction: half the usual number keeps the module quick.
@settings(bounded, max_examples=40)
@given(values=details)
def test_details_are_stored_clean_or_refused_with_codes_and_unchanged(cart, values):
    before = stored(cart)
    try:
        saved = checkout_update(cart=cart, values=values)
    except ValidationError as exc:
        codes = {error.code for errors in exc.error_dict.values() for error in errors}
        assert codes <= CODES, codes
        assert stored(cart) == before
        return
    for name, limit in TEXT_LIMITS.items():
        value = getattr(saved, name)
        assert len(value) <= limit and value == " ".join(value.split())
    assert saved.postal_code == "" or (saved.postal_code.isascii() and len(saved.postal_code) == 6)
    assert saved.phone == "" or saved.phone.startswith("+")
    for variant_id in saved.appointment_dates:
        assert variant_id.isascii() and variant_id.isdigit()


@pytest.mark.parametrize("variant_id", ["²", "①", "٣"])
def test_an_appointment_for_a_variant_written_in_other_digits_is_not_found(cart, variant_id):
    with pytest.raises(ValidationError) as exc:
        checkout_update(cart=cart, values={"appointment_dates": [(variant_id, "2030-01-01")]})
    assert [e.code for e in exc.value.error_dict["appointment_dates"]] == ["not_found"]


@pytest.mark.parametrize("code", ["٠٥٠٠٠١", "０５０００１"])
def test_a_postal_code_in_other_digits_is_refused(cart, code):
    with pytest.raises(ValidationError) as exc:
        checkout_update(cart=cart, values={"postal_code": code})
    assert [e.code for e in exc.value.error_dict["postal_code"]] == ["invalid_postal_code"]
