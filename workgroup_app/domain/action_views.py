"""Read-side shapes of execution control: register lines, overview figures, the discipline
report. Plain frozen dataclasses: services fill them, the GUI, CLI and documents show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .action_life import ActionState, ActionStatus, EventKind
from .actions import Action

AGE_BUCKETS: tuple[tuple[int, int | None], ...] = ((1, 7), (8, 30), (31, 90), (91, None))
"""Days overdue, as the overview groups them: 1–7, 8–30, 31–90, over 90."""


def age_bucket_key(low: int, high: int | None) -> str:
    """The register filter value of a bucket: "1-7", "8-30", "31-90", "91-"."""
    return f"{low}-{high if high is not None else ''}"


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One line of the actions register (and of the overdue list, the ICS file, reminders)."""

    id: str
    text: str
    agency_id: str | None
    agency_name: str
    workgroup_id: str | None
    workgroup_name: str
    controller_id: str | None
    controller_name: str
    official_name: str
    source: str  # "decision" | "finding" | "direct"
    meeting_number: int | None
    meeting_held_on: date | None
    decision_number: str  # "1.2" or ""
    assigned_on: date
    deadline: date
    status: ActionStatus
    extensions: int
    reported_on: date | None
    done_on: date | None

    def days_overdue(self, today: date) -> int:
        """Days past the deadline while open or reported; 0 when not overdue."""
        if self.status not in (ActionStatus.OPEN, ActionStatus.REPORTED):
            return 0
        return max(0, (today - self.deadline).days)


@dataclass(frozen=True, slots=True)
class EventLine:
    """One event of an action's history, as the history list shows it."""

    id: str
    kind: EventKind
    on: date
    text: str
    deadline: date | None
    agency_name: str
    person_name: str
    attachment_name: str
    attachment_sha256: str
    author: str
    effective: bool  # False: an event that arrived by exchange and could not apply


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """Overview figures of one agency or workgroup (id None: actions without a workgroup)."""

    id: str | None
    name: str
    active: int
    overdue: int
    due_this_week: int
    awaiting_acceptance: int


@dataclass(frozen=True, slots=True)
class OverviewFigures:
    as_of: date
    week_end: date  # "due this week": deadline from as_of to week_end (Sunday), both included
    active: int
    overdue: int
    overdue_by_age: tuple[int, int, int, int]  # in the order of AGE_BUCKETS
    due_this_week: int
    awaiting_acceptance: int
    by_agency: list[GroupFigures] = field(default_factory=list)
    by_workgroup: list[GroupFigures] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DisciplineLine:
    """Executive discipline of one agency over a period (DESIGN §4).

    assigned: actions assigned in the period; done_on_time / done_late: accepted with a report
    dated in the period, on or before / after the current deadline; overdue_now: assigned up to
    the period's end, still open or reported and past the deadline on ``as_of``; extended:
    actions assigned in the period that were extended at least once, ``extensions`` how often.
    """

    agency_id: str | None
    agency_name: str
    assigned: int
    done_on_time: int
    done_late: int
    overdue_now: int
    extended: int
    extensions: int

    @property
    def on_time_share(self) -> float | None:
        """Done on time among those done, or None when nothing was done."""
        done = self.done_on_time + self.done_late
        return None if done == 0 else self.done_on_time / done


@dataclass(frozen=True, slots=True)
class DisciplineReport:
    date_from: date
    date_to: date
    as_of: date
    lines: list[DisciplineLine]
    total: DisciplineLine


@dataclass(frozen=True, slots=True)
class ActionDetail:
    """An action as its page shows it: what was assigned, its state now, its history."""

    action: Action
    state: ActionState
    agency_name: str  # the responsible agency now
    co_agency_names: list[str]
    official_name: str
    controller_name: str
    workgroup_name: str
    meeting_number: int | None
    meeting_held_on: date | None
    decision_number: str
    events: list[EventLine]
    finding_label: str = ""  # source FINDING: "Protest No. 12 of 05.03.2026", for the link back

    def overdue(self, today: date) -> bool:
        return self.state.overdue(today)


@dataclass(frozen=True, slots=True)
class DecisionChoice:
    """A decision of a meeting that actions can be made from."""

    id: str
    number: str
    text: str
    agency_id: str | None
    due_date: date | None
    actions: int  # actions already made from it


@dataclass(frozen=True, slots=True)
class OverrideLine:
    """An office calendar entry: a day off or a working day on top of the country calendar."""

    id: str
    country: str
    day: date
    kind: str  # "day_off" | "working_day"
    note: str
