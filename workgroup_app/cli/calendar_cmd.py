"""`workgroup calendar …`: deadlines as an .ics file, and the office's working-day calendar
(its country, BY or RU, and its own entries: holidays and transferred working days)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import click

from ..domain.messages import N_
from ..i18n import _, tr
from ..services import workdays
from . import resolve
from .output import echo, fmt_date, print_json, short_id, show_list
from .reports import report_service
from .state import CliError, CliState, pass_state, required_date

KIND_LABELS = {workdays.DAY_OFF: N_("Day off"), workdays.WORKING_DAY: N_("Working day")}
COUNTRY_HELP = N_("BY or RU (default: the office's country).")


@click.group("calendar", help=_("Deadlines as a calendar file; working days and the office "
                                "calendar."))
def calendar_group() -> None:
    """A group: the subcommands below do the work."""


def country_of(state: CliState, country: str | None) -> str:
    """The country asked for (checked), or the office's."""
    if country is not None:
        return workdays.check_country(country)
    return workdays.office_country(state.uow())


def day_phrase(day: date, working: bool, country: str) -> str:
    if working:
        return tr("{date} is a working day ({country})", date=fmt_date(day), country=country)
    return tr("{date} is a day off ({country})", date=fmt_date(day), country=country)


@calendar_group.command("export", help=_("Write the deadlines of open actions to an .ics "
                                         "calendar file."))
@click.option("--out", type=click.Path(dir_okay=True, path_type=Path), required=True,
              help=_("The file to write, ending in .ics."))
@click.option("--agency", metavar="AGENCY", help=_("Only actions of this responsible agency."))
@click.option("--workgroup", metavar="WG", help=_("Only actions of this workgroup."))
@pass_state
def export(state: CliState, out: Path, agency: str | None, workgroup: str | None) -> None:
    filters: dict[str, str] = {}
    if agency:
        filters["agency_id"] = resolve.agency(state, agency)
    if workgroup:
        filters["workgroup_id"] = resolve.workgroup(state, workgroup)
    rows = report_service().export_calendar(state.uow(), out, filters)
    if state.json:
        print_json({"out": str(out), "count": len(rows), "ids": [row.id for row in rows]})
        return
    echo(tr("Deadlines written to {path}: {count}.", path=str(out), count=len(rows)))


@calendar_group.command("workday", help=_("Say whether a date is a working day."))
@click.argument("day", metavar="DATE")
@click.option("--country", metavar="BY|RU", help=_(COUNTRY_HELP))
@pass_state
def workday(state: CliState, day: str, country: str | None) -> None:
    when = required_date(day, N_("Date"))
    code = country_of(state, country)
    working = workdays.is_working_day(state.uow(), when, code)
    if state.json:
        print_json({"date": when, "country": code, "working": working})
    else:
        echo(day_phrase(when, working, code))


@calendar_group.command("add-days", help=_("The date N days after DATE, moved off a day off; "
                                           "with --working, N working days."))
@click.argument("day", metavar="DATE")
@click.argument("days", metavar="N", type=int)
@click.option("--working", is_flag=True, help=_("Count working days only."))
@click.option("--country", metavar="BY|RU", help=_(COUNTRY_HELP))
@pass_state
def add_days(state: CliState, day: str, days: int, working: bool, country: str | None) -> None:
    start = required_date(day, N_("Date"))
    code = country_of(state, country)
    result = workdays.add_days(state.uow(), start, days, working, code)
    # Counting working days never lands on a day off; counting calendar days (or zero
    # working days) may, and the date is then moved to the next working day.
    moved: date | None = None
    if not (working and days):
        nominal = start + timedelta(days=0 if working else days)
        moved = nominal if nominal != result else None
    if state.json:
        print_json({"start": start, "days": days, "working": working, "country": code,
                    "date": result, "moved_from": moved})
        return
    line = fmt_date(result)
    if moved is not None:
        line += " " + tr("({date} is a day off; moved to the next working day)",
                         date=fmt_date(moved))
    echo(line)


@calendar_group.command("country", help=_("Show the office's country, or set it: BY or RU."))
@click.argument("country", metavar="[BY|RU]", required=False)
@pass_state
def country_command(state: CliState, country: str | None) -> None:
    if country is None:
        code = workdays.office_country(state.uow())
        message = tr("The office calendar is that of {country}.", country=code)
    else:
        code = workdays.set_office_country(state.uow(), state.context().actor, country)
        message = tr("The office calendar is now that of {country}.", country=code)
    if state.json:
        print_json({"country": code})
    else:
        echo(message)


# -- the office's own entries -----------------------------------------------------------------

@calendar_group.group("override", help=_("The office's own calendar entries: holidays and "
                                         "transferred working days."))
def override() -> None:
    """A group: the subcommands below do the work."""


@override.command("add", help=_("Make a date a day off or a working day; an entry for the "
                                "same date is replaced."))
@click.argument("day", metavar="DATE")
@click.option("--day-off", "kind", flag_value=workdays.DAY_OFF, help=_("A holiday or a "
                                                                       "transferred day off."))
@click.option("--working-day", "kind", flag_value=workdays.WORKING_DAY,
              help=_("A transferred working day."))
@click.option("--note", default="", help=_("Why, e.g. the government decree."))
@click.option("--country", metavar="BY|RU", help=_(COUNTRY_HELP))
@pass_state
def override_add(state: CliState, day: str, kind: str | None, note: str,
                 country: str | None) -> None:
    when = required_date(day, N_("Date"))
    code = country_of(state, country)
    entry = workdays.set_override(state.uow(), state.context().actor, when, kind or "", note,
                                  code)
    if state.json:
        print_json({"id": entry, "country": code, "day": when, "kind": kind, "note": note})
        return
    echo(tr("Calendar entry {id} saved: {day}.", id=entry,
            day=day_phrase(when, kind == workdays.WORKING_DAY, code)))


@override.command("list", help=_("List the office's calendar entries."))
@click.option("--country", metavar="BY|RU", help=_(COUNTRY_HELP))
@pass_state
def override_list(state: CliState, country: str | None) -> None:
    rows = workdays.list_overrides(state.uow(), country_of(state, country))
    show_list(state.json, rows, ["ID", _("Date"), _("Country"), _("Kind"), _("Note")],
              [[short_id(r.id), r.day, r.country, _(KIND_LABELS.get(r.kind, r.kind)), r.note]
               for r in rows], len(rows))


@override.command("remove", help=_("Remove a calendar entry, given by its id."))
@click.argument("entry", metavar="ID")
@pass_state
def override_remove(state: CliState, entry: str) -> None:
    reference = entry.strip().lower()
    found = [line for code in workdays.COUNTRIES
             for line in workdays.list_overrides(state.uow(), code)
             if line.id == reference or (len(reference) >= 4 and line.id.startswith(reference))]
    if len(found) > 1:
        raise CliError(tr("'{text}' matches several calendar entries; give more of the id.",
                          text=entry))
    if not found:
        raise CliError(tr("Calendar entry {id} not found.", id=entry))
    target = found[0]
    workdays.remove_override(state.uow(), state.context().actor, target.id)
    if state.json:
        print_json({"id": target.id, "deleted": True})
        return
    echo(tr("Calendar entry removed: {day}.", day=day_phrase(
        target.day, target.kind == workdays.WORKING_DAY, target.country)))
