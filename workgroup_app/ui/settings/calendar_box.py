"""The office's calendar entries: holidays and transferred working days on top of the country's
official calendar (Belarus publishes its transfers each year, sometimes after the package)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.action_views import OverrideLine
from ...domain.errors import DomainError, ValidationError
from ...domain.messages import N_
from ...i18n import _, error_text, tr
from ...services import workdays
from .. import theme
from ..context import UiContext
from ..operations import Changed
from ..widgets.date_edit import DateEdit, format_date
from ..widgets.form import ValidatedForm
from .office_box import COUNTRY_NAMES

KIND_NAMES = {workdays.DAY_OFF: N_("Day off"), workdays.WORKING_DAY: N_("Working day")}
ID_ROLE = Qt.ItemDataRole.UserRole


class CalendarBox(QGroupBox):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Office calendar"), parent)
        self.context = context
        self.lines: list[OverrideLine] = []
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(theme.muted())
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("calendarEntries")
        self.table.setAccessibleName(_("Office calendar"))
        self.table.setHorizontalHeaderLabels([_("Date"), _("Kind"), _("Note")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(140)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.setObjectName("removeCalendarEntry")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.form = ValidatedForm(self)
        self.day = DateEdit(self, field="day", label=N_("Date"))
        self.day.setObjectName("calendarDay")
        self.kind = QComboBox(self)
        self.kind.setObjectName("calendarKind")
        for kind, name in KIND_NAMES.items():
            self.kind.addItem(_(name), kind)
        self.kind.setMaximumWidth(self.kind.sizeHint().width() + 40)
        self.note = QLineEdit(self)
        self.note.setObjectName("calendarNote")
        self.note.setPlaceholderText(_("e.g. Transfer of the working day from 10 January"))
        self.form.add_row(N_("Date"), self.day, field="day")
        self.form.add_row(N_("Kind"), self.kind, field="kind")
        self.form.add_row(N_("Note"), self.note, field="note")
        self.add_button = QPushButton(_("Add the entry"), self)
        self.add_button.setObjectName("addCalendarEntry")
        self.add_button.clicked.connect(self.add)
        self.result = QLabel(self)
        self.result.setObjectName("calendarResult")
        self.result.setWordWrap(True)
        self.result.setStyleSheet(theme.muted())
        buttons = QHBoxLayout()
        buttons.addWidget(self.result, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.addWidget(self.intro)
        column.addWidget(self.table, 1)
        column.addWidget(self.form)
        column.addLayout(buttons)
        self.load()

    def load(self) -> None:
        country = workdays.office_country(self.context.uow())
        self.intro.setText(tr(
            "Days off and working days that differ from the official calendar of {country}, "
            "for example a transfer published after this program was installed.",
            country=_(COUNTRY_NAMES.get(country, country))))
        self.lines = sorted(workdays.list_overrides(self.context.uow()), key=lambda o: o.day)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            cells = (format_date(line.day), _(KIND_NAMES.get(line.kind, line.kind)), line.note)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, line.id)
                self.table.setItem(row, column, item)
        self._selection_changed()

    def add(self) -> bool:
        """Enter the day of the form; an entry for the same day is replaced."""
        self.form.clear_errors()
        self.result.setText("")
        try:
            day = self.day.value()
            if day is None:
                raise ValidationError(N_("Enter the date."), field="day")
            kind = str(self.kind.currentData())
            workdays.set_override(self.context.uow(), self.context.actor, day, kind,
                                  self.note.text())
        except DomainError as error:
            self.form.show_error(error)
            return False
        self.note.clear()
        self.load()
        self.result.setText(self._day_text(day))
        self.context.notifier.notify(Changed.SETTINGS)
        return True

    def _day_text(self, day: date) -> str:
        if workdays.is_working_day(self.context.uow(), day):
            return tr("{date} is a working day now.", date=format_date(day))
        return tr("{date} is a day off now.", date=format_date(day))

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.lines[rows[0].row()].id if rows else None

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.selected_id() is not None)

    def remove_selected(self, confirmed: bool = False) -> bool:
        override_id = self.selected_id()
        if override_id is None:
            return False
        line = next(o for o in self.lines if o.id == override_id)
        if not confirmed:
            answer = QMessageBox.question(self, _("Remove"), tr(
                "Remove the calendar entry of {date}?", date=format_date(line.day)))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            workdays.remove_override(self.context.uow(), self.context.actor, override_id)
        except DomainError as error:
            QMessageBox.warning(self, _("Cannot remove"), error_text(error))
            return False
        self.load()
        self.result.setText(self._day_text(line.day))
        self.context.notifier.notify(Changed.SETTINGS)
        return True
