"""Colombian business days for legal deadlines (retracto, Ley 1480 art. 47; habeas data
claims, Ley 1581 art. 15): every day but Sundays and national holidays, which the `holidays`
package knows with their Ley Emiliani moves."""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("CO", years=year))


def is_business_day(day: date) -> bool:
    return day.weekday() != 6 and day not in _holidays(day.year)


def business_days_after(start: date, days: int) -> date:
    """The `days`-th business day after `start` (`start` itself does not count)."""
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        if is_business_day(current):
            counted += 1
    return current
