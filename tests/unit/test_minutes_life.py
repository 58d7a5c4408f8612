"""Minutes go draft → approved → signed by the chair → by the secretary; steps out of order
are refused with a message."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from workgroup_app.domain.errors import ValidationError
from workgroup_app.domain.minutes_life import (
    MinutesEvent,
    MinutesStatus,
    MinutesStep,
    derive,
)

AT = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


def step(kind: MinutesStep, reason: str = "") -> MinutesEvent:
    return MinutesEvent(kind, AT, "secretary", reason)


def test_the_full_path_locks_the_content_from_approval_on() -> None:
    events = [step(MinutesStep.APPROVED)]
    assert derive(events).content_locked
    events += [step(MinutesStep.REOPENED, "Уточнить срок"), step(MinutesStep.APPROVED),
               step(MinutesStep.SIGNED_CHAIR), step(MinutesStep.SIGNED_SECRETARY)]
    state = derive(events)
    assert state.status == MinutesStatus.SIGNED and state.reopened == 1
    amended = derive([*events, step(MinutesStep.AMENDED, "Опечатка в п. 1.2")])
    assert amended.status == MinutesStatus.SUPERSEDED


@pytest.mark.parametrize("events", [
    [step(MinutesStep.SIGNED_CHAIR)],  # not approved
    [step(MinutesStep.APPROVED), step(MinutesStep.SIGNED_SECRETARY)],  # secretary before chair
    [step(MinutesStep.APPROVED), step(MinutesStep.REOPENED)],  # no reason
    [step(MinutesStep.APPROVED), step(MinutesStep.SIGNED_CHAIR),
     step(MinutesStep.REOPENED, "Поздно")],  # signed minutes are amended, not reopened
    [step(MinutesStep.AMENDED, "Черновик")],  # a draft is simply edited
])
def test_steps_out_of_order_are_refused(events: list[MinutesEvent]) -> None:
    with pytest.raises(ValidationError) as error:
        derive(events)
    assert error.value.field in ("status", "reason")
