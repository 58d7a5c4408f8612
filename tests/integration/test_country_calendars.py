"""Fixed cases from the official calendars of Belarus and Russia for 2025–2026."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workgroup_app.calendars.country import country_calendar
from workgroup_app.domain.deadlines import DeadlineRule, compute_deadline
from workgroup_app.domain.errors import ValidationError

BY = country_calendar("BY", [2025, 2026])
RU = country_calendar("ru", [2025, 2026])


@pytest.mark.parametrize("day", ["2025-01-11", "2025-04-26", "2025-07-12", "2025-12-20",
                                 "2026-04-25"])
def test_belarus_worked_saturdays(day: str) -> None:
    assert BY.is_working_day(date.fromisoformat(day))


@pytest.mark.parametrize("day", ["2025-01-06", "2025-04-28", "2025-07-04", "2025-12-26",
                                 "2025-04-29", "2025-11-07", "2026-04-20", "2026-01-02"])
def test_belarus_days_off(day: str) -> None:
    assert not BY.is_working_day(date.fromisoformat(day))


def test_russia_worked_saturday_and_days_off() -> None:
    assert RU.is_working_day(date(2025, 11, 1))
    for day in ("2025-05-02", "2025-05-08", "2025-11-03", "2025-11-04", "2025-12-31",
                "2026-01-09", "2026-03-09", "2026-05-11", "2026-12-31"):
        assert not RU.is_working_day(date.fromisoformat(day)), day


def test_a_protest_deadline_over_the_may_holidays() -> None:
    # 10 calendar days from 28 April 2025 end on 8 May, a day off in Russia (and 9–11 May):
    # the deadline is Monday 12 May. In Belarus 8 May is a working day.
    assert compute_deadline(DeadlineRule.CALENDAR_DAYS, date(2025, 4, 28), RU,
                            days=10) == date(2025, 5, 12)
    assert compute_deadline(DeadlineRule.CALENDAR_DAYS, date(2025, 4, 28), BY,
                            days=10) == date(2025, 5, 8)


def test_an_unknown_country_is_refused() -> None:
    with pytest.raises(ValidationError, match="Unknown country"):
        country_calendar("KZ", [2025])


@given(start=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 10, 31)),
       days=st.integers(min_value=0, max_value=40), country=st.sampled_from(["BY", "RU"]))
def test_working_days_on_the_official_calendars_count_back_and_land_on_working_days(
        start: date, days: int, country: str) -> None:
    calendar = country_calendar(country, range(2024, 2028))
    end = calendar.add_working_days(start, days)
    assert calendar.is_working_day(end)
    if days:
        assert calendar.working_days_between(start, end) == days
