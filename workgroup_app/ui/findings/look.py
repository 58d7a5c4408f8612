"""How findings read on the page: act types, statuses, results and escalations in the user's
language, the one-line name of an act, and the tints (the actions register's red for overdue)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor

from ...domain.action_life import ActionStatus
from ...domain.actions import STATUS_LABELS as ACTION_STATUS_LABELS
from ...domain.findings import (
    ACT_TYPE_LABELS,
    ESCALATION_LABELS,
    FINDING_STATUS_LABELS,
    RESULT_LABELS,
    ActType,
    Escalation,
    FindingStatus,
    ResponseResult,
)
from ...i18n import _, tr
from ..actions.look import OVERDUE_TINT, REPORTED_TINT
from ..widgets.date_edit import format_date

RESPONDED_TINT = REPORTED_TINT  # a calm blue: the answer is in, its result may follow


def act_type_label(act_type: ActType) -> str:
    return _(ACT_TYPE_LABELS[act_type])


def act_short(act_type: ActType) -> str:
    """"Protest" of "Protest (протест)": the register's column is narrow."""
    return act_type_label(act_type).split(" (")[0]


def status_label(status: FindingStatus) -> str:
    return _(FINDING_STATUS_LABELS[status])


def result_label(result: ResponseResult | None) -> str:
    return _(RESULT_LABELS[result]) if result is not None else ""


def escalation_label(escalation: Escalation | None) -> str:
    return _(ESCALATION_LABELS[escalation]) if escalation is not None else ""


def action_status_label(status: str) -> str:
    try:
        return _(ACTION_STATUS_LABELS[ActionStatus(status)])
    except ValueError:
        return status


def act_text(act_type: ActType, number: str, on: date) -> str:
    return tr("{act} No. {number} of {date}", act=act_type_label(act_type), number=number,
              date=format_date(on))


def responded_text(responded_on: date | None, result: ResponseResult | None) -> str:
    """"2026-03-12, Satisfied" in the register's one column."""
    parts = [format_date(responded_on), result_label(result)]
    return ", ".join(p for p in parts if p)


def status_tint(status: FindingStatus, due: date | None, today: date) -> QColor | None:
    if status == FindingStatus.AWAITING and due is not None and due < today:
        return OVERDUE_TINT
    if status == FindingStatus.RESPONDED:
        return RESPONDED_TINT
    return None


def row_tint(overdue_days: int) -> QColor | None:
    return OVERDUE_TINT if overdue_days > 0 else None
