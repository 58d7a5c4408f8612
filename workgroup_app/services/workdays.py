"""The office's working-day calendar: its country's official calendar plus its own entries."""

from __future__ import annotations

from datetime import date, timedelta

from ..calendars.country import COUNTRIES, country_calendar
from ..domain.access import Permission
from ..domain.action_views import OverrideLine
from ..domain.actor import Actor
from ..domain.deadlines import MAX_SPAN_DAYS, WorkCalendar
from ..domain.errors import NotFoundError, ValidationError
from ..domain.messages import N_
from ..domain.rules import clean
from .acting import act
from .ports import UnitOfWork

COUNTRY_KEY = "country"
DEFAULT_COUNTRY = "BY"
DAY_OFF, WORKING_DAY = "day_off", "working_day"
OVERRIDE_KINDS = (DAY_OFF, WORKING_DAY)


def check_country(country: str) -> str:
    code = country.strip().upper()
    if code not in COUNTRIES:
        raise ValidationError(N_("Unknown country '{country}': use BY or RU."),
                              field="country", country=country)
    return code


def office_country(uow: UnitOfWork) -> str:
    with uow:
        return uow.settings.get(COUNTRY_KEY, DEFAULT_COUNTRY)


def set_office_country(uow: UnitOfWork, actor: Actor, country: str) -> str:
    act(uow, actor, Permission.MANAGE_SETTINGS)
    code = check_country(country)
    with uow:
        uow.settings.set(COUNTRY_KEY, code)
        uow.commit()
    return code


def _years(start: date, span_days: int) -> range:
    end = start + timedelta(days=span_days + 60)  # room to roll past holidays at the end
    return range(start.year - 1, end.year + 1)


def calendar_in(uow: UnitOfWork, start: date, span_days: int = 400,
                country: str | None = None) -> WorkCalendar:
    """The calendar around ``start`` (inside an open unit of work)."""
    code = check_country(country) if country else uow.settings.get(COUNTRY_KEY,
                                                                   DEFAULT_COUNTRY)
    rows = uow.overrides.list(code)
    official = country_calendar(code, _years(start, min(span_days, MAX_SPAN_DAYS)))
    return official.with_overrides(days_off=[r.day for r in rows if r.kind == DAY_OFF],
                                   working_days=[r.day for r in rows if r.kind == WORKING_DAY])


def is_working_day(uow: UnitOfWork, day: date, country: str | None = None) -> bool:
    with uow:
        return calendar_in(uow, day, 0, country).is_working_day(day)


def add_days(uow: UnitOfWork, start: date, days: int, working: bool,
             country: str | None = None) -> date:
    """``days`` working days after ``start``, or ``days`` calendar days moved off a day off."""
    if not 0 <= days <= MAX_SPAN_DAYS:
        raise ValidationError(N_("The number of days must be between 0 and {maximum}."),
                              field="days", maximum=MAX_SPAN_DAYS)
    with uow:
        cal = calendar_in(uow, start, days * 2 + 30 if working else days, country)
    if working:
        return cal.add_working_days(start, days)
    return cal.roll_forward(start + timedelta(days=days))


def list_overrides(uow: UnitOfWork, country: str | None = None) -> list[OverrideLine]:
    with uow:
        code = check_country(country) if country else uow.settings.get(COUNTRY_KEY,
                                                                       DEFAULT_COUNTRY)
        return [OverrideLine(r.id, r.country, r.day, r.kind, r.note)
                for r in uow.overrides.list(code)]


def set_override(uow: UnitOfWork, actor: Actor, day: date, kind: str, note: str = "",
                 country: str | None = None) -> str:
    """Enter a day off or a working day; an entry for the same day is replaced."""
    act(uow, actor, Permission.MANAGE_SETTINGS)
    if kind not in OVERRIDE_KINDS:
        raise ValidationError(N_("Choose whether the day is a day off or a working day."),
                              field="kind")
    note = clean(note)
    if len(note) > 500:
        raise ValidationError(N_("The text is longer than {maximum} characters."),
                              field="note", maximum=500)
    with uow:
        code = check_country(country) if country else uow.settings.get(COUNTRY_KEY,
                                                                       DEFAULT_COUNTRY)
        override_id = uow.overrides.put(code, day, kind, note)
        uow.commit()
    return override_id


def remove_override(uow: UnitOfWork, actor: Actor, override_id: str) -> None:
    act(uow, actor, Permission.MANAGE_SETTINGS)
    with uow:
        if not uow.overrides.remove(override_id):
            raise NotFoundError(N_("Calendar entry {id} not found."), id=override_id)
        uow.commit()
