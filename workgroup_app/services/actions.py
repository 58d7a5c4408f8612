"""Actions: assign (from a decision or directly), record what happens, read the register.

Every change of an action after its creation is an appended event; the domain
(``action_life.apply``) decides whether it may happen now, so a refused event changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from ..domain.access import Permission
from ..domain.action_life import ActionEvent, ActionState, EventKind, apply
from ..domain.action_views import ActionDetail, ActionRow, DecisionChoice, EventLine
from ..domain.actions import (
    Action,
    ActionSource,
    Recurrence,
    check_deadline,
    limit_reason,
    next_nominal_deadline,
    validate_action,
)
from ..domain.actor import Actor
from ..domain.deadlines import DeadlineRule, calendar_span, compute_deadline, nominal_deadline
from ..domain.entities import new_id
from ..domain.enums import MeetingStatus
from ..domain.errors import NotFoundError, ValidationError
from ..domain.messages import N_
from ..domain.revisions import revision
from ..domain.views import ListQuery, Page
from . import revisions
from .acting import act
from .attachments import read_attachment
from .finding_labels import finding_label
from .ports import UnitOfWork
from .workdays import calendar_in

ROWS_LIMIT = 1_000_000
# What update_action writes; the deadline and agency move by events, not by an edit.
EDITED_FIELDS = ("text", "official_id", "controller_id", "co_agency_ids", "workgroup_id",
                 "recurrence", "recur_until", "finding_id")


def list_actions(uow: UnitOfWork, query: ListQuery, as_of: date | None = None
                 ) -> Page[ActionRow]:
    with uow:
        return uow.action_queries.register(query, as_of or date.today())


def action_rows(uow: UnitOfWork, query: ListQuery, as_of: date | None = None,
                limit: int = ROWS_LIMIT) -> list[ActionRow]:
    """Every action matching ``query`` (for reports and calendar files), in its order."""
    with uow:
        return uow.action_queries.rows(query, as_of or date.today(), limit)


def decision_choices(uow: UnitOfWork, meeting_id: str) -> list[DecisionChoice]:
    with uow:
        if not uow.meetings.exists(meeting_id):
            raise NotFoundError(N_("Meeting {id} not found."), id=meeting_id)
        return [DecisionChoice(d_id, number, text, agency, due,
                               len(uow.actions.for_decision(d_id)))
                for d_id, number, text, agency, due
                in uow.action_queries.decision_choices(meeting_id)]


def draft_from_decision(uow: UnitOfWork, meeting_id: str, decision_id: str) -> Action:
    """A new action prefilled from a decision: its text, agency and deadline, the meeting's
    date and workgroup. The caller may change it, or make several from one decision."""
    with uow:
        meeting = uow.meetings.get(meeting_id)
        if meeting is None:
            raise NotFoundError(N_("Meeting {id} not found."), id=meeting_id)
    for item in meeting.items:
        for decision in item.decisions:
            if decision.id == decision_id:
                return Action(text=decision.text, agency_id=decision.responsible_agency_id,
                              assigned_on=meeting.held_on, deadline=decision.due_date,
                              source=ActionSource.DECISION, decision_id=decision.id,
                              meeting_id=meeting.id, workgroup_id=meeting.workgroup_id)
    raise NotFoundError(N_("Decision {id} not found in this meeting."), field="decision",
                        id=decision_id)


def create_action(uow: UnitOfWork, actor: Actor, action: Action) -> Action:
    """Check, compute the deadline in the office calendar, and record the action."""
    act(uow, actor, Permission.EDIT_ACTIONS)
    with uow:
        held_on = _meeting_date(uow, action)
        validate_action(action, held_on)
        _check_references(uow, action)
        start = held_on or action.assigned_on  # rules count from the meeting
        rule, days = action.deadline_rule, action.deadline_days
        fixed = action.deadline if rule == DeadlineRule.FIXED_DATE else None
        if fixed is not None:
            check_deadline(fixed, action.assigned_on, held_on)
        cal = calendar_in(uow, start, calendar_span(rule, start, days=days, fixed=fixed))
        deadline = compute_deadline(rule, start, cal, days=days, fixed=fixed)
        check_deadline(deadline, action.assigned_on, held_on)
        action.deadline = deadline
        action.nominal_deadline = nominal_deadline(rule, start, days=days, fixed=fixed) \
            or deadline
        if action.recurrence != Recurrence.NONE:
            action.series_id, action.occurrence = action.series_id or action.id, \
                action.occurrence or 1
        created = ActionEvent(EventKind.CREATED, action.assigned_on, deadline=action.deadline,
                              agency_id=action.agency_id, author=actor.user)
        uow.actions.add(action, created)
        uow.commit()
    return action


def update_action(uow: UnitOfWork, actor: Actor, action: Action,
                  expected: str | None = None) -> Action:
    """Edit what was assigned. Deadline and agency change only through events. ``expected``
    is the revision of the fields the editor writes (``action_revision``) when it opened."""
    act(uow, actor, Permission.EDIT_ACTIONS)
    with uow:
        uow.lock_writes()
        stored = uow.actions.get(action.id)
        if stored is None:
            raise NotFoundError(N_("Action {id} not found."), id=action.id)
        revisions.check(uow, expected, stored, N_("The action"), ["action", "action_co_agency"],
                        [action.id], EDITED_FIELDS)
        recurring = action.recurrence != Recurrence.NONE
        action = replace(action, agency_id=stored.agency_id, deadline=stored.deadline,
                         nominal_deadline=stored.nominal_deadline,
                         deadline_rule=stored.deadline_rule, deadline_days=stored.deadline_days,
                         assigned_on=stored.assigned_on, source=stored.source,
                         decision_id=stored.decision_id, meeting_id=stored.meeting_id,
                         series_id=stored.series_id or (action.id if recurring else None),
                         occurrence=stored.occurrence)
        validate_action(action)
        _check_references(uow, action)
        uow.actions.update_assignment(action)
        uow.commit()
    return action


def action_revision(action: Action) -> str:
    """The revision of what an edit of ``action`` writes (events change the rest)."""
    return revision(action, EDITED_FIELDS)


def _meeting_date(uow: UnitOfWork, action: Action) -> date | None:
    """The date of the meeting the action comes from; only a held meeting assigns actions."""
    if not action.meeting_id:
        return None
    meeting = uow.meetings.get(action.meeting_id)
    if meeting is None:
        raise NotFoundError(N_("Meeting {id} not found."), field="meeting_id",
                            id=action.meeting_id)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(N_("Actions are made only from a held meeting."),
                              field="meeting_id")
    action.workgroup_id = action.workgroup_id or meeting.workgroup_id
    return meeting.held_on


def _check_references(uow: UnitOfWork, action: Action) -> None:
    for agency_id in (action.agency_id, *action.co_agency_ids):
        if not uow.agencies.exists(agency_id):
            raise NotFoundError(N_("Agency {id} not found."), field="agency_id", id=agency_id)
    for field, person_id in (("official_id", action.official_id),
                             ("controller_id", action.controller_id)):
        if person_id is not None and not uow.people.exists(person_id):
            raise NotFoundError(N_("Person {id} not found."), field=field, id=person_id)
    if action.workgroup_id is not None and not uow.workgroups.exists(action.workgroup_id):
        raise NotFoundError(N_("Workgroup {id} not found."), field="workgroup_id",
                            id=action.workgroup_id)
    if action.finding_id is not None and not uow.findings.exists(action.finding_id):
        raise NotFoundError(N_("Finding {id} not found."), field="finding_id",
                            id=action.finding_id)


# -- events ---------------------------------------------------------------------------------

def _record(uow: UnitOfWork, action_id: str, event: ActionEvent,
            today: date | None) -> tuple[Action, ActionState]:
    """Check ``event`` against the action's state and append it (inside a unit of work)."""
    action = uow.actions.get(action_id)
    if action is None:
        raise NotFoundError(N_("Action {id} not found."), id=action_id)
    if event.on < action.assigned_on:
        raise ValidationError(N_("The date {date} is before the action was assigned ({start})."),
                              field="on", date=event.on,
                              start=action.assigned_on)
    if event.on > (today or date.today()):
        raise ValidationError(N_("The date {date} is in the future."), field="on",
                              date=event.on)
    state, _skipped = uow.actions.state(action_id)
    apply(state, event)  # raises when the event cannot happen now
    return action, uow.actions.append(action_id, event)


