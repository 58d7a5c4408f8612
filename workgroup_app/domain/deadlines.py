"""Deadlines in the office's local calendar (DESIGN §4).

A deadline is a date. It is set as a fixed date, N calendar days, N working days or one month
from a start date; whenever it falls on a non-working day it moves to the next working day
(ГК РФ ст. 193; the same rule in Belarus). Which days are working comes from a
``WorkCalendar``: weekends, public holidays, and transferred days in both directions (a
Saturday made a working day, a weekday made a day off). The country data is supplied by an
adapter; this module is pure.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from .errors import ValidationError
from .messages import N_

MAX_SPAN_DAYS = 3660  # ten years: anything longer is a typing error, not a deadline


class DeadlineRule(StrEnum):
    FIXED_DATE = "fixed_date"
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    ONE_MONTH = "one_month"


@dataclass(frozen=True)
class WorkCalendar:
    """Saturday and Sunday off unless told otherwise; ``days_off`` are holidays and transferred
    days off; ``working_days`` are weekend days made working (they win over everything)."""

    days_off: frozenset[date] = field(default_factory=frozenset)
    working_days: frozenset[date] = field(default_factory=frozenset)
    weekend: frozenset[int] = frozenset({5, 6})

    @classmethod
    def build(cls, days_off: Iterable[date] = (),
              working_days: Iterable[date] = ()) -> WorkCalendar:
        return cls(frozenset(days_off), frozenset(working_days))

    def with_overrides(self, days_off: Iterable[date] = (),
                       working_days: Iterable[date] = ()) -> WorkCalendar:
        """The office's own entries on top: an entry removes the opposite one for that day."""
        off, work = set(days_off), set(working_days)
        return WorkCalendar(frozenset((self.days_off - work) | off),
                            frozenset((self.working_days - off) | work), self.weekend)

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        return day.weekday() not in self.weekend and day not in self.days_off

    def roll_forward(self, day: date) -> date:
        """The day itself if it is a working day, else the next working day."""
        for _step in range(MAX_SPAN_DAYS):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValidationError(N_("The calendar has no working day within ten years."))

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
        if count < 0:
            raise ValidationError(N_("The number of days cannot be negative."), field="days")
        day = start
        for _counted in range(count):
            day = self.roll_forward(day + timedelta(days=1))
        return day if count else self.roll_forward(start)

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days lie after ``start`` up to and including ``end``."""
        total, day = 0, start
        while day < end:
            day += timedelta(days=1)
            total += self.is_working_day(day)
        return total


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the last day of that month when it is shorter."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def compute_deadline(rule: DeadlineRule, start: date, work_calendar: WorkCalendar, *,
                     days: int = 0, fixed: date | None = None) -> date:
    """The deadline under ``rule`` counted from ``start``, moved off non-working days."""
    if rule == DeadlineRule.FIXED_DATE:
        if fixed is None:
            raise ValidationError(N_("Give the deadline's date."), field="deadline")
        if fixed < start:
            raise ValidationError(N_("The deadline {deadline} is before {start}."),
                                  field="deadline", deadline=fixed,
                                  start=start)
        return work_calendar.roll_forward(fixed)
    if not 0 <= days <= MAX_SPAN_DAYS:
        raise ValidationError(N_("The number of days must be between 0 and {maximum}."),
                              field="days", maximum=MAX_SPAN_DAYS)
    if rule == DeadlineRule.CALENDAR_DAYS:
        return work_calendar.roll_forward(start + timedelta(days=days))
    if rule == DeadlineRule.WORKING_DAYS:
        return work_calendar.add_working_days(start, days)
    return work_calendar.roll_forward(add_months(start, 1))


def nominal_deadline(rule: DeadlineRule, start: date, *, days: int = 0,
                     fixed: date | None = None) -> date | None:
    """The deadline before any move off a day off; None for working days, which are counted
    in the calendar and never land on a day off."""
    if rule == DeadlineRule.FIXED_DATE:
        return fixed
    if rule == DeadlineRule.CALENDAR_DAYS:
        return start + timedelta(days=days)
    if rule == DeadlineRule.ONE_MONTH:
        return add_months(start, 1)
    return None


def calendar_span(rule: DeadlineRule, start: date, *, days: int = 0,
                  fixed: date | None = None) -> int:
    """How many days after ``start`` a calendar must cover to compute the deadline."""
    if rule == DeadlineRule.FIXED_DATE:
        return max(0, (fixed - start).days) if fixed else 0
    if rule == DeadlineRule.WORKING_DAYS:
        return days * 2 + 30  # weekends and holidays: never more than double
    return days if rule == DeadlineRule.CALENDAR_DAYS else 31
