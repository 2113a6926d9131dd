"""Colombian business days (Sundays and national holidays skipped) for the retracto deadline."""

from datetime import date

import pytest

from orders.business_days import business_days_after, is_business_day


@pytest.mark.parametrize(
    ("delivered", "deadline"),
    [
        # Holy Week: Maundy Thursday and Good Friday do not count; Saturday does.
        (date(2026, 3, 31), date(2026, 4, 8)),
        # Saint Joseph moved to Monday 23 March (Ley Emiliani).
        (date(2026, 3, 20), date(2026, 3, 27)),
        # Across the new year: 1 January and the Sunday skipped; Epiphany 2027 moves to the 11th.
        (date(2026, 12, 31), date(2027, 1, 7)),
        # An ordinary week: Monday to Saturday count, Sunday does not.
        (date(2026, 2, 2), date(2026, 2, 7)),
        (date(2026, 2, 4), date(2026, 2, 10)),
        # The Virgin of Chiquinquirá, a holiday from 2026 (Monday 13 July).
        (date(2026, 7, 10), date(2026, 7, 17)),
    ],
)
def test_five_business_days_after_delivery(delivered, deadline):
    assert business_days_after(delivered, 5) == deadline


def test_holidays_and_sundays_are_not_business_days():
    assert not is_business_day(date(2026, 5, 1))  # Labour Day, a Friday
    assert not is_business_day(date(2026, 12, 8))  # Immaculate Conception, a Tuesday
    assert not is_business_day(date(2026, 3, 29))  # a Sunday
    assert is_business_day(date(2026, 3, 28))  # a Saturday