# Accepting and returning are the controller's; a comment anyone may add who works on actions.
def _require_event(uow: UnitOfWork, actor: Actor, kind: EventKind) -> None:
    if kind in (EventKind.ACCEPTED, EventKind.RETURNED) or (
            kind == EventKind.COMMENT and actor.may(Permission.CONTROL_ACTIONS)):
        act(uow, actor, Permission.CONTROL_ACTIONS)
    else:
        act(uow, actor, Permission.EDIT_ACTIONS)


def record_event(uow: UnitOfWork, actor: Actor, action_id: str, event: ActionEvent,
                 today: date | None = None) -> ActionState:
    _require_event(uow, actor, event.kind)
    event = replace(event, text=limit_reason(event.text), author=actor.user)
    with uow:
        _action, state = _record(uow, action_id, event, today)
        uow.commit()
    return state


def report(uow: UnitOfWork, actor: Actor, action_id: str, text: str, on: date,
           attachment: Path | None = None, today: date | None = None) -> ActionState:
    """Submit the executor's report, with a file kept in the store if given."""
    act(uow, actor, Permission.EDIT_ACTIONS)
    event = ActionEvent(EventKind.REPORTED, on, limit_reason(text), author=actor.user)
    data = read_attachment(attachment) if attachment is not None else None
    with uow:
        if data is not None and attachment is not None:
            event = replace(event, attachment_name=attachment.name[:300],
                            attachment_sha256=uow.blobs.put(data))
        _action, state = _record(uow, action_id, event, today)
        uow.commit()
    return state


