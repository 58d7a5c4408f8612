"""An action (поручение): what is to be done, by whom, by when, and where it came from.

The record holds what was decided at assignment; everything that happens afterwards is an
event (``action_life``). The deadline is computed once, from the rule and the office calendar,
when the action is created; later changes of deadline are events (extended, returned).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .action_life import ActionStatus, EventKind
from .deadlines import DeadlineRule, add_months
from .entities import new_id
from .errors import ValidationError
from .messages import N_
from .rules import LINE_MAX, clean

TEXT_MAX = 4000


class ActionSource(StrEnum):
    DECISION = "decision"
    FINDING = "finding"
    DIRECT = "direct"


class Recurrence(StrEnum):
    NONE = "none"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


RECURRENCE_MONTHS = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3}

SOURCE_LABELS = {ActionSource.DECISION: N_("Decision of a meeting"),
                 ActionSource.FINDING: N_("Supervision finding"),
                 ActionSource.DIRECT: N_("Entered directly")}
RECURRENCE_LABELS = {Recurrence.NONE: N_("Once"), Recurrence.MONTHLY: N_("Monthly"),
                     Recurrence.QUARTERLY: N_("Quarterly")}
STATUS_LABELS = {ActionStatus.OPEN: N_("Open"),
                 ActionStatus.REPORTED: N_("Report awaiting acceptance"),
                 ActionStatus.DONE: N_("Done"),
                 ActionStatus.CANCELLED: N_("Withdrawn from control")}
EVENT_LABELS = {EventKind.CREATED: N_("Assigned"), EventKind.REPORTED: N_("Report submitted"),
                EventKind.ACCEPTED: N_("Accepted"), EventKind.RETURNED: N_("Returned for rework"),
                EventKind.EXTENDED: N_("Deadline extended"),
                EventKind.REASSIGNED: N_("Reassigned"),
                EventKind.CANCELLED: N_("Withdrawn from control"),
                EventKind.COMMENT: N_("Comment")}
RULE_LABELS = {DeadlineRule.FIXED_DATE: N_("By a date"),
               DeadlineRule.CALENDAR_DAYS: N_("In N calendar days"),
               DeadlineRule.WORKING_DAYS: N_("In N working days"),
               DeadlineRule.ONE_MONTH: N_("In one month")}


@dataclass(slots=True)
class Action:
    """What was assigned. ``deadline`` is the fixed date for FIXED_DATE and, once the action
    is created, the computed first deadline for every rule."""

    text: str
    agency_id: str | None
    assigned_on: date
    deadline_rule: DeadlineRule = DeadlineRule.FIXED_DATE
    deadline_days: int = 0
    deadline: date | None = None
    nominal_deadline: date | None = None  # as set, before a move off a day off
    official_id: str | None = None
    controller_id: str | None = None
    co_agency_ids: list[str] = field(default_factory=list)
    source: ActionSource = ActionSource.DIRECT
    decision_id: str | None = None
    meeting_id: str | None = None
    workgroup_id: str | None = None
    recurrence: Recurrence = Recurrence.NONE
    recur_until: date | None = None
    series_id: str | None = None  # the first action of a recurring series
    occurrence: int = 1
    finding_id: str | None = None  # source FINDING: the supervision finding it checks
    id: str = field(default_factory=new_id)


def validate_action(action: Action, meeting_held_on: date | None = None) -> Action:
    """Clean and check what a user typed; the deadline itself is checked when computed."""
    action.text = clean(action.text)
    if not action.text:
        raise ValidationError(N_("Say what is to be done."), field="text")
    if len(action.text) > TEXT_MAX:
        raise ValidationError(N_("The text is longer than {maximum} characters."),
                              field="text", maximum=TEXT_MAX)
    if not action.agency_id:
        raise ValidationError(N_("Choose the responsible agency."), field="agency_id")
    if meeting_held_on is not None and action.assigned_on < meeting_held_on:
        raise ValidationError(N_("An action cannot be assigned before its meeting ({date})."),
                              field="assigned_on", date=meeting_held_on)
    action.co_agency_ids = list(dict.fromkeys(a for a in action.co_agency_ids
                                              if a and a != action.agency_id))
    if action.recurrence != Recurrence.NONE:
        if action.recur_until is None:
            raise ValidationError(N_("A recurring action needs the date it recurs until."),
                                  field="recur_until")
        if action.recur_until < action.assigned_on:
            raise ValidationError(N_("The recurrence ends before the action is assigned."),
                                  field="recur_until")
    return action


def check_deadline(deadline: date, start: date, meeting_held_on: date | None) -> None:
    """A deadline may not lie before the meeting that set it, nor before the assignment."""
    if meeting_held_on is not None and deadline < meeting_held_on:
        raise ValidationError(N_("The deadline {deadline} is before the meeting ({date})."),
                              field="deadline", deadline=deadline,
                              date=meeting_held_on)
    if deadline < start:
        raise ValidationError(N_("The deadline {deadline} is before {start}."),
                              field="deadline", deadline=deadline,
                              start=start)


def next_nominal_deadline(series_first: date, recurrence: Recurrence, occurrence: int) -> date:
    """The nominal (not yet moved off a day off) deadline of occurrence ``occurrence + 1``,
    counted from the series' first nominal deadline so that neither month ends nor moves off
    weekends drift (31 Jan → 28 Feb → 31 Mar)."""
    return add_months(series_first, RECURRENCE_MONTHS[recurrence] * occurrence)


def limit_reason(text: str) -> str:
    value = clean(text)
    if len(value) > LINE_MAX * 4:
        raise ValidationError(N_("The text is longer than {maximum} characters."),
                              field="text", maximum=LINE_MAX * 4)
    return value
