"""Meetings with attendance, agenda, speeches and numbered decisions."""

from __future__ import annotations

from datetime import date

from ..domain.access import Permission
from ..domain.actor import Actor
from ..domain.entities import Attendee, Meeting
from ..domain.enums import AttendeeKind, MeetingStatus
from ..domain.errors import NotFoundError, ValidationError
from ..domain.messages import N_
from ..domain.minutes import MINUTES_STATUS_LABELS
from ..domain.minutes_life import MinutesStatus
from ..domain.rules import ensure_number_free, next_meeting_number, validate_meeting
from ..domain.views import ListQuery, MeetingRow, Page
from . import revisions
from .acting import act
from .ports import UnitOfWork


def list_meetings(uow: UnitOfWork, query: ListQuery) -> Page[MeetingRow]:
    with uow:
        return uow.queries.meetings(query)


def get_meeting(uow: UnitOfWork, meeting_id: str) -> Meeting:
    with uow:
        meeting = uow.meetings.get(meeting_id)
    if meeting is None:
        raise NotFoundError(N_("Meeting {id} not found."), id=meeting_id)
    return meeting


def next_number(uow: UnitOfWork, workgroup_id: str, year: int) -> int:
    with uow:
        return next_meeting_number(uow.meetings.numbers_taken(workgroup_id, year))


def draft_meeting(uow: UnitOfWork, workgroup_id: str, held_on: date) -> Meeting:
    """A new meeting prefilled from its workgroup: chair, secretary, the current members."""
    with uow:
        group = uow.workgroups.get(workgroup_id)
        if group is None:
            raise NotFoundError(N_("Workgroup {id} not found."), id=workgroup_id)
        number = next_meeting_number(uow.meetings.numbers_taken(workgroup_id, held_on.year))
    attendees = [Attendee(kind=AttendeeKind.MEMBER, person_id=member.person_id)
                 for member in group.members
                 if (member.since is None or member.since <= held_on)
                 and (member.until is None or member.until >= held_on)]
    return Meeting(workgroup_id=workgroup_id, held_on=held_on, number=number,
                   chair_id=group.chair_id, secretary_id=group.secretary_id,
                   attendees=attendees)


MEETING_TABLES = ("meeting", "attendee", "agenda_item", "speech", "decision")


def save_meeting(uow: UnitOfWork, actor: Actor, meeting: Meeting,
                 expected: str | None = None) -> Meeting:
    """Create or update a whole meeting. A missing number takes the next free one.
    ``expected`` is the revision the editor opened (revisions.check)."""
    act(uow, actor, Permission.EDIT_MEETINGS)
    validate_meeting(meeting)
    with uow:
        uow.lock_writes()  # also keeps the number free between the check and the write
        revisions.check_saved(uow, expected, lambda: uow.meetings.get(meeting.id), meeting.id,
                              N_("Meeting {id} not found."), N_("The meeting"),
                              MEETING_TABLES, meeting_row_ids)
        if not uow.workgroups.exists(meeting.workgroup_id):
            raise NotFoundError(N_("Workgroup {id} not found."), field="workgroup_id",
                                id=meeting.workgroup_id)
        _check_not_locked(uow, meeting.id)
        _check_references(uow, meeting)
        taken = uow.meetings.numbers_taken(meeting.workgroup_id, meeting.year,
                                           except_id=meeting.id)
        if meeting.number is None:
            meeting.number = next_meeting_number(taken)
        ensure_number_free(meeting.number, taken, meeting.year)
        _keep_decisions_with_actions(uow, meeting)
        uow.meetings.save(meeting)
        uow.commit()
    return meeting


def meeting_row_ids(meeting: Meeting) -> list[str]:
    """The meeting's id and its children's: where the audit trail names its changes."""
    ids = [meeting.id, *(a.id for a in meeting.attendees)]
    for item in meeting.items:
        ids += [item.id, *(s.id for s in item.speeches), *(d.id for d in item.decisions)]
    return ids


def _check_not_locked(uow: UnitOfWork, meeting_id: str) -> None:
    """Approved or signed minutes fix the meeting's content (DESIGN §6)."""
    status = uow.minutes.status_of(meeting_id)
    if status is not None and status != MinutesStatus.DRAFT:
        raise ValidationError(
            N_("The minutes of this meeting are {status}: its content is locked. Reopen "
               "approved minutes, or amend signed ones, to change it."), field="status",
            status=MINUTES_STATUS_LABELS[status])


def _keep_decisions_with_actions(uow: UnitOfWork, meeting: Meeting) -> None:
    """A decision that actions were made from stays: the register points at it."""
    stored = uow.meetings.get(meeting.id)
    if stored is None:
        return
    kept = {d.id for item in meeting.items for d in item.decisions}
    for item_number, item in enumerate(stored.items, start=1):
        for decision_number, decision in enumerate(item.decisions, start=1):
            if decision.id not in kept and uow.actions.for_decision(decision.id):
                raise ValidationError(
                    N_("Decision {number} has actions in the register; withdraw them from "
                       "control instead of removing the decision."), field="items",
                    number=f"{item_number}.{decision_number}")


def _check_references(uow: UnitOfWork, meeting: Meeting) -> None:
    people = {meeting.chair_id, meeting.secretary_id}
    for attendee in meeting.attendees:
        people |= {attendee.person_id, attendee.substitute_id}
    for item in meeting.items:
        people |= {speech.person_id for speech in item.speeches}
        for decision in item.decisions:
            agency = decision.responsible_agency_id
            if agency is not None and not uow.agencies.exists(agency):
                raise NotFoundError(N_("Agency {id} not found."), field="items", id=agency)
    for person_id in people - {None}:
        if not uow.people.exists(person_id):
            raise NotFoundError(N_("Person {id} not found."), field="attendees", id=person_id)


def delete_meeting(uow: UnitOfWork, actor: Actor, meeting_id: str) -> None:
    act(uow, actor, Permission.EDIT_MEETINGS)
    with uow:
        meeting = uow.meetings.get(meeting_id)
        if meeting is None:
            raise NotFoundError(N_("Meeting {id} not found."), id=meeting_id)
        if uow.minutes.status_of(meeting_id) is not None:
            raise ValidationError(N_("A meeting with approved minutes cannot be deleted."),
                                  field="status")
        if meeting.status == MeetingStatus.HELD and meeting.items:
            raise ValidationError(
                N_("A held meeting with an agenda cannot be deleted; mark it cancelled "
                   "instead."), field="status")
        uow.meetings.delete(meeting_id)
        uow.commit()


def move_item(meeting: Meeting, index: int, delta: int) -> Meeting:
    """Move an agenda item up (-1) or down (+1); decision numbers follow the new order."""
    from ..domain.rules import move

    move(meeting.items, index, delta)
    return meeting
