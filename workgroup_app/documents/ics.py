"""Deadlines as an iCalendar file, for Outlook, Thunderbird or a phone's calendar.

One all-day event per action on its deadline, with a reminder the day before. UIDs are
stable, so importing a newer file updates the events instead of doubling them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from ..domain.action_views import ActionRow
from ..domain.messages import N_
from ..i18n import tr
from .files import atomic_write
from .overdue import source_label, status_label

PRODID = "-//Workgroup//Execution control//RU"
SUMMARY_LIMIT = 80
CALENDAR_NAME = N_("{office}: deadlines")
AGENCY = N_("Responsible: {agency}")
OFFICIAL = N_("Official: {name}")
SOURCE = N_("Source: {source}")
CONTROLLER = N_("Controller: {name}")
STATUS = N_("Status: {status}")
REMINDER = N_("Deadline tomorrow: {text}")


def shorten(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis: calendars
    show the summary in a narrow cell."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def _description(row: ActionRow) -> str:
    lines = [row.text.strip(), "", tr(AGENCY, agency=row.agency_name)]
    if row.official_name:
        lines.append(tr(OFFICIAL, name=row.official_name))
    source = source_label(row) + (f" ({row.workgroup_name})" if row.workgroup_name else "")
    lines.append(tr(SOURCE, source=source))
    if row.controller_name:
        lines.append(tr(CONTROLLER, name=row.controller_name))
    lines.append(tr(STATUS, status=status_label(row.status)))
    return "\n".join(lines)


def _event(row: ActionRow, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{row.id}@workgroup")
    event.add("dtstamp", stamp)
    event.add("dtstart", row.deadline)  # a date: an all-day event
    event.add("dtend", row.deadline + timedelta(days=1))  # DTEND of an all-day event excludes
    event.add("summary", shorten(row.text))
    event.add("description", _description(row))
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-1))
    alarm.add("description", tr(REMINDER, text=shorten(row.text)))
    event.add_component(alarm)
    return event


def deadlines_calendar(rows: Sequence[ActionRow], *, office: str,
                       generated_at: datetime) -> Calendar:
    """The calendar object itself, for callers that send it rather than save it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", tr(CALENDAR_NAME, office=office))
    # DTSTAMP must be UTC; a naive moment is taken as local time.
    stamp = generated_at.astimezone(UTC)
    for row in rows:
        calendar.add_component(_event(row, stamp))
    return calendar


def write_deadlines_ics(rows: Sequence[ActionRow], path: Path, *, office: str,
                        generated_at: datetime) -> None:
    data = deadlines_calendar(rows, office=office, generated_at=generated_at).to_ical()
    atomic_write(path, lambda target: target.write_bytes(data), suffix=".ics")
