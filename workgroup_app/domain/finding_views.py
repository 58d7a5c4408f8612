"""What the findings register, the detail pane and the statistics show: plain rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .findings import ActType, Escalation, Finding, FindingEvent, FindingState, FindingStatus
from .findings import ResponseResult as Result


@dataclass(frozen=True, slots=True)
class FindingRow:
    id: str
    act_type: ActType
    act_number: str
    act_date: date
    agency_name: str
    subject: str
    response_due: date | None
    status: FindingStatus
    responded_on: date | None
    result: Result | None
    overdue_days: int  # 0 unless the response is overdue


@dataclass(frozen=True, slots=True)
class LinkedAction:
    id: str
    text: str
    status: str
    deadline: date


@dataclass(frozen=True, slots=True)
class FindingDetail:
    finding: Finding
    state: FindingState
    events: tuple[FindingEvent, ...]
    agency_name: str
    official_name: str = ""
    prosecutor_name: str = ""
    workgroup_name: str = ""
    meeting_label: str = ""  # "No. 3 of 05.03.2026"
    actions: tuple[LinkedAction, ...] = ()
    skipped: frozenset[str] = field(default_factory=frozenset)

    @property
    def escalation(self) -> Escalation | None:
        return self.state.escalation


@dataclass(frozen=True, slots=True)
class FindingStatLine:
    """One agency and act type over a period."""

    agency_name: str
    act_type: ActType
    issued: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0
    with_result: int = 0
    satisfied: int = 0
    disciplined: int = 0

    @property
    def satisfied_share(self) -> float | None:
        return None if not self.with_result else self.satisfied / self.with_result


@dataclass(frozen=True, slots=True)
class FindingStats:
    date_from: date
    date_to: date
    as_of: date
    lines: tuple[FindingStatLine, ...]
    total: FindingStatLine
