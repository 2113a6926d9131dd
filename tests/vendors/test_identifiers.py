import pytest
from django.core.exceptions import ValidationError

from vendors.identifiers import business_size, nit_format, nit_normalize


@pytest.mark.parametrize("raw", ["900.373.923-8", "900373923-8", " 9003739238 "])
def test_nit_is_normalised_to_digits_with_check_digit(raw):
    assert nit_normalize(raw) == "9003739238"
    assert nit_format("9003739238") == "900.373.923-8"


@pytest.mark.parametrize("raw", ["900.373.923-7", "123", "", "abc"])
def test_bad_nit_names_the_field(raw):
    with pytest.raises(ValidationError) as exc:
        nit_normalize(raw)
    assert exc.value.error_dict["nit"][0].code == "invalid_nit"


@pytest.mark.parametrize(
    ("income", "section", "size"),
    [
        (1_000_000_000, "C", "micro"),  # 19,093 UVT in 2026: micro manufacturing
        (1_300_000_000, "C", "pequena"),  # 24,821 UVT > 23,563
        (1_300_000_000, "G", "micro"),  # commerce threshold is 44,769
        (6_900_000_000, "I", "pequena"),  # services: 131,745 UVT <= 131,951
        (7_000_000_000, "I", "mediana"),  # 133,654 UVT
    ],
)
def test_business_size_follows_decreto_957(income, section, size):
    assert business_size(annual_income_cop=income, ciiu_section=section, year=2026) == size
