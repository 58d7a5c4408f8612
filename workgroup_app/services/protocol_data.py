"""A held meeting as the resolved text of its protocol (ProtocolData) and extracts of it.

Names, positions and agencies are read here, once, so the renderers need no store; the
execution of earlier decisions is judged as it stood on the day of the meeting, so building the
same protocol again later gives the same document.
"""

from __future__ import annotations

from datetime import date

from ..domain.action_life import ActionStatus, derive_tolerant
from ..domain.entities import Meeting, Person
from ..domain.enums import AttendeeKind, MeetingStatus, SpeechSection
from ..domain.errors import NotFoundError, ValidationError
from ..domain.messages import N_
from ..domain.minutes import (
    ExecutionLine,
    ExecutionStatus,
    ExtractData,
    ProtocolData,
    ProtocolDecision,
    ProtocolItem,
    ProtocolPerson,
    ProtocolSpeech,
)
from ..domain.rules import decision_number
from ..i18n import _
from .ports import UnitOfWork

MISSING = {
    "held": N_("the meeting is not marked as held"),
    "chair": N_("no chair is named"),
    "secretary": N_("no secretary is named"),
    "attendance": N_("nobody is marked present"),
    "agenda": N_("the agenda is empty"),
    "decisions": N_("no decisions are recorded"),
}


def check_complete(meeting: Meeting) -> None:
    """Refuse a meeting that cannot have a protocol yet, saying everything that is missing."""
    missing = []
    if meeting.status != MeetingStatus.HELD:
        missing.append("held")
    if meeting.chair_id is None:
        missing.append("chair")
    if meeting.secretary_id is None:
        missing.append("secretary")
    if not any(a.present for a in meeting.attendees if a.kind == AttendeeKind.MEMBER):
        missing.append("attendance")
    if not meeting.items:
        missing.append("agenda")
    elif not any(item.decisions for item in meeting.items):
        missing.append("decisions")
    if missing:
        raise ValidationError(N_("The protocol cannot be made yet: {missing}."),
                              field=missing[0], missing="; ".join(_(MISSING[m])
                                                                  for m in missing))


class _Names:
    """People and agencies of one meeting, read once."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self._people: dict[str, Person | None] = {}
        self._agencies: dict[str, str] = {}

    def person(self, person_id: str | None) -> Person | None:
        if person_id is None:
            return None
        if person_id not in self._people:
            self._people[person_id] = self.uow.people.get(person_id)
        return self._people[person_id]

    def agency(self, agency_id: str | None) -> str:
        if agency_id is None:
            return ""
        if agency_id not in self._agencies:
            agency = self.uow.agencies.get(agency_id)
            self._agencies[agency_id] = "" if agency is None else agency.name
        return self._agencies[agency_id]

    def protocol_person(self, person_id: str | None, note: str = "") -> ProtocolPerson | None:
        person = self.person(person_id)
        if person is None:
            return None
        return ProtocolPerson(person.full_name, person.position, self.agency(person.agency_id),
                              note)


def _attendance(meeting: Meeting, names: _Names
                ) -> tuple[list[ProtocolPerson], list[ProtocolPerson], list[ProtocolPerson]]:
    present, absent, invited = [], [], []
    for line in meeting.attendees:
        if line.kind == AttendeeKind.INVITED:
            guest = names.protocol_person(line.person_id, line.note) or ProtocolPerson(
                line.guest_name, line.guest_position, line.guest_organisation, line.note)
            invited.append(guest)
            continue
        note = line.note
        substitute = names.person(line.substitute_id)
        if substitute is not None:
            note = "; ".join(filter(None, [substitute.full_name, note]))
        shown = names.protocol_person(line.person_id, note)
        if shown is not None:
            (present if line.present else absent).append(shown)
    return present, absent, invited


def _items(meeting: Meeting, names: _Names) -> list[ProtocolItem]:
    items = []
    for number, item in enumerate(meeting.items, start=1):
        heard, spoke = [], []
        for speech in item.speeches:
            person = names.person(speech.person_id)
            shown = ProtocolSpeech(person.full_name if person else speech.speaker_name,
                                   person.position if person else speech.speaker_position,
                                   speech.text)
            (heard if speech.section == SpeechSection.HEARD else spoke).append(shown)
        decisions = tuple(
            ProtocolDecision(decision_number(number, place), d.text,
                             names.agency(d.responsible_agency_id), d.due_date)
            for place, d in enumerate(item.decisions, start=1))
        items.append(ProtocolItem(number, item.title, tuple(heard), tuple(spoke), decisions,
                                  item.dissent))
    return items


def _execution_status(events: list, on: date) -> ExecutionStatus | None:
    """How an action stood on ``on``; None when it did not exist yet."""
    known = [e for e in events if e.on <= on]
    if not known:
        return None
    state, _skipped = derive_tolerant(known)
    if state.status == ActionStatus.DONE:
        return ExecutionStatus.DONE_LATE if state.done_late() else ExecutionStatus.DONE
    if state.status == ActionStatus.CANCELLED:
        return ExecutionStatus.WITHDRAWN
    if state.overdue(on):
        return ExecutionStatus.OVERDUE
    if state.status == ActionStatus.REPORTED:
        return ExecutionStatus.AWAITING_ACCEPTANCE
    if state.extensions:
        return ExecutionStatus.EXTENDED
    return ExecutionStatus.IN_PROGRESS


def execution_lines(uow: UnitOfWork, meeting: Meeting, names: _Names) -> list[ExecutionLine]:
    """Actions of the workgroup's earlier meetings that were still under control at the
    previous meeting (or ever, before the first), as they stood on this meeting's day."""
    earlier = uow.minutes.earlier_actions(meeting.workgroup_id, meeting.held_on)
    previous = max((a.meeting_date for a in earlier), default=None)
    lines = []
    for action in earlier:
        status = _execution_status(action.events, meeting.held_on)
        if status is None:
            continue
        if previous is not None and action.meeting_date < previous:
            before = _execution_status(action.events, previous)
            if before in (ExecutionStatus.DONE, ExecutionStatus.DONE_LATE,
                          ExecutionStatus.WITHDRAWN):
                continue  # already reported as closed at the previous meeting
        state, _skipped = derive_tolerant([e for e in action.events
                                           if e.on <= meeting.held_on])
        lines.append(ExecutionLine(action.meeting_number, action.meeting_date, action.decision,
                                   action.text, names.agency(state.agency_id), state.deadline,
                                   status, state.done_on, state.extensions))
    return lines


