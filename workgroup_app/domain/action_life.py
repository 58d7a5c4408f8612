"""An action's life as append-only events; its status and current deadline derive from them.

Events never change once recorded, so offices can exchange them without conflicts; the state
is always recomputed. ``apply`` checks that an event may follow the ones before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from .errors import ValidationError
from .messages import N_


def _new_id() -> str:
    import uuid

    return str(uuid.uuid4())


class EventKind(StrEnum):
    CREATED = "created"
    REPORTED = "reported"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    EXTENDED = "extended"
    REASSIGNED = "reassigned"
    CANCELLED = "cancelled"
    COMMENT = "comment"


class ActionStatus(StrEnum):
    OPEN = "open"
    REPORTED = "reported"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class ActionEvent:
    kind: EventKind
    on: date
    text: str = ""
    deadline: date | None = None  # created, returned, extended: the deadline from now on
    agency_id: str | None = None  # created, reassigned: the responsible agency
    person_id: str | None = None  # extended: who approved; reassigned: the new official
    attachment_name: str = ""  # reported: a file kept as a blob
    attachment_sha256: str = ""
    author: str = ""  # who recorded it
    id: str = field(default_factory=_new_id)


@dataclass(frozen=True, slots=True)
class ActionState:
    status: ActionStatus
    deadline: date
    agency_id: str | None
    extensions: int = 0
    reported_on: date | None = None
    done_on: date | None = None

    def overdue(self, today: date) -> bool:
        """Not done or cancelled and past its deadline; a report awaiting acceptance after the
        deadline still counts as overdue until it is accepted (DESIGN §4)."""
        return self.status in (ActionStatus.OPEN, ActionStatus.REPORTED) and \
            self.deadline < today

    def done_late(self) -> bool:
        return self.done_on is not None and self.done_on > self.deadline


def _need_text(event: ActionEvent, msgid: str) -> None:
    if not event.text.strip():
        raise ValidationError(msgid, field="text")


def apply(state: ActionState | None, event: ActionEvent) -> ActionState:
    """The state after ``event``, or a ValidationError saying why it cannot happen now."""
    if state is None:
        if event.kind != EventKind.CREATED or event.deadline is None:
            raise ValidationError(N_("An action starts with its creation and a deadline."))
        return ActionState(ActionStatus.OPEN, event.deadline, event.agency_id)
    if event.kind == EventKind.CREATED:
        raise ValidationError(N_("The action already exists."))
    if state.status in (ActionStatus.DONE, ActionStatus.CANCELLED) and \
            event.kind != EventKind.COMMENT:
        msgid = N_("The action is done; only comments can be added.") \
            if state.status == ActionStatus.DONE else \
            N_("The action is cancelled; only comments can be added.")
        raise ValidationError(msgid)
    kind = event.kind
    if kind == EventKind.REPORTED:
        _need_text(event, N_("A report needs its text."))
        return replace(state, status=ActionStatus.REPORTED, reported_on=event.on)
    if kind == EventKind.ACCEPTED:
        if state.status != ActionStatus.REPORTED:
            raise ValidationError(N_("There is no report to accept."))
        return replace(state, status=ActionStatus.DONE, done_on=state.reported_on)
    if kind == EventKind.RETURNED:
        if state.status != ActionStatus.REPORTED:
            raise ValidationError(N_("There is no report to return."))
        _need_text(event, N_("Say why the report is returned."))
        return replace(state, status=ActionStatus.OPEN, reported_on=None,
                       deadline=event.deadline or state.deadline)
    if kind == EventKind.EXTENDED:
        _need_text(event, N_("An extension needs a reason."))
        if event.deadline is None or event.deadline <= state.deadline:
            raise ValidationError(N_("The new deadline must be later than {deadline}."),
                                  field="deadline", deadline=state.deadline)
        return replace(state, deadline=event.deadline, extensions=state.extensions + 1)
    if kind == EventKind.REASSIGNED:
        if not event.agency_id:
            raise ValidationError(N_("Name the agency the action passes to."), field="agency")
        return replace(state, agency_id=event.agency_id)
    if kind == EventKind.CANCELLED:
        _need_text(event, N_("A cancellation needs a reason."))
        return replace(state, status=ActionStatus.CANCELLED)
    return state  # a comment changes nothing


def derive(events: list[ActionEvent]) -> ActionState:
    state: ActionState | None = None
    for event in events:
        state = apply(state, event)
    if state is None:
        raise ValidationError(N_("An action starts with its creation and a deadline."))
    return state


def derive_tolerant(events: Iterable[ActionEvent]) -> tuple[ActionState, set[str]]:
    """The state from events in their agreed order, skipping any that cannot apply.

    Events recorded at different offices meet only at exchange: two offices may both accept
    the same report. Every office orders events the same way and skips the same ones, so
    all derive the same state. Returns the state and the ids of the skipped events."""
    state: ActionState | None = None
    skipped: set[str] = set()
    for event in events:
        try:
            state = apply(state, event)
        except ValidationError:
            skipped.add(event.id)
    if state is None:
        raise ValidationError(N_("An action starts with its creation and a deadline."))
    return state, skipped
