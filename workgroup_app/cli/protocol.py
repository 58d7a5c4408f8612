"""A meeting as its protocol: loading, saving and printing the whole content (DESIGN §6)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from ..domain.entities import AgendaItem, Meeting, Person
from ..domain.enums import (
    MEETING_STATUS_LABELS,
    SPEECH_SECTION_LABELS,
    AttendeeKind,
    MeetingStatus,
    SpeechSection,
)
from ..domain.minutes import MINUTES_STATUS_LABELS
from ..domain.minutes_life import MinutesStatus
from ..domain.revisions import revision
from ..domain.rules import decision_number
from ..i18n import _, tr
from ..services import lookup, meetings, minutes, workgroups
from . import resolve
from .output import echo, fmt_date, print_json, text_of
from .state import CliError, CliState

WIDTH = 100


def load(state: CliState, reference: str) -> Meeting:
    meeting = meetings.get_meeting(state.uow(), resolve.meeting(state, reference))
    state.opened[meeting.id] = revision(meeting)
    return meeting


def commit(state: CliState, meeting: Meeting, message: str) -> None:
    """Save the whole meeting in one transaction, then say so (or print it as JSON)."""
    meetings.save_meeting(state.uow(), state.context().actor, meeting,
                          state.opened.get(meeting.id))
    if state.json:
        print_json(meeting_view(state, meeting))
    else:
        echo(message)


def item_index(meeting: Meeting, number: int) -> int:
    """The list index of agenda item ``number`` (counted from 1)."""
    if not 1 <= number <= len(meeting.items):
        raise CliError(tr("The meeting has no agenda item {number} (it has {count}).",
                          number=number, count=len(meeting.items)))
    return number - 1


def meeting_view(state: CliState, meeting: Meeting) -> dict[str, Any]:
    """Everything the protocol shows, with names resolved; JSON-ready after ``plain``."""
    group = workgroups.get_workgroup(state.uow(), meeting.workgroup_id)
    ids: list[str | None] = [meeting.chair_id, meeting.secretary_id]
    for attendee in meeting.attendees:
        ids += [attendee.person_id, attendee.substitute_id]
    for item in meeting.items:
        ids += [speech.person_id for speech in item.speeches]
    people = lookup.people(state.uow(), ids)
    agency_ids = [p.agency_id for p in people.values()]
    agency_ids += [d.responsible_agency_id for i in meeting.items for d in i.decisions]
    agencies = lookup.agency_names(state.uow(), agency_ids)

    def person(person_id: str | None) -> Person | None:
        return people.get(person_id or "")

    def name(person_id: str | None) -> str:
        found = person(person_id)
        return found.full_name if found else ""

    attendees = []
    for line in meeting.attendees:
        found = person(line.person_id)
        attendees.append({
            "id": line.id, "kind": line.kind.value, "person_id": line.person_id,
            "name": found.full_name if found else line.guest_name,
            "position": line.guest_position or (found.position if found else ""),
            "organisation": line.guest_organisation or (
                agencies.get(found.agency_id or "", "") if found else ""),
            "present": line.present, "substitute_id": line.substitute_id,
            "substitute": name(line.substitute_id), "note": line.note})
    items = [item_view(number, item, person, agencies)
             for number, item in enumerate(meeting.items, start=1)]
    return {"id": meeting.id, "workgroup_id": meeting.workgroup_id, "workgroup": group.name,
            "number": meeting.number, "year": meeting.year, "held_on": meeting.held_on,
            "starts_at": meeting.starts_at, "venue": meeting.venue,
            "status": meeting.status.value, "chair_id": meeting.chair_id,
            "chair": name(meeting.chair_id), "secretary_id": meeting.secretary_id,
            "secretary": name(meeting.secretary_id), "attendees": attendees, "items": items,
            "minutes": _minutes_view(state, meeting.id)}


def _minutes_view(state: CliState, meeting_id: str) -> dict[str, Any] | None:
    """The newest version of the protocol, if the minutes were ever approved."""
    version = minutes.current(state.uow(), meeting_id)
    if version is None:
        return None
    return {"version": version.version, "status": version.status.value,
            "sha256": version.sha256}


def item_view(number: int, item: AgendaItem, person: Callable[[str | None], Person | None],
              agencies: dict[str, str]) -> dict[str, Any]:
    speeches = []
    for speech in item.speeches:
        found = person(speech.person_id)
        speeches.append({
            "id": speech.id, "section": speech.section.value, "person_id": speech.person_id,
            "speaker": found.full_name if found else speech.speaker_name,
            "position": speech.speaker_position or (found.position if found else ""),
            "text": speech.text})
    decisions = [{"number": decision_number(number, n), "id": d.id, "text": d.text,
                  "responsible_agency_id": d.responsible_agency_id,
                  "responsible_agency": agencies.get(d.responsible_agency_id or "", ""),
                  "due_date": d.due_date}
                 for n, d in enumerate(item.decisions, start=1)]
    return {"number": number, "id": item.id, "title": item.title, "speeches": speeches,
            "decisions": decisions, "dissent": item.dissent}


def wrap(text: str, indent: str, hang: str | None = None) -> str:
    return "\n".join(textwrap.fill(paragraph, WIDTH, initial_indent=indent,
                                   subsequent_indent=hang if hang is not None else indent)
                     for paragraph in (text.splitlines() or [""]))


def who(entry: dict[str, Any]) -> str:
    details = ", ".join(part for part in (entry["position"], entry["organisation"]) if part)
    return f"{entry['name']} — {details}" if details else entry["name"]


def print_protocol(view: dict[str, Any]) -> None:
    when = fmt_date(view["held_on"])
    if view["starts_at"] is not None:
        when += " " + text_of(view["starts_at"])
    lines = [tr("PROTOCOL No. {number}", number=view["number"]),
             wrap(tr("of the meeting of the {workgroup}", workgroup=view["workgroup"]), ""),
             "  ".join(part for part in (when, view["venue"]) if part),
             tr("Status: {status}", status=_(MEETING_STATUS_LABELS[
                 MeetingStatus(view["status"])])) + "    ID: " + view["id"]]
    if view.get("minutes"):
        shown = view["minutes"]
        lines.append(tr("Minutes: {status}, version {version}",
                        status=_(MINUTES_STATUS_LABELS[MinutesStatus(shown["status"])]),
                        version=shown["version"]))
    lines += ["",
             tr("Chair: {name}", name=view["chair"] or "—"),
             tr("Secretary: {name}", name=view["secretary"] or "—")]
    members = [a for a in view["attendees"] if a["kind"] == AttendeeKind.MEMBER.value]
    present = [who(a) for a in members if a["present"]]
    present += [tr("{substitute} (substituting for {name})", substitute=a["substitute"],
                   name=a["name"]) for a in members if not a["present"] and a["substitute"]]
    absent = [who(a) + (f" ({a['note']})" if a["note"] else "")
              for a in members if not a["present"]]
    invited = [who(a) + ("" if a["present"] else " — " + _("absent"))
               for a in view["attendees"] if a["kind"] == AttendeeKind.INVITED.value]
    for heading, entries in ((_("Present:"), present), (_("Absent:"), absent),
                             (_("Invited:"), invited)):
        if entries:
            lines += ["", heading, *(wrap(f"{n}. {e}", "  ", "     ")
                                     for n, e in enumerate(entries, start=1))]
    lines += ["", _("AGENDA:")]
    lines += [wrap(f"{i['number']}. {i['title']}", "  ", "     ") for i in view["items"]]
    if not view["items"]:
        lines.append("  " + _("(no items)"))
    for item in view["items"]:
        lines += ["", wrap(f"{item['number']}. {item['title']}", "", "   ")]
        for section in ("heard", "spoke"):
            speeches = [s for s in item["speeches"] if s["section"] == section]
            if speeches:
                label = _(SPEECH_SECTION_LABELS[SpeechSection(section)]).upper()
                lines.append(f"  {label}:")
                for speech in speeches:
                    speaker = speech["speaker"] + (f" ({speech['position']})"
                                                   if speech["position"] else "")
                    lines.append(wrap(f"{speaker}: {speech['text']}", "    ", "      "))
        if item["decisions"]:
            lines.append("  " + _("DECIDED:"))
            for decision in item["decisions"]:
                lines.append(wrap(f"{decision['number']}. {decision['text']}", "    ",
                                  "         "))
                terms = [tr("Responsible: {agency}", agency=decision["responsible_agency"])
                         if decision["responsible_agency"] else "",
                         tr("Due: {date}", date=fmt_date(decision["due_date"]))
                         if decision["due_date"] else ""]
                if any(terms):
                    lines.append("         " + "; ".join(t for t in terms if t))
        if item["dissent"]:
            lines.append(wrap(tr("Dissenting opinion: {text}", text=item["dissent"]), "  ",
                              "    "))
    echo("\n".join(lines))
