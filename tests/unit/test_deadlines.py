"""Working-day arithmetic and deadline rules (DESIGN §4), on calendars given as data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workgroup_app.domain.deadlines import (
    DeadlineRule,
    WorkCalendar,
    add_months,
    compute_deadline,
)
from workgroup_app.domain.errors import ValidationError

# Russia, May 2025: 1–4 and 8–11 May off (transfers from 4 January and 3 January).
RU_MAY_2025 = WorkCalendar.build(days_off=[date(2025, 5, d) for d in (1, 2, 8, 9)])
# Belarus, April 2025: Saturday 26 April worked for Monday 28 April off (Радуница 29 April).
BY_APRIL_2025 = WorkCalendar.build(days_off=[date(2025, 4, 28), date(2025, 4, 29)],
                                   working_days=[date(2025, 4, 26)])

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
holiday_sets = st.frozensets(days, max_size=60)


@given(days, st.integers(min_value=0, max_value=400), holiday_sets, holiday_sets)
def test_adding_then_counting_back_gives_n_and_lands_on_a_working_day(
        start: date, count: int, off: frozenset[date], working: frozenset[date]) -> None:
    cal = WorkCalendar(off, working)
    result = cal.add_working_days(start, count)
    assert cal.is_working_day(result)
    if count:
        assert cal.working_days_between(start, result) == count


@given(days, holiday_sets)
def test_roll_forward_never_lands_on_a_day_off_and_never_goes_back(
        day: date, off: frozenset[date]) -> None:
    cal = WorkCalendar(off)
    moved = cal.roll_forward(day)
    assert moved >= day and cal.is_working_day(moved)
    assert all(not cal.is_working_day(day + timedelta(n)) for n in range((moved - day).days))


def test_a_deadline_on_a_holiday_moves_to_the_next_working_day() -> None:
    # 10 calendar days from 21 April 2025 is 1 May, a holiday; 3–4 May are a weekend.
    due = compute_deadline(DeadlineRule.CALENDAR_DAYS, date(2025, 4, 21), RU_MAY_2025, days=10)
    assert due == date(2025, 5, 5)


def test_a_transferred_working_saturday_counts_and_the_day_off_does_not() -> None:
    assert BY_APRIL_2025.is_working_day(date(2025, 4, 26))
    assert not BY_APRIL_2025.is_working_day(date(2025, 4, 28))
    # Friday 25 April + 1 working day = Saturday 26 April (worked); + 2 = Wednesday 30 April.
    assert BY_APRIL_2025.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)
    assert BY_APRIL_2025.add_working_days(date(2025, 4, 25), 2) == date(2025, 4, 30)


def test_one_month_keeps_the_day_or_takes_the_last_of_a_shorter_month() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)
    # 1 April 2025 + one month = 1 May, a holiday: moved to Monday 5 May.
    due = compute_deadline(DeadlineRule.ONE_MONTH, date(2025, 4, 1), RU_MAY_2025)
    assert due == date(2025, 5, 5)


def test_office_overrides_win_over_the_country_data() -> None:
    cal = RU_MAY_2025.with_overrides(working_days=[date(2025, 5, 2)],
                                     days_off=[date(2025, 5, 6)])
    assert cal.is_working_day(date(2025, 5, 2)) and not cal.is_working_day(date(2025, 5, 6))


def test_bad_deadlines_are_refused_with_the_field_named() -> None:
    with pytest.raises(ValidationError) as caught:
        compute_deadline(DeadlineRule.FIXED_DATE, date(2025, 5, 10), RU_MAY_2025,
                         fixed=date(2025, 5, 1))
    assert caught.value.field == "deadline" and "before" in str(caught.value)
    with pytest.raises(ValidationError):
        compute_deadline(DeadlineRule.WORKING_DAYS, date(2025, 5, 10), RU_MAY_2025, days=-1)
    with pytest.raises(ValidationError):
        compute_deadline(DeadlineRule.FIXED_DATE, date(2025, 5, 10), RU_MAY_2025)
