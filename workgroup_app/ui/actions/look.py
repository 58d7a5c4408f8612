"""How actions read and look everywhere on the page: source, rule and status texts, and the
row tints (translucent, so they sit on a light or a dark palette and the text stays readable)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ...domain.action_life import ActionStatus
from ...domain.actions import (
    RECURRENCE_LABELS,
    RULE_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    Action,
    ActionSource,
    Recurrence,
)
from ...domain.deadlines import DeadlineRule
from ...i18n import _, tr
from ..widgets.date_edit import format_date

OVERDUE_TINT = QColor(229, 57, 53, 70)  # red over the base colour, light or dark
DUE_SOON_TINT = QColor(255, 179, 0, 80)  # amber
REPORTED_TINT = QColor(30, 136, 229, 55)  # a calm blue: waiting for the controller
ACTIVE = (ActionStatus.OPEN, ActionStatus.REPORTED)


def muted_colour() -> QColor:
    """The style's own colour for inactive text: grey in light and in dark palettes."""
    palette = QApplication.palette()
    return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


def status_label(status: ActionStatus) -> str:
    return _(STATUS_LABELS[status])


def source_text(source: str, meeting_number: int | None, held_on: date | None,
                decision_number: str) -> str:
    """"No. 3 of 2026-03-05, item 1.2" for an action from a decision, else the kind of source."""
    if meeting_number is not None and held_on is not None:
        if decision_number:
            return tr("No. {number} of {date}, item {decision}", number=meeting_number,
                      date=format_date(held_on), decision=decision_number)
        return tr("No. {number} of {date}", number=meeting_number, date=format_date(held_on))
    try:
        return _(SOURCE_LABELS[ActionSource(source)])
    except ValueError:
        return source


def rule_text(action: Action) -> str:
    rule = action.deadline_rule
    if rule == DeadlineRule.CALENDAR_DAYS:
        return tr("In {days} calendar days", days=action.deadline_days)
    if rule == DeadlineRule.WORKING_DAYS:
        return tr("In {days} working days", days=action.deadline_days)
    return _(RULE_LABELS[rule])


def recurrence_text(action: Action) -> str:
    if action.recurrence == Recurrence.NONE or action.recur_until is None:
        return _(RECURRENCE_LABELS[Recurrence.NONE])
    return tr("{recurrence} until {date}", recurrence=_(RECURRENCE_LABELS[action.recurrence]),
              date=format_date(action.recur_until))


def tint(status: ActionStatus, deadline: date, today: date, soon_days: int) -> QColor | None:
    """The background of an action's row: overdue red, due within ``soon_days`` amber."""
    if status not in ACTIVE:
        return None
    if deadline < today:
        return OVERDUE_TINT
    if (deadline - today).days <= soon_days:
        return DUE_SOON_TINT
    return None


def status_tint(status: ActionStatus, deadline: date, today: date,
                soon_days: int) -> QColor | None:
    """The badge colour of the status in the detail pane."""
    colour = tint(status, deadline, today, soon_days)
    if colour is None and status == ActionStatus.REPORTED:
        return REPORTED_TINT
    return colour


def css(colour: QColor) -> str:
    return f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, {colour.alpha()})"
