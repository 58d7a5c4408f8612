"""The findings register's filters: status, act type, inspected agency, the act's date from–to
and "overdue only". Filters that come from another page and have no widget here (a workgroup)
show as a chip that clears with one click."""

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
from ...domain.findings import ACT_TYPE_LABELS, FINDING_STATUS_LABELS
from ...domain.messages import N_
from ...i18n import _, tr
from .. import theme
from ..meetings.lookups import Lookups
from ..widgets.choice_combo import ChoiceCombo
from ..widgets.date_edit import DateEdit
from ..widgets.filter_chip import FilterChip

WIDGET_KEYS = ("status", "act_type", "agency", "from", "to", "overdue")


def describe(key: str, value: str) -> str:
    if key == "workgroup":
        return _("one workgroup")
    return f"{key} = {value}"


class FindingsFilterBar(QWidget):
    """``changed`` fires once per user change (or per ``set_filters``)."""

    changed = Signal()

    def __init__(self, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lookups = lookups
        self.extra: dict[str, str] = {}
        self.status = QComboBox(self)
        self.status.setObjectName("findingsStatusFilter")
        self.status.setAccessibleName(_("Status"))
        self.status.addItem(_("All statuses"), "")
        for status, label in FINDING_STATUS_LABELS.items():
            self.status.addItem(_(label), status.value)
        self.act_type = QComboBox(self)
        self.act_type.setObjectName("findingsActTypeFilter")
        self.act_type.setAccessibleName(_("Act type"))
        self.act_type.addItem(_("All act types"), "")
        for act_type, label in ACT_TYPE_LABELS.items():
            self.act_type.addItem(_(label), act_type.value)
        for combo in (self.status, self.act_type):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.agency = ChoiceCombo(self, empty=N_("All agencies"))
        self.agency.setObjectName("findingsAgencyFilter")
        self.agency.setAccessibleName(_("Inspected agency"))
        self.agency.setMinimumContentsLength(10)
        self.date_from = DateEdit(self, field="from", label=N_("Act date from"))
        self.date_from.setAccessibleName(_("Act date from"))
        self.date_to = DateEdit(self, field="to", label=N_("Act date to"))
        self.date_to.setAccessibleName(_("Act date to"))
        for edit in (self.date_from, self.date_to):
            edit.line.setMinimumWidth(edit.line.maximumWidth())
        self.overdue = QCheckBox(_("Overdue responses only"), self)
        self.overdue.setObjectName("findingsOverdueOnly")
        self.reset = QToolButton(self)
        self.reset.setText(_("Reset filters"))
        self.reset.setToolTip(_("Show all findings again"))
        self.reset.clicked.connect(self.reset_filters)
        self.chip = FilterChip(self, "findingsFilterChip")
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
        self._show_chip()

    def _arrange(self) -> None:
        first = QHBoxLayout()
        first.setContentsMargins(0, 0, 0, 0)
        first.addWidget(self.status)
        first.addWidget(self.act_type)
        first.addWidget(self.agency, 1)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("Act date from"), self)
        caption.setBuddy(self.date_from)
        second.addWidget(caption)
        second.addWidget(self.date_from)
        to = QLabel(_("to"), self)
        to.setBuddy(self.date_to)
        second.addWidget(to)
        second.addWidget(self.date_to)
        second.addSpacing(12)
        second.addWidget(self.overdue)
        second.addStretch(1)
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
        for combo in (self.status, self.act_type):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.agency.chosen.connect(lambda _value: self.changed.emit())
        self.overdue.toggled.connect(lambda _on: self.changed.emit())
        for edit in (self.date_from, self.date_to):
            edit.edited.connect(self._date_timer.start)
            edit.line.editingFinished.connect(self._dates_edited)

    def fill_choices(self) -> None:
        self.lookups.ensure()
        self.agency.set_choices(self.lookups.agencies)

    # -- reading -------------------------------------------------------------------------
    def filters(self) -> dict[str, str]:
        """The register filters the bar stands for, as ``list_findings`` takes them."""
        found = dict(self.extra)
        low, high = self._dates
        values = {"status": self.status.currentData() or "",
                  "act_type": self.act_type.currentData() or "",
                  "agency": self.agency.value() or "",
                  "overdue": "1" if self.overdue.isChecked() else "",
                  "from": low.isoformat() if low else "",
                  "to": high.isoformat() if high else ""}
        found.update({key: value for key, value in values.items() if value})
        return found

    def _read_date(self, edit: DateEdit) -> tuple[date | None, bool]:
        try:
            return edit.value(), True
        except DomainError:
            return None, False

    def _dates_edited(self) -> None:
        self._date_timer.stop()
        (low, low_ok), (high, high_ok) = (self._read_date(self.date_from),
                                          self._read_date(self.date_to))
        # A date still being typed is not applied; its field says so until it reads.
        self.date_from.line.setStyleSheet("" if low_ok else theme.error_style())
        self.date_to.line.setStyleSheet("" if high_ok else theme.error_style())
        dates = (low if low_ok else self._dates[0], high if high_ok else self._dates[1])
        if dates != self._dates:
            self._dates = dates
            self.changed.emit()

    # -- setting -------------------------------------------------------------------------
    def set_filters(self, filters: dict[str, str]) -> None:
        """Show exactly ``filters`` (others back to "all"); one ``changed``."""
        blockers = [QSignalBlocker(w) for w in (self.status, self.act_type, self.agency,
                                                self.overdue)]
        self.status.setCurrentIndex(max(0, self.status.findData(filters.get("status", ""))))
        self.act_type.setCurrentIndex(max(0, self.act_type.findData(
            filters.get("act_type", ""))))
        self.agency.set_value(filters.get("agency"))
        self.overdue.setChecked(filters.get("overdue") == "1")
        for edit, key in ((self.date_from, "from"), (self.date_to, "to")):
            try:
                edit.set_value(date.fromisoformat(filters[key]) if filters.get(key) else None)
            except ValueError:
                edit.set_value(None)
            edit.line.setStyleSheet("")
        self._dates = (self._read_date(self.date_from)[0], self._read_date(self.date_to)[0])
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
        self.chip_text.setText(tr("Filtered: {what}", what=what))
        self.chip.setVisible(bool(self.extra))
