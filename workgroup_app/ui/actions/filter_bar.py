"""The register's filters: status, agency, workgroup, controller, deadline range and
"overdue only"; filters that arrive from the Overview and have no widget (an age bracket,
"due this week") show as a chip that says what they are and clears with one click."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _, tr
from .. import theme
from ..meetings.lookups import Lookups
from ..widgets.choice_combo import ChoiceCombo
from ..widgets.date_edit import DateEdit
from ..widgets.filter_chip import FilterChip

STATUSES = ((N_("All statuses"), ""), (N_("Active"), "active"), (N_("Open"), "open"),
            (N_("Report awaiting acceptance"), "reported"), (N_("Done"), "done"),
            (N_("Withdrawn from control"), "cancelled"))
DEFAULT_STATUS = "active"
WIDGET_KEYS = ("status", "agency_id", "workgroup_id", "controller_id", "due_from", "due_to",
               "overdue")
NO_WORKGROUP = "none"


def describe(key: str, value: str) -> str:
    """What a filter without a widget means, for the chip."""
    if key == "age":
        low, _dash, high = value.partition("-")
        if high:
            return tr("overdue {low}–{high} days", low=low, high=high)
        return tr("overdue over {days} days", days=int(low) - 1 if low.isdigit() else low)
    if key == "due_week":
        return _("due this week")
    if key == "due_soon_days":
        return tr("due within {days} days", days=value)
    if key == "meeting_id":
        return _("from one meeting")
    if key == "decision_id":
        return _("from one decision")
    if key == "finding":
        return _("from one supervision finding")
    if key == "source":
        return tr("source: {source}", source=value)
    return f"{key} = {value}"


class FilterBar(QWidget):
    """``changed`` fires once per user change (or per ``set_filters``)."""

    changed = Signal()

    def __init__(self, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lookups = lookups
        self.extra: dict[str, str] = {}
        self.status = QComboBox(self)
        self.status.setObjectName("actionsStatusFilter")
        self.status.setAccessibleName(_("Status"))
        for label, value in STATUSES:
            self.status.addItem(_(label), value)
        self.status.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status.setMinimumContentsLength(11)
        self.agency = ChoiceCombo(self, empty=N_("All agencies"))
        self.agency.setObjectName("actionsAgencyFilter")
        self.agency.setAccessibleName(_("Responsible agency"))
        self.workgroup = ChoiceCombo(self, empty=N_("All workgroups"))
        self.workgroup.setObjectName("actionsWorkgroupFilter")
        self.workgroup.setAccessibleName(_("Workgroup"))
        self.controller = ChoiceCombo(self, empty=N_("All controllers"))
        self.controller.setObjectName("actionsControllerFilter")
        self.controller.setAccessibleName(_("Controller"))
        for combo in (self.agency, self.workgroup, self.controller):
            combo.setMinimumContentsLength(8)  # the bar must fit beside the detail pane
        self.due_from = DateEdit(self, field="due_from", label=N_("Deadline from"))
        self.due_from.setAccessibleName(_("Deadline from"))
        self.due_to = DateEdit(self, field="due_to", label=N_("Deadline to"))
        self.due_to.setAccessibleName(_("Deadline to"))
        for edit in (self.due_from, self.due_to):
            edit.line.setMinimumWidth(edit.line.maximumWidth())  # never squeezed to "д…"
        self.overdue = QCheckBox(_("Overdue only"), self)
        self.overdue.setObjectName("actionsOverdueOnly")
        self.reset = QToolButton(self)
        self.reset.setText(_("Reset filters"))
        self.reset.setToolTip(_("Show all active actions again"))
        self.reset.clicked.connect(self.reset_filters)
        self.chip = FilterChip(self, "actionsFilterChip")
        self.chip_text, self.chip_clear = self.chip.text, self.chip.clear
        self.chip.cleared.connect(self.clear_extra)
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(400)
        self._date_timer.timeout.connect(self._dates_edited)
        self._dates: tuple[date | None, date | None] = (None, None)
        self._arrange()
        self._connect()
        self.fill_choices()
        self.status.setCurrentIndex(self.status.findData(DEFAULT_STATUS))
        self._show_chip()

    def _arrange(self) -> None:
        first = QHBoxLayout()
        first.setContentsMargins(0, 0, 0, 0)
        first.addWidget(self.status)
        first.addWidget(self.agency, 1)
        first.addWidget(self.workgroup, 1)
        first.addWidget(self.controller, 1)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("Deadline from"), self)
        caption.setBuddy(self.due_from)
        second.addWidget(caption)
        second.addWidget(self.due_from)
        to = QLabel(_("to"), self)
        to.setBuddy(self.due_to)
        second.addWidget(to)
        second.addWidget(self.due_to)
        second.addSpacing(12)
        second.addWidget(self.overdue)
        second.addStretch(1)
        # ``reset`` is placed by the page, in its top row where there is room.
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(first)
        column.addLayout(second)
        chip_line = QHBoxLayout()
        chip_line.addWidget(self.chip)
        chip_line.addStretch(1)
        column.addLayout(chip_line)

    def _connect(self) -> None:
        self.status.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for combo in (self.agency, self.workgroup, self.controller):
            combo.chosen.connect(lambda _value: self.changed.emit())
        self.overdue.toggled.connect(lambda _on: self.changed.emit())
        for edit in (self.due_from, self.due_to):
            edit.edited.connect(self._date_timer.start)
            edit.line.editingFinished.connect(self._dates_edited)

    def fill_choices(self) -> None:
        """Offer the directory's agencies and people and the workgroups (after they change)."""
        self.lookups.ensure()
        self.agency.set_choices(self.lookups.agencies)
        keep = self.workgroup.value()
        self.workgroup.set_choices(self.lookups.workgroups)
        self.workgroup.insertItem(1, _("Without a workgroup"), NO_WORKGROUP)
        self.workgroup.set_value(keep)
        self.controller.set_choices(self.lookups.people)

    # -- reading -------------------------------------------------------------------------
    def filters(self) -> dict[str, str]:
        """The register filters the bar stands for (all str, as ListQuery takes them)."""
        found: dict[str, str] = dict(self.extra)
        values = {"status": self.status.currentData() or "",
                  "agency_id": self.agency.value() or "",
                  "workgroup_id": self.workgroup.value() or "",
                  "controller_id": self.controller.value() or "",
                  "overdue": "1" if self.overdue.isChecked() else ""}
        low, high = self._dates
        values["due_from"] = low.isoformat() if low else ""
        values["due_to"] = high.isoformat() if high else ""
        found.update({key: value for key, value in values.items() if value})
        return found

    def _read_date(self, edit: DateEdit) -> tuple[date | None, bool]:
        try:
            return edit.value(), True
        except DomainError:
            return None, False

    def _dates_edited(self) -> None:
        self._date_timer.stop()
        (low, low_ok), (high, high_ok) = self._read_date(self.due_from), \
            self._read_date(self.due_to)
        # A date still being typed is not applied; its field says so until it reads.
        self.due_from.line.setStyleSheet("" if low_ok else theme.error_style())
        self.due_to.line.setStyleSheet("" if high_ok else theme.error_style())
        dates = (low if low_ok else self._dates[0], high if high_ok else self._dates[1])
        if dates != self._dates:
            self._dates = dates
            self.changed.emit()

    # -- setting -------------------------------------------------------------------------
    def set_filters(self, filters: dict[str, str]) -> None:
        """Show exactly ``filters`` (others back to their defaults); one ``changed``."""
        blockers = [QSignalBlocker(w) for w in (self.status, self.agency, self.workgroup,
                                                self.controller, self.overdue)]
        status = filters.get("status", DEFAULT_STATUS)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.agency.set_value(filters.get("agency_id"))
        self.workgroup.set_value(filters.get("workgroup_id"))
        self.controller.set_value(filters.get("controller_id"))
        self.overdue.setChecked(filters.get("overdue") == "1")
        for edit, key in ((self.due_from, "due_from"), (self.due_to, "due_to")):
            edit.set_value(date.fromisoformat(filters[key]) if filters.get(key) else None)
            edit.line.setStyleSheet("")
        self._dates = (self._read_date(self.due_from)[0], self._read_date(self.due_to)[0])
        del blockers
        self.extra = {k: v for k, v in filters.items() if k not in WIDGET_KEYS and v}
        self._show_chip()
        self.changed.emit()

    def reset_filters(self) -> None:
        self.set_filters({})

    def clear_extra(self) -> None:
        self.extra = {}
        self._show_chip()
        self.changed.emit()

    def _show_chip(self) -> None:
        what = ", ".join(describe(k, v) for k, v in self.extra.items())
        self.chip_text.setText(tr("Filtered from Overview: {what}", what=what))
        self.chip.setVisible(bool(self.extra))

    def chip_shown(self) -> str:
        """The chip's text when it is shown, else ""; for tests and screen readers."""
        return self.chip_text.text() if not self.chip.isHidden() else ""

