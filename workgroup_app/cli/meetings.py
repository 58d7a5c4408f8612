"""`workgroup meetings …`: meetings, their attendance (agenda commands live in agenda.py).

Every change loads the whole meeting, changes it and saves it back in one transaction.
"""

from __future__ import annotations

import click

from ..domain.entities import Attendee
from ..domain.enums import MEETING_STATUS_LABELS, AttendeeKind, MeetingStatus
from ..domain.messages import N_
from ..domain.views import ListQuery
from ..i18n import _, tr
from ..services import meetings, workgroups
from . import agenda, protocol, resolve
from .output import print_json, report_deleted, short_id, show_list
from .state import (
    CliError,
    CliState,
    nothing_to_change,
    pass_state,
    read_time,
    required_date,
)

STATUSES = [status.value for status in MeetingStatus]


@click.group("meetings", help=_("Meetings: attendance, agenda, speeches and decisions."))
def meetings_group() -> None:
    """A group: the subcommands below do the work."""


for command in agenda.COMMANDS:
    meetings_group.add_command(command)


@meetings_group.command("list", help=_("List meetings, the latest first."))
@click.option("--workgroup", metavar="WG", help=_("Only meetings of this workgroup."))
@click.option("--year", type=click.IntRange(1990, 2100))
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--search", default="", help=_("Part of the workgroup's name or the venue."))
@click.option("--limit", type=click.IntRange(1, 5000), default=100, show_default=True)
@pass_state
def list_meetings(state: CliState, workgroup: str | None, year: int | None,
                  status: str | None, search: str, limit: int) -> None:
    filters: dict[str, str] = {}
    if workgroup:
        filters["workgroup_id"] = resolve.workgroup(state, workgroup)
    if year:
        filters["year"] = str(year)
    if status:
        filters["status"] = status
    page = meetings.list_meetings(state.uow(), ListQuery(
        text=search, sort="held_on", descending=True, limit=limit, filters=filters))
    show_list(state.json, page.rows,
              ["ID", _("No."), _("Date"), _("Time"), _("Workgroup"), _("Venue"), _("Status")],
              [[short_id(r.id), f"{r.number}/{r.year}", r.held_on, r.starts_at,
                r.workgroup_name, r.venue, _(MEETING_STATUS_LABELS[r.status])]
               for r in page.rows], page.total)


@meetings_group.command("show", help=_("Show the whole protocol of a meeting."))
@click.argument("meeting")
@pass_state
def show_meeting(state: CliState, meeting: str) -> None:
    view = protocol.meeting_view(state, protocol.load(state, meeting))
    if state.json:
        print_json(view)
    else:
        protocol.print_protocol(view)


@meetings_group.command("add", help=_("Plan a meeting; chair, secretary and attendance come "
                                      "from the workgroup."))
@click.option("--workgroup", metavar="WG", required=True)
@click.option("--date", "held_on", metavar="DATE", required=True,
              help=_("YYYY-MM-DD or DD.MM.YYYY."))
@click.option("--time", "starts_at", metavar="HH:MM", help=_("Start time, HH:MM."))
@click.option("--number", type=int, help=_("The number; by default the next free one."))
@click.option("--venue", default="")
@click.option("--status", type=click.Choice(STATUSES), default=MeetingStatus.PLANNED.value,
              show_default=True)
@pass_state
def add_meeting(state: CliState, workgroup: str, held_on: str, starts_at: str | None,
                number: int | None, venue: str, status: str) -> None:
    day = required_date(held_on, N_("Meeting date"))
    start = read_time(starts_at)
    group_id = resolve.workgroup(state, workgroup)
    meeting = meetings.draft_meeting(state.uow(), group_id, day)
    if number is not None:
        meeting.number = number
    meeting.starts_at, meeting.venue, meeting.status = start, venue, MeetingStatus(status)
    protocol.commit(state, meeting, tr("Meeting No. {number} of {year} added: {id}",
                                       number=meeting.number, year=meeting.year,
                                       id=meeting.id))


@meetings_group.command("edit", help=_("Change a meeting; only the options given change."))
@click.argument("meeting")
@click.option("--date", "held_on", metavar="DATE")
@click.option("--time", "starts_at", metavar="HH:MM",
              help=_("HH:MM; an empty value removes the time."))
