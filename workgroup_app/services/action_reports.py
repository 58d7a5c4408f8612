"""Figures and files of execution control: the overview, executive discipline, the overdue
list, deadlines as a calendar file, and the reminders of what falls due."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from ..domain.access import Permission
from ..domain.action_views import ActionRow, DisciplineReport, OverviewFigures
from ..domain.errors import ValidationError
from ..domain.messages import N_
from ..domain.views import ListQuery
from .actions import action_rows
from .ports import UnitOfWork

OFFICE_NAME_KEY = "office_name"
REMINDER_DAYS_KEY = "reminder_days"
REMINDER_PERSON_KEY = "reminder_person_id"
DEFAULT_REMINDER_DAYS = 3
MAX_REMINDER_DAYS = 90
REPORT_SUFFIXES = (".pdf", ".xlsx")


def overview(uow: UnitOfWork, as_of: date | None = None) -> OverviewFigures:
    with uow:
        return uow.action_queries.overview(as_of or date.today())


def discipline(uow: UnitOfWork, date_from: date, date_to: date,
               as_of: date | None = None) -> DisciplineReport:
    if date_to < date_from:
        raise ValidationError(N_("The period ends ({end}) before it begins ({start})."),
                              field="to", end=date_to, start=date_from)
    with uow:
        return uow.action_queries.discipline(date_from, date_to, as_of or date.today())


def overdue_rows(uow: UnitOfWork, as_of: date | None = None,
                 filters: dict[str, str] | None = None) -> list[ActionRow]:
    """Overdue actions, longest overdue first."""
    query = ListQuery(sort="deadline", filters={**(filters or {}), "overdue": "1"})
    return action_rows(uow, query, as_of or date.today())


def office_name(uow: UnitOfWork) -> str:
    with uow:
        return uow.settings.get(OFFICE_NAME_KEY, "")


def set_office_name(uow: UnitOfWork, name: str) -> None:
    uow.actor.require(Permission.MANAGE_SETTINGS)
    with uow:
        uow.settings.set(OFFICE_NAME_KEY, " ".join(name.split())[:300])
        uow.commit()


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise ValidationError(N_("Save the report as .pdf or .xlsx, not '{suffix}'."),
                              field="out", suffix=path.suffix or path.name)
    return suffix


def export_discipline(uow: UnitOfWork, path: Path, date_from: date, date_to: date,
                      as_of: date | None = None) -> DisciplineReport:
    suffix = _suffix(path)
    report = discipline(uow, date_from, date_to, as_of)
    # The writers (reportlab, openpyxl) load when a file is made, not with every command.
    from ..documents.discipline import write_discipline_pdf, write_discipline_xlsx

    writer = write_discipline_pdf if suffix == ".pdf" else write_discipline_xlsx
    writer(report, path, office=office_name(uow), generated_at=datetime.now(UTC))
    return report


def export_overdue(uow: UnitOfWork, path: Path, as_of: date | None = None,
                   filters: dict[str, str] | None = None) -> list[ActionRow]:
    suffix = _suffix(path)
    day = as_of or date.today()
    rows = overdue_rows(uow, day, filters)
    from ..documents.overdue import write_overdue_pdf, write_overdue_xlsx

    writer = write_overdue_pdf if suffix == ".pdf" else write_overdue_xlsx
    writer(rows, path, as_of=day, office=office_name(uow), generated_at=datetime.now(UTC))
    return rows


def export_calendar(uow: UnitOfWork, path: Path, filters: dict[str, str] | None = None,
                    as_of: date | None = None) -> list[ActionRow]:
    """The deadlines of open and reported actions as an iCalendar file."""
    if path.suffix.lower() != ".ics":
        raise ValidationError(N_("Save the calendar as .ics, not '{suffix}'."), field="out",
                              suffix=path.suffix or path.name)
    rows = action_rows(uow, ListQuery(sort="deadline",
                                      filters={"status": "active", **(filters or {})}), as_of)
    from ..documents.ics import write_deadlines_ics

    write_deadlines_ics(rows, path, office=office_name(uow), generated_at=datetime.now(UTC))
    return rows


# -- reminders -------------------------------------------------------------------------------

def reminder_settings(uow: UnitOfWork) -> tuple[int, str | None]:
    """(days ahead, the controller whose actions to remind of; None: everyone's)."""
    with uow:
        days = uow.settings.get(REMINDER_DAYS_KEY, str(DEFAULT_REMINDER_DAYS))
        person = uow.settings.get(REMINDER_PERSON_KEY, "") or None
    return int(days), person


def set_reminder_settings(uow: UnitOfWork, days: int, person_id: str | None) -> None:
    uow.actor.require(Permission.MANAGE_SETTINGS)
    if not 0 <= days <= MAX_REMINDER_DAYS:
        raise ValidationError(N_("Remind between 0 and {maximum} days ahead."),
                              field="days", maximum=MAX_REMINDER_DAYS)
    with uow:
        if person_id is not None and not uow.people.exists(person_id):
            raise ValidationError(N_("Person {id} not found."), field="person", id=person_id)
        uow.settings.set(REMINDER_DAYS_KEY, str(days))
        uow.settings.set(REMINDER_PERSON_KEY, person_id or "")
        uow.commit()


def due_reminders(uow: UnitOfWork, as_of: date | None = None, days: int | None = None,
                  controller_id: str | None = None) -> list[ActionRow]:
    """Open or reported actions due within ``days`` or overdue, for one controller or all."""
    stored_days, stored_person = reminder_settings(uow)
    filters = {"status": "active", "due_soon_days": str(stored_days if days is None else days)}
    person = controller_id if controller_id is not None else stored_person
    if person:
        filters["controller_id"] = person
    return action_rows(uow, ListQuery(sort="deadline", filters=filters), as_of, limit=5000)


def reminder_counts(uow: UnitOfWork, as_of: date | None = None, days: int | None = None,
                    controller_id: str | None = None) -> tuple[int, int]:
    """(overdue, due within ``days`` but not overdue), counted in SQL: the figures of the
    reminder, exact however many actions there are."""
    stored_days, stored_person = reminder_settings(uow)
    person = controller_id if controller_id is not None else stored_person
    base = {"controller_id": person} if person else {}
    ahead = stored_days if days is None else days
    day = as_of or date.today()
    with uow:
        count = uow.action_queries.count
        overdue = count(ListQuery(filters={**base, "overdue": "1"}), day)
        due = count(ListQuery(filters={**base, "status": "active",
                                       "due_soon_days": str(ahead)}), day)
    return overdue, due - overdue
