"""Supervision findings and the acts of prosecutorial response (DESIGN §3, §4).

A finding records an inspection and the act issued on it (представление, протест …) with the
date a response is due. What follows — the response, its result, the measures taken, an
escalation, closing — is a list of append-only events, like an action's life; the state is
derived from them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from .deadlines import DeadlineRule
from .errors import ValidationError
from .messages import N_


def _new_id() -> str:
    return str(uuid.uuid4())


class ActType(StrEnum):
    SUBMISSION = "submission"  # представление
    PROTEST = "protest"  # протест
    ORDER = "order"  # предписание
    WARNING = "warning"  # предостережение
    DEMAND = "demand"  # требование
    RESOLUTION = "resolution"  # постановление


ACT_TYPE_LABELS: dict[ActType, str] = {
    ActType.SUBMISSION: N_("Submission (представление)"),
    ActType.PROTEST: N_("Protest (протест)"),
    ActType.ORDER: N_("Order (предписание)"),
    ActType.WARNING: N_("Warning (предостережение)"),
    ActType.DEMAND: N_("Demand (требование)"),
    ActType.RESOLUTION: N_("Resolution (постановление)"),
}


def parse_act_type(text: str) -> ActType:
    try:
        return ActType(text.strip().lower())
    except ValueError:
        raise ValidationError(
            N_("Unknown act type '{text}'; use one of: {choices}."), field="act_type",
            text=text, choices=", ".join(t.value for t in ActType)) from None


@dataclass(frozen=True, slots=True)
class ResponsePreset:
    """How the response due date of an act type is set. ``rule`` None: no response is due
    (a warning); FIXED_DATE: the prosecutor sets the date on each act."""

    rule: DeadlineRule | None
    days: int = 0


# The statutory terms (DESIGN §4); the administrator may change them.
DEFAULT_PRESETS: dict[ActType, ResponsePreset] = {
    ActType.SUBMISSION: ResponsePreset(DeadlineRule.ONE_MONTH),
    ActType.PROTEST: ResponsePreset(DeadlineRule.CALENDAR_DAYS, 10),
    ActType.ORDER: ResponsePreset(DeadlineRule.FIXED_DATE),
    ActType.WARNING: ResponsePreset(None),
    ActType.DEMAND: ResponsePreset(DeadlineRule.FIXED_DATE),
    ActType.RESOLUTION: ResponsePreset(DeadlineRule.ONE_MONTH),
}


COUNT_MAX = 9999  # officials disciplined or acts repealed in one entry


class FindingEventKind(StrEnum):
    RECORDED = "recorded"
    RESPONSE = "response"  # the addressee's answer: date, text, attachment
    RESULT = "result"  # satisfied / partly / rejected
    MEASURES = "measures"  # officials disciplined, acts repealed or amended, other
    ESCALATED = "escalated"  # to a higher body or to court
    ATTACHED = "attached"  # a document added to the finding
    COMMENT = "comment"
    CLOSED = "closed"


class ResponseResult(StrEnum):
    SATISFIED = "satisfied"
    PARTLY = "partly"
    REJECTED = "rejected"


class Escalation(StrEnum):
    HIGHER_BODY = "higher_body"
    COURT = "court"


class FindingStatus(StrEnum):
    AWAITING = "awaiting"  # no response yet
    RESPONDED = "responded"
    CLOSED = "closed"


FINDING_STATUS_LABELS = {FindingStatus.AWAITING: N_("Awaiting response"),
                         FindingStatus.RESPONDED: N_("Response received"),
                         FindingStatus.CLOSED: N_("Closed")}
RESULT_LABELS = {ResponseResult.SATISFIED: N_("Satisfied"),
                 ResponseResult.PARTLY: N_("Partly satisfied"),
                 ResponseResult.REJECTED: N_("Rejected")}
ESCALATION_LABELS = {Escalation.HIGHER_BODY: N_("To a higher body"),
                     Escalation.COURT: N_("To court")}
FINDING_EVENT_LABELS = {
    FindingEventKind.RECORDED: N_("Recorded"), FindingEventKind.RESPONSE: N_("Response received"),
    FindingEventKind.RESULT: N_("Result"), FindingEventKind.MEASURES: N_("Measures taken"),
    FindingEventKind.ESCALATED: N_("Escalated"), FindingEventKind.ATTACHED: N_("Document added"),
    FindingEventKind.COMMENT: N_("Comment"), FindingEventKind.CLOSED: N_("Closed")}


@dataclass(slots=True)
class Finding:
    """A finding and its act of response, as recorded. ``response_due`` is computed from the
    preset of ``act_type`` (or set by the prosecutor) when the finding is saved."""

    agency_id: str | None  # the inspected agency (required)
    inspected_on: date
    subject: str
    act_type: ActType
    act_number: str
    act_date: date
    official_id: str | None = None  # the inspected official
    violations: str = ""
    legal_norms: str = ""
    workgroup_id: str | None = None
    meeting_id: str | None = None
    prosecutor_id: str | None = None  # who issued the act
    addressee: str = ""
    response_due: date | None = None
    id: str = field(default_factory=_new_id)

    @property
    def act_year(self) -> int:
        return self.act_date.year


@dataclass(frozen=True, slots=True)
class FindingEvent:
    kind: FindingEventKind
    on: date
    text: str = ""
    result: ResponseResult | None = None
    disciplined: int = 0  # officials brought to disciplinary responsibility
    acts_repealed: int = 0  # acts repealed or amended
    escalation: Escalation | None = None
    attachment_name: str = ""
    attachment_sha256: str = ""
    author: str = ""
    id: str = field(default_factory=_new_id)


@dataclass(frozen=True, slots=True)
class FindingState:
    status: FindingStatus = FindingStatus.AWAITING
    responded_on: date | None = None
    result: ResponseResult | None = None
    disciplined: int = 0
    acts_repealed: int = 0
    escalation: Escalation | None = None
    closed_on: date | None = None

    def overdue(self, due: date | None, today: date) -> bool:
        """No response and the due date has passed (closing without one also ends it)."""
        return self.status == FindingStatus.AWAITING and due is not None and due < today


def apply(state: FindingState, event: FindingEvent, act_date: date) -> FindingState:
    """The state after ``event``, or a ValidationError saying why it cannot be recorded."""
    if event.kind == FindingEventKind.RECORDED:
        return state
    if state.status == FindingStatus.CLOSED and event.kind != FindingEventKind.COMMENT:
        raise ValidationError(N_("The finding is closed; only comments can be added."),
                              field="status")
    if event.on < act_date:
        raise ValidationError(N_("The date {day} is before the act of {act_date}."),
                              field="on", day=event.on, act_date=act_date)
    kind = event.kind
    if kind == FindingEventKind.RESPONSE:
        if state.responded_on is not None:
            raise ValidationError(N_("A response is already recorded."), field="on")
        return replace(state, status=FindingStatus.RESPONDED, responded_on=event.on,
                       result=event.result or state.result)
    if kind in (FindingEventKind.RESULT, FindingEventKind.CLOSED) and \
            state.responded_on is not None and event.on < state.responded_on:
        raise ValidationError(N_("The date {day} is before the response of {responded}."),
                              field="on", day=event.on, responded=state.responded_on)
    if kind == FindingEventKind.RESULT:
        if event.result is None:
            raise ValidationError(N_("Choose the result."), field="result")
        return replace(state, result=event.result)
    if kind == FindingEventKind.MEASURES:
        for name in ("disciplined", "acts_repealed"):
            if not 0 <= getattr(event, name) <= COUNT_MAX:
                raise ValidationError(N_("A count is between 0 and {maximum}."), field=name,
                                      maximum=COUNT_MAX)
        if not (event.disciplined or event.acts_repealed or event.text.strip()):
            raise ValidationError(N_("Say what measures were taken."), field="text")
        return replace(state, disciplined=state.disciplined + event.disciplined,
                       acts_repealed=state.acts_repealed + event.acts_repealed)
    if kind == FindingEventKind.ESCALATED:
        if event.escalation is None:
            raise ValidationError(N_("Choose where the matter goes."), field="escalation")
        return replace(state, escalation=event.escalation)
    if kind == FindingEventKind.CLOSED:
        return replace(state, status=FindingStatus.CLOSED, closed_on=event.on)
    return state  # attached, comment


def derive_tolerant(events: list[FindingEvent], act_date: date
                    ) -> tuple[FindingState, set[str]]:
    """The state from events in their agreed order, skipping any that cannot apply (two
    offices both recorded a response): every office reaches the same state."""
    state, skipped = FindingState(), set()
    for event in events:
        try:
            state = apply(state, event, act_date)
        except ValidationError:
            skipped.add(event.id)
    return state, skipped


def response_timeliness(due: date | None, responded_on: date | None, as_of: date) -> str:
    """"on_time", "late", "missing" (due passed, no response), "pending" or "none_due"."""
    if due is None:
        return "none_due"
    if responded_on is None:
        return "missing" if due < as_of else "pending"
    return "on_time" if responded_on <= due else "late"
