"""Properties of phone parsing: one E.164 number however a Colombian writes it, or a coded
error, and the shown form reads back."""

from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from marketplace.accounts.phones import phone_display, phone_normalize
from tests.properties import bounded, typed_text

# Mobiles (3xx), and landlines with their area code (60x) since the 2021 numbering plan.
national = st.from_regex(r"\A(3[0-9]{9}|60[1-8][0-9]{7})\Z")


def spellings(digits: str) -> list[str]:
    spaced = f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return [
        digits,
        spaced,
        f"{digits[:3]}-{digits[3:6]}-{digits[6:]}",
        f"({digits[:3]}) {digits[3:]}",
        f"+57{digits}",
        f"+57 {spaced}",
        f"  {spaced}  ",
    ]


def outcome(raw):
    try:
        return phone_normalize(raw)
    except ValidationError as exc:
        return [error.code for error in exc.error_dict["phone"]]


@bounded
@given(digits=national)
def test_every_spelling_of_a_number_gives_the_same_answer(digits):
    answers = {str(outcome(raw)) for raw in spellings(digits)}
    assert len(answers) == 1, answers
    answer = outcome(digits)
    assert answer in (f"+57{digits}", ["invalid_phone"])


@bounded
@given(raw=st.one_of(typed_text, national, st.from_regex(r"\A\+?[0-9 ()\-]{0,20}\Z")))
def test_any_text_is_e164_or_invalid_phone_and_normalising_twice_changes_nothing(raw):
    answer = outcome(raw)
    if isinstance(answer, list):
        assert answer == ["invalid_phone"]
        return
    if answer:
        assert answer.startswith("+") and answer[1:].isascii() and answer[1:].isdigit()
    assert phone_normalize(answer) == answer
    assert phone_normalize(phone_display(answer)) == answer
