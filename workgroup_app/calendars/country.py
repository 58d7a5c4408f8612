"""Official working-day calendars of Belarus and Russia from the `holidays` package.

The package knows public holidays, transferred days off and transferred working Saturdays
(``weekend_workdays``). Belarus publishes each year's transfers late, so offices add their own
overrides on top (``WorkCalendar.with_overrides``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import holidays

from ..domain.deadlines import WorkCalendar
from ..domain.errors import ValidationError
from ..domain.messages import N_

COUNTRIES = ("BY", "RU")


def country_calendar(country: str, years: Iterable[int]) -> WorkCalendar:
    code = country.upper()
    if code not in COUNTRIES:
        raise ValidationError(N_("Unknown country '{country}': use BY or RU."),
                              field="country", country=country)
    return _calendar(code, tuple(sorted(set(years))))


@lru_cache(maxsize=16)
def _calendar(code: str, years: tuple[int, ...]) -> WorkCalendar:
    data = holidays.country_holidays(code, years=years)
    working = {day for day in getattr(data, "weekend_workdays", ()) if day.year in years}
    return WorkCalendar.build(days_off=data.keys(), working_days=working)