@click.option("--number", type=int)
@click.option("--venue")
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--chair", metavar="PERSON", help=_("A person; an empty value removes the chair."))
@click.option("--secretary", metavar="PERSON",
              help=_("A person; an empty value removes the secretary."))
@pass_state
def edit_meeting(state: CliState, meeting: str, held_on: str | None, starts_at: str | None,
                 number: int | None, venue: str | None, status: str | None, chair: str | None,
                 secretary: str | None) -> None:
    nothing_to_change({"date": held_on, "time": starts_at, "number": number, "venue": venue,
                       "status": status, "chair": chair, "secretary": secretary})
    record = protocol.load(state, meeting)
    if held_on is not None:
        record.held_on = required_date(held_on, N_("Meeting date"))
    if starts_at is not None:
        record.starts_at = read_time(starts_at)
    if number is not None:
        record.number = number
    if venue is not None:
        record.venue = venue
    if status is not None:
        record.status = MeetingStatus(status)
    if chair is not None:
        record.chair_id = resolve.optional_person(state, chair)
    if secretary is not None:
        record.secretary_id = resolve.optional_person(state, secretary)
    protocol.commit(state, record, tr("Meeting No. {number} of {year} saved.",
                                      number=record.number, year=record.year))


@meetings_group.command("attend", help=_("Mark a person present or absent."))
@click.argument("meeting")
@click.argument("person")
@click.option("--present/--absent", default=True, help=_("Present (default) or absent."))
@click.option("--substitute", metavar="PERSON",
              help=_("Who came instead (a person); empty: nobody."))
@click.option("--note", help=_("A note, e.g. the reason of absence."))
@pass_state
def attend(state: CliState, meeting: str, person: str, present: bool, substitute: str | None,
           note: str | None) -> None:
    if present and substitute:
        raise click.UsageError(_("A substitute is given only with --absent."))
    record = protocol.load(state, meeting)
    person_id = resolve.person(state, person)
    line = next((a for a in record.attendees if a.person_id == person_id), None)
    if line is None:
        line = Attendee(kind=AttendeeKind.MEMBER, person_id=person_id)
        record.attendees.append(line)
    line.present = present
    if present:
        line.substitute_id = None
    elif substitute is not None:
        line.substitute_id = resolve.optional_person(state, substitute)
    if note is not None:
        line.note = note
    message = (_("Marked present.") if present else _("Marked absent."))
    protocol.commit(state, record, message)


@meetings_group.command("invite", help=_("Add an invited guest: a person of the directory or "
                                         "just a name."))
@click.argument("meeting")
@click.option("--person", metavar="PERSON", help=_("A person of the directory."))
@click.option("--name", help=_("The guest's full name, when not in the directory."))
@click.option("--position", default="")
@click.option("--organisation", default="")
@pass_state
def invite(state: CliState, meeting: str, person: str | None, name: str | None, position: str,
           organisation: str) -> None:
    if (person is None) == (name is None):
        raise click.UsageError(_("Give either --person or --name."))
    record = protocol.load(state, meeting)
    person_id = resolve.person(state, person) if person is not None else None
    if name is not None and not name.strip():
        raise CliError(_("The guest's name must not be empty."))
    record.attendees.append(Attendee(kind=AttendeeKind.INVITED, person_id=person_id,
                                     guest_name=name or "", guest_position=position,
                                     guest_organisation=organisation))
    protocol.commit(state, record, _("Guest invited."))


@meetings_group.command("delete", help=_("Delete a meeting (a held one with an agenda cannot "
                                         "be deleted)."))
@click.argument("meeting")
@pass_state
def delete_meeting(state: CliState, meeting: str) -> None:
    record = protocol.load(state, meeting)
    group = workgroups.get_workgroup(state.uow(), record.workgroup_id)
    meetings.delete_meeting(state.uow(), state.context().actor, record.id)
    report_deleted(state.json, record.id, tr(
        "Meeting No. {number} of {year} of {workgroup} deleted.", number=record.number,
        year=record.year, workgroup=group.name))