def accept(uow: UnitOfWork, actor: Actor, action_id: str, on: date,
           today: date | None = None) -> str | None:
    """Accept the report. A recurring action then gets its next occurrence, whose id is
    returned (None when the series has ended or the action does not recur)."""
    act(uow, actor, Permission.CONTROL_ACTIONS)
    with uow:
        action, _state = _record(uow, action_id,
                                 ActionEvent(EventKind.ACCEPTED, on, author=actor.user), today)
        next_id = _next_occurrence(uow, actor, action, on)
        uow.commit()
    return next_id


def _next_occurrence(uow: UnitOfWork, actor: Actor, action: Action, on: date) -> str | None:
    if action.recurrence == Recurrence.NONE or action.recur_until is None:
        return None
    series = uow.actions.in_series(action.series_id or action.id)
    if any(row.occurrence > action.occurrence for row in series):
        return None  # already made (for instance at another office)
    first = series[0] if series and series[0].occurrence == 1 else None
    anchor = (first.nominal_deadline or first.deadline) if first else \
        (action.nominal_deadline or action.deadline)
    steps = action.occurrence if first else 1  # an action made recurring later anchors itself
    nominal = next_nominal_deadline(anchor, action.recurrence, steps)
    if nominal > action.recur_until:
        return None
    deadline = calendar_in(uow, nominal, 60).roll_forward(nominal)
    following = replace(action, id=new_id(), assigned_on=on, deadline=deadline,
                        nominal_deadline=nominal,
                        deadline_rule=DeadlineRule.FIXED_DATE, deadline_days=0,
                        occurrence=action.occurrence + 1,
                        series_id=action.series_id or action.id,
                        co_agency_ids=list(action.co_agency_ids))
    state, _ = uow.actions.state(action.id)
    following.agency_id = state.agency_id
    uow.actions.add(following, ActionEvent(EventKind.CREATED, on, deadline=deadline,
                                           agency_id=following.agency_id, author=actor.user))
    return following.id


def _working(uow: UnitOfWork, new_deadline: date, on: date) -> date:
    """A new deadline (of a return or an extension): not before the day it is set, and moved
    off a day off like any deadline."""
    if new_deadline < on:
        raise ValidationError(N_("The new deadline {deadline} is before {date}."),
                              field="deadline", deadline=new_deadline, date=on)
    with uow:
        return calendar_in(uow, new_deadline, 60).roll_forward(new_deadline)


def return_for_rework(uow: UnitOfWork, actor: Actor, action_id: str, reason: str, on: date,
                      new_deadline: date | None = None, today: date | None = None
                      ) -> ActionState:
    act(uow, actor, Permission.CONTROL_ACTIONS)
    deadline = _working(uow, new_deadline, on) if new_deadline is not None else None
    return record_event(uow, actor, action_id, ActionEvent(
        EventKind.RETURNED, on, reason, deadline=deadline), today)