def protocol_data(uow: UnitOfWork, meeting: Meeting, *, lang: str, include_execution: bool,
                  office: str, version: int = 1, supersedes: str = "",
                  reason: str = "") -> ProtocolData:
    """Inside an open unit of work: the protocol of a complete meeting."""
    check_complete(meeting)
    group = uow.workgroups.get(meeting.workgroup_id)
    if group is None:
        raise NotFoundError(N_("Workgroup {id} not found."), id=meeting.workgroup_id)
    names = _Names(uow)
    present, absent, invited = _attendance(meeting, names)
    execution = tuple(execution_lines(uow, meeting, names)) if include_execution else None
    return ProtocolData(
        lang=lang, office=office, workgroup=group.name, number=meeting.number or 0,
        held_on=meeting.held_on, starts_at=meeting.starts_at, venue=meeting.venue,
        chair=names.protocol_person(meeting.chair_id),
        secretary=names.protocol_person(meeting.secretary_id),
        present=tuple(present), absent=tuple(absent), invited=tuple(invited),
        items=tuple(_items(meeting, names)), execution=execution, version=version,
        supersedes=supersedes, amendment_reason=reason)


def extract_data(protocol: ProtocolData, item_number: int, agency_id: str,
                 agency_name: str, meeting: Meeting) -> ExtractData:
    """One item's decisions addressed to one agency."""
    if not 1 <= item_number <= len(meeting.items):
        raise ValidationError(N_("The agenda has items 1 to {count}; there is no item "
                                 "{number}."), field="item", count=len(meeting.items),
                              number=item_number)
    source = meeting.items[item_number - 1]
    shown = protocol.items[item_number - 1]
    kept = tuple(decision for decision, original in zip(shown.decisions, source.decisions,
                                                        strict=True)
                 if original.responsible_agency_id == agency_id)
    if not kept:
        raise ValidationError(N_("Item {number} has no decisions addressed to {agency}."),
                              field="agency", number=item_number, agency=agency_name)
    item = ProtocolItem(shown.number, shown.title, decisions=kept)
    return ExtractData(protocol=protocol, item=item, addressee=agency_name)
