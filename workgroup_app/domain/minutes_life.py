"""The life of a meeting's minutes (DESIGN §6): draft → approved → signed by the chair, then
by the secretary; an approved protocol may be reopened only as an explicit, recorded step, and
a signed one only by an amendment, a new version that supersedes it.

Pure rules over a list of steps, like ``action_life``: the services record the steps, this
module says which may follow which and what state they lead to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from .errors import ValidationError
from .messages import N_


class MinutesStep(StrEnum):
    APPROVED = "approved"  # the content is locked
    REOPENED = "reopened"  # back to draft, with a reason
    SIGNED_CHAIR = "signed_chair"
    SIGNED_SECRETARY = "signed_secretary"
    AMENDED = "amended"  # a new version supersedes this signed one


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    SIGNED_BY_CHAIR = "signed_by_chair"
    SIGNED = "signed"
    SUPERSEDED = "superseded"


@dataclass(frozen=True, slots=True)
class MinutesEvent:
    step: MinutesStep
    at: datetime
    by: str  # the user who took the step
    reason: str = ""


@dataclass(frozen=True, slots=True)
class MinutesState:
    status: MinutesStatus = MinutesStatus.DRAFT
    reopened: int = 0

    @property
    def content_locked(self) -> bool:
        """Whether the meeting's content may no longer be edited."""
        return self.status != MinutesStatus.DRAFT


_NEXT = {
    MinutesStep.APPROVED: ({MinutesStatus.DRAFT}, MinutesStatus.APPROVED,
                           N_("Only a draft can be approved.")),
    MinutesStep.REOPENED: ({MinutesStatus.APPROVED}, MinutesStatus.DRAFT,
                           N_("Only approved minutes that nobody has signed can be reopened.")),
    MinutesStep.SIGNED_CHAIR: ({MinutesStatus.APPROVED}, MinutesStatus.SIGNED_BY_CHAIR,
                               N_("The chair signs approved minutes, and signs first.")),
    MinutesStep.SIGNED_SECRETARY: ({MinutesStatus.SIGNED_BY_CHAIR}, MinutesStatus.SIGNED,
                                   N_("The secretary signs after the chair.")),
    MinutesStep.AMENDED: ({MinutesStatus.SIGNED}, MinutesStatus.SUPERSEDED,
                          N_("Only signed minutes are amended; reopen approved minutes, or "
                             "edit a draft.")),
}


def apply(state: MinutesState, event: MinutesEvent) -> MinutesState:
    """The state after ``event``, or a ValidationError saying why it cannot happen now."""
    allowed, status, refusal = _NEXT[event.step]
    if state.status not in allowed:
        raise ValidationError(refusal, field="status")
    if event.step in (MinutesStep.REOPENED, MinutesStep.AMENDED) and not event.reason.strip():
        raise ValidationError(N_("Say why the minutes are reopened or amended."),
                              field="reason")
    reopened = state.reopened + (event.step == MinutesStep.REOPENED)
    return replace(state, status=status, reopened=reopened)


def derive(events: list[MinutesEvent]) -> MinutesState:
    state = MinutesState()
    for event in events:
        state = apply(state, event)
    return state