def extend(uow: UnitOfWork, actor: Actor, action_id: str, new_deadline: date, reason: str,
           on: date, approved_by: str | None = None, today: date | None = None
           ) -> ActionState:
    act(uow, actor, Permission.EDIT_ACTIONS)
    with uow:
        if approved_by is not None and not uow.people.exists(approved_by):
            raise NotFoundError(N_("Person {id} not found."), field="approved_by",
                                id=approved_by)
    return record_event(uow, actor, action_id, ActionEvent(
        EventKind.EXTENDED, on, reason, deadline=_working(uow, new_deadline, on),
        person_id=approved_by), today)


def reassign(uow: UnitOfWork, actor: Actor, action_id: str, agency_id: str, on: date,
             reason: str = "", official_id: str | None = None, today: date | None = None
             ) -> ActionState:
    act(uow, actor, Permission.EDIT_ACTIONS)
    with uow:
        if not uow.agencies.exists(agency_id):
            raise NotFoundError(N_("Agency {id} not found."), field="agency_id", id=agency_id)
        if official_id is not None and not uow.people.exists(official_id):
            raise NotFoundError(N_("Person {id} not found."), field="official_id",
                                id=official_id)
    return record_event(uow, actor, action_id, ActionEvent(
        EventKind.REASSIGNED, on, reason, agency_id=agency_id, person_id=official_id), today)


def cancel(uow: UnitOfWork, actor: Actor, action_id: str, reason: str, on: date,
           today: date | None = None) -> ActionState:
    act(uow, actor, Permission.EDIT_ACTIONS)
    return record_event(uow, actor, action_id, ActionEvent(EventKind.CANCELLED, on, reason),
                        today)


def comment(uow: UnitOfWork, actor: Actor, action_id: str, text: str, on: date,
            today: date | None = None) -> ActionState:
    _require_event(uow, actor, EventKind.COMMENT)
    if not text.strip():
        raise ValidationError(N_("A comment needs its text."), field="text")
    return record_event(uow, actor, action_id, ActionEvent(EventKind.COMMENT, on, text), today)


def attachment(uow: UnitOfWork, digest: str) -> bytes:
    with uow:
        data = uow.blobs.get(digest)
    if data is None:
        raise NotFoundError(N_("The attached file {id} is not in this store."), id=digest)
    return data


# -- one action -----------------------------------------------------------------------------

def get_action(uow: UnitOfWork, action_id: str) -> ActionDetail:
    with uow:
        action = uow.actions.get(action_id)
        if action is None:
            raise NotFoundError(N_("Action {id} not found."), id=action_id)
        rows = uow.actions.events(action_id)
        state, skipped = uow.actions.state(action_id)
        handovers = [r for r in rows if r.kind == EventKind.REASSIGNED and r.id not in skipped]
        official_id = handovers[-1].person_id if handovers else action.official_id
        agencies = uow.queries.agency_names(
            [a for a in (state.agency_id, *action.co_agency_ids, *(r.agency_id for r in rows))
             if a])
        people = uow.queries.people_names(
            [p for p in (official_id, action.controller_id, *(r.person_id for r in rows)) if p])
        group = uow.workgroups.get(action.workgroup_id) if action.workgroup_id else None
        meeting = uow.meetings.get(action.meeting_id) if action.meeting_id else None
        number = next((n for d_id, n, *_rest in uow.action_queries.decision_choices(meeting.id)
                       if d_id == action.decision_id), "") if meeting else ""
        events = [EventLine(r.id, EventKind(r.kind), r.happened_on, r.text, r.deadline,
                            agencies.get(r.agency_id or "", ""),
                            people.get(r.person_id or "", ""), r.attachment_name,
                            r.attachment_sha256, r.author, r.id not in skipped) for r in rows]
        finding = uow.findings.get(action.finding_id) if action.finding_id else None
    return ActionDetail(action, state, agencies.get(state.agency_id or "", ""),
                        [agencies.get(a, "") for a in action.co_agency_ids],
                        people.get(official_id or "", ""),
                        people.get(action.controller_id or "", ""),
                        group.name if group else "",
                        meeting.number if meeting else None,
                        meeting.held_on if meeting else None, number, events,
                        finding_label(finding) if finding else "")
