"""Properties of NIT parsing: DIAN's check digit decides, however the number is written."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from tests.properties import bounded, typed_text
from vendors.identifiers import nit_format, nit_normalize

# DIAN's prime weights, applied from the rightmost digit of the number without its check digit.
WEIGHTS = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)


def check_digit(base: str) -> str:
    remainder = sum(w * int(d) for w, d in zip(WEIGHTS, reversed(base), strict=False)) % 11
    return str(remainder if remainder < 2 else 11 - remainder)


bases = st.text("0123456789", min_size=7, max_size=15)


def written(base: str, digit: str) -> st.SearchStrategy[str]:
    """The ways people write one NIT: bare, with its hyphen, with thousands dots, padded."""
    return st.sampled_from(
        [
            base + digit,
            f"{base}-{digit}",
            f"{base} - {digit}",
            nit_format(base + digit),
            f"  {nit_format(base + digit)}\t",
        ]
    )


@bounded
@given(data=st.data(), base=bases)
def test_a_nit_with_its_check_digit_reads_back_however_it_is_written(data, base):
    nit = base + check_digit(base)
    assert nit_normalize(data.draw(written(base, check_digit(base)))) == nit
    assert nit_normalize(nit_format(nit)) == nit


@bounded
@given(data=st.data(), base=bases)
def test_any_other_check_digit_is_refused_with_invalid_nit(data, base):
    wrong = data.draw(st.sampled_from("0123456789").filter(lambda d: d != check_digit(base)))
    with pytest.raises(ValidationError) as exc:
        nit_normalize(data.draw(written(base, wrong)), field="document")
    assert [error.code for error in exc.value.error_dict["document"]] == ["invalid_nit"]


@bounded
@given(raw=st.one_of(typed_text, st.from_regex(r"\A[0-9 .\-]{0,24}\Z"), st.none()))
def test_any_text_is_a_checked_nit_or_invalid_nit(raw):
    try:
        nit = nit_normalize(raw)
    except ValidationError as exc:
        assert [error.code for error in exc.error_dict["nit"]] == ["invalid_nit"]
    else:
        assert nit.isascii() and nit.isdigit() and 8 <= len(nit) <= 16
        assert nit[-1] == check_digit(nit[:-1])
        assert nit_normalize(nit) == nit
