"""How a deadline is given — by a date, in N calendar or working days, in one month — and the
date it comes to in the office calendar, shown before saving (a holiday moves it forward)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from ...domain.actions import RULE_LABELS
from ...domain.deadlines import MAX_SPAN_DAYS, DeadlineRule, add_months
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _, error_text, tr
from ...services import workdays
from ...services.ports import UnitOfWork
from ..widgets.date_edit import DateEdit, format_date


class DeadlineEditor(QWidget):
    """A rule, then the date (for "by a date") or the number of days (for N days)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule = QComboBox(self)
        self.rule.setObjectName("deadlineRule")
        self.rule.setAccessibleName(_("Deadline rule"))
        for rule, label in RULE_LABELS.items():
            self.rule.addItem(_(label), rule.value)
        self.date = DateEdit(self, field="deadline", label=N_("Deadline"))
        self.date.setAccessibleName(_("Deadline date"))
        self.days = QSpinBox(self)
        self.days.setObjectName("deadlineDays")
        self.days.setAccessibleName(_("Number of days"))
        self.days.setRange(0, MAX_SPAN_DAYS)
        self.days.setValue(10)
        self.days.setSuffix(" " + _("days"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.rule)
        row.addWidget(self.date)
        row.addWidget(self.days)
        row.addStretch(1)
        self.setFocusProxy(self.rule)
        self.rule.currentIndexChanged.connect(self._rule_changed)
        self.date.edited.connect(self.changed)
        self.days.valueChanged.connect(lambda _value: self.changed.emit())
        self._rule_changed()

    def value(self) -> DeadlineRule:
        return DeadlineRule(self.rule.currentData())

    def set_rule(self, rule: DeadlineRule, days: int = 0, fixed: date | None = None) -> None:
        self.rule.setCurrentIndex(max(0, self.rule.findData(rule.value)))
        if rule in (DeadlineRule.CALENDAR_DAYS, DeadlineRule.WORKING_DAYS):
            self.days.setValue(days)
        self.date.set_value(fixed)
        self._rule_changed()

    def fixed(self) -> date | None:
        return self.date.value() if self.value() == DeadlineRule.FIXED_DATE else None

    def day_count(self) -> int:
        counted = self.value() in (DeadlineRule.CALENDAR_DAYS, DeadlineRule.WORKING_DAYS)
        return self.days.value() if counted else 0

    def _rule_changed(self, *_args: object) -> None:
        rule = self.value()
        self.date.setVisible(rule == DeadlineRule.FIXED_DATE)
        self.days.setVisible(rule in (DeadlineRule.CALENDAR_DAYS, DeadlineRule.WORKING_DAYS))
        self.changed.emit()


def compute_preview(uow: Callable[[], UnitOfWork], rule: DeadlineRule, start: date,
                    days: int, fixed: date | None) -> tuple[date, date | None]:
    """(the deadline in the office calendar, the nominal date when it was moved off it)."""
    if rule == DeadlineRule.WORKING_DAYS:
        return workdays.add_days(uow(), start, days, working=True), None
    if rule == DeadlineRule.FIXED_DATE:
        nominal = fixed
    elif rule == DeadlineRule.CALENDAR_DAYS:
        nominal = start + timedelta(days=days)
    else:
        nominal = add_months(start, 1)
    if nominal is None:
        raise ValueError("no date")
    result = workdays.add_days(uow(), nominal, 0, working=False)
    return result, (nominal if result != nominal else None)


def preview_text(uow: Callable[[], UnitOfWork], rule: DeadlineRule, start: date | None,
                 days: int, fixed: date | None) -> str:
    if start is None or (rule == DeadlineRule.FIXED_DATE and fixed is None):
        return _("Deadline: give the date")
    try:
        deadline, moved_from = compute_preview(uow, rule, start, days, fixed)
    except DomainError as error:
        return error_text(error)
    if moved_from is not None:
        return tr("Deadline: {date} ({nominal} is not a working day)",
                  date=format_date(deadline), nominal=format_date(moved_from))
    return tr("Deadline: {date}", date=format_date(deadline))
