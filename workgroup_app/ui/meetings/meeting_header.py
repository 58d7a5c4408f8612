"""The head of the protocol: workgroup, number, date and time, venue, status, the chair
(Председательствующий) and the secretary of the meeting. Errors show under their field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import Meeting
from ...domain.enums import MEETING_STATUS_LABELS, MeetingStatus
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...domain.rules import LINE_MAX, MEETING_NUMBER_MAX
from ...i18n import _, qt_day_pattern
from ..widgets.form import ValidatedForm
from ..widgets.tab_order import tab_chain
from .combos import ChoiceCombo, TimeCombo
from .lookups import Lookups


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class HeaderForm(QWidget):
    """Two columns of labelled fields. ``workgroup_chosen`` and ``date_changed`` fire on the
    user's changes only (filling the form blocks them); ``edited`` on any change."""

    workgroup_chosen = Signal(str)
    date_changed = Signal(object)
    number_edited = Signal()
    status_chosen = Signal()
    edited = Signal()

    def __init__(self, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lookups = lookups
        self._choices_version = -1
        self.workgroup = ChoiceCombo(self, empty=_("Choose the workgroup…"))
        self.workgroup.setObjectName("meetingWorkgroup")
        self.number = QSpinBox(self)
        self.number.setObjectName("meetingNumber")
        self.number.setRange(1, MEETING_NUMBER_MAX)
        self.number.setToolTip(_("Numbered within the workgroup and year; proposed "
                                 "automatically, may be changed"))
        self.held_on = QDateEdit(self)
        self.held_on.setObjectName("meetingDate")
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat(qt_day_pattern())
        self.starts_at = TimeCombo(self)
        self.starts_at.setObjectName("meetingTime")
        self.venue = QLineEdit(self)
        self.venue.setObjectName("meetingVenue")
        self.venue.setMaxLength(LINE_MAX)
        self.venue.setPlaceholderText(_("e.g. Grodno, Dzerzhinsky St. 1, room 305"))
        self.status = QComboBox(self)
        self.status.setObjectName("meetingStatus")
        for status, label in MEETING_STATUS_LABELS.items():
            self.status.addItem(_(label), status.value)
        self.chair = ChoiceCombo(self, empty=_("— not set —"))
        self.chair.setObjectName("meetingChair")
        self.secretary = ChoiceCombo(self, empty=_("— not set —"))
        self.secretary.setObjectName("meetingSecretary")
        self.top = ValidatedForm(self)
        self.left = ValidatedForm(self)
        self.right = ValidatedForm(self)
        self._fields: dict[str, ValidatedForm] = {}
        self._row(self.top, N_("Workgroup"), self.workgroup, "workgroup_id")
        self._row(self.top, N_("Venue"), self.venue, "venue")
        self._row(self.top, N_("Presiding"), self.chair, "chair_id")
        self._row(self.top, N_("Secretary"), self.secretary, "secretary_id")
        self._row(self.left, N_("No."), self.number, "number")
        self._row(self.left, N_("Date"), self.held_on, "held_on")
        self._row(self.right, N_("Time"), self.starts_at, "starts_at")
        self._row(self.right, N_("Status"), self.status, "status")
        self._align()
        # Tab reads as the form is laid out, not as the fields were made.
        tab_chain(self.workgroup, self.venue, self.chair, self.secretary, self.number,
                  self.held_on, self.starts_at, self.status)
        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addWidget(self.left)
        columns.addWidget(self.right)
        columns.addStretch(1)
        narrow = self.fontMetrics().horizontalAdvance("0000 / 0000") + 48
        for widget in (self.number, self.held_on, self.starts_at):
            widget.setFixedWidth(narrow)
        self.status.setFixedWidth(max(self.status.sizeHint().width(), narrow))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.top)
        layout.addLayout(columns)
        self.workgroup.currentIndexChanged.connect(self._workgroup_changed)
        self.held_on.dateChanged.connect(self._date_changed)
        self.number.valueChanged.connect(self._number_changed)
        self.status.activated.connect(lambda _index: self.status_chosen.emit())
        for signal in (self.starts_at.editTextChanged, self.venue.textChanged,
                       self.status.currentIndexChanged, self.chair.currentIndexChanged,
                       self.chair.editTextChanged, self.secretary.currentIndexChanged,
                       self.secretary.editTextChanged):
            signal.connect(lambda *_args: self.edited.emit())

    def _row(self, form: ValidatedForm, label: str, widget: QWidget, field: str) -> None:
        form.add_row(label, widget, field)
        self._fields[field] = form

    def _align(self) -> None:
        """The labels of the full-width rows and of the left column line up."""
        labels = [item.widget() for form in (self.top, self.left)
                  for row in range(form.layout_.rowCount())
                  if (item := form.layout_.itemAt(row, QFormLayout.ItemRole.LabelRole))
                  and item.widget() is not None]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def _widgets(self) -> list[QWidget]:
        return [self.workgroup, self.number, self.held_on, self.starts_at, self.venue,
                self.status, self.chair, self.secretary]

    def set_choices(self) -> None:
        """Offer the current workgroups and people (a no-op unless they were read again)."""
        if self._choices_version == self.lookups.version:
            return
        self._choices_version = self.lookups.version
        self.workgroup.set_choices(self.lookups.workgroups)
        self.chair.set_choices(self.lookups.people)
        self.secretary.set_choices(self.lookups.people)

    def fill(self, meeting: Meeting | None, workgroup_id: str | None = None,
             held_on: date | None = None) -> None:
        """Show a meeting, or an empty new one of ``workgroup_id`` on ``held_on``."""
        blockers = [QSignalBlocker(w) for w in self._widgets()]
        self.workgroup.set_value(meeting.workgroup_id if meeting else workgroup_id)
        self.number.setValue((meeting.number or 1) if meeting else 1)
        self.held_on.setDate(to_qdate(meeting.held_on if meeting else held_on or date.today()))
        self.starts_at.set_value(meeting.starts_at if meeting else None)
        self.venue.setText(meeting.venue if meeting else "")
        self.venue.setCursorPosition(0)
        self.set_status(meeting.status if meeting else MeetingStatus.PLANNED)
        self.set_people(meeting.chair_id if meeting else None,
                        meeting.secretary_id if meeting else None)
        del blockers
        self._suffix()
        self.clear_errors()

    def set_people(self, chair_id: str | None, secretary_id: str | None) -> None:
        with QSignalBlocker(self.chair), QSignalBlocker(self.secretary):
            self.chair.set_value(chair_id)
            self.secretary.set_value(secretary_id)

    def set_number(self, number: int) -> None:
        with QSignalBlocker(self.number):
            self.number.setValue(number)

    def set_status(self, status: MeetingStatus) -> None:
        with QSignalBlocker(self.status):
            self.status.setCurrentIndex(max(0, self.status.findData(status.value)))

    def write(self, meeting: Meeting) -> None:
        """Put the fields into ``meeting`` (raises a DomainError for a time that is no time)."""
        meeting.workgroup_id = self.workgroup.value() or ""
        meeting.number = self.number.value()
        meeting.held_on = self.held_on.date().toPython()
        meeting.starts_at = self.starts_at.value()
        meeting.venue = self.venue.text()
        meeting.status = MeetingStatus(self.status.currentData())
        meeting.chair_id = self.chair.value()
        meeting.secretary_id = self.secretary.value()

    def held_date(self) -> date:
        return self.held_on.date().toPython()

    # -- errors ----------------------------------------------------------------------------
    def has_field(self, field: str | None) -> bool:
        return field in self._fields

    def show_error(self, error: DomainError) -> None:
        self.clear_errors()
        self._fields[error.field or ""].show_error(error)

    def clear_errors(self) -> None:
        self.top.clear_errors()
        self.left.clear_errors()
        self.right.clear_errors()

    def error_text(self, field: str) -> str:
        form = self._fields.get(field)
        return form.error_text(field) if form else ""

    # -- reactions -------------------------------------------------------------------------
    def _suffix(self) -> None:
        self.number.setSuffix(f" / {self.held_on.date().year()}")

    def _workgroup_changed(self, _index: int) -> None:
        workgroup_id = self.workgroup.value()
        if workgroup_id:
            self.workgroup_chosen.emit(workgroup_id)
        self.edited.emit()

    def _date_changed(self, _value: QDate) -> None:
        self._suffix()
        self.date_changed.emit(self.held_date())
        self.edited.emit()

    def _number_changed(self, _value: int) -> None:
        self.number_edited.emit()
        self.edited.emit()
