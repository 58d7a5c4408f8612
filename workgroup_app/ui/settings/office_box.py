"""The office: its name (it heads the reports) and its country (whose official calendar of
working days deadlines follow)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _
from ...services import action_reports, workdays
from ..context import UiContext
from ..operations import Changed
from ..widgets.form import ValidatedForm

COUNTRY_NAMES = {"BY": N_("Belarus (BY)"), "RU": N_("Russia (RU)")}
MUTED = "color: #5f6670;"


class OfficeBox(QGroupBox):
    """``saved`` fires after the office's name and country are written."""

    saved = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Office"), parent)
        self.context = context
        self.form = ValidatedForm(self)
        self.name = QLineEdit(self)
        self.name.setObjectName("officeName")
        self.name.setMaxLength(300)
        self.name.setPlaceholderText(_("e.g. Prosecutor's office of the Grodno region"))
        self.country = QComboBox(self)
        self.country.setObjectName("officeCountry")
        for code, name in COUNTRY_NAMES.items():
            self.country.addItem(_(name), code)
        self.country.setMaximumWidth(self.country.sizeHint().width() + 40)
        self.form.add_row(N_("Office name"), self.name, field="name")
        self.form.add_row(N_("Country"), self.country, field="country")
        note = QLabel(_("The name heads the reports. Deadlines follow the official calendar of "
                        "working days of the country, with the office's own entries below."),
                      self)
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        self.save_button = QPushButton(_("Save"), self)
        self.save_button.setObjectName("saveOffice")
        self.save_button.clicked.connect(self.save)
        self.result = QLabel(self)
        self.result.setObjectName("officeResult")
        self.result.setStyleSheet(MUTED)
        row = QHBoxLayout()
        row.addWidget(self.result, 1)
        row.addWidget(self.save_button)
        column = QVBoxLayout(self)
        column.addWidget(self.form)
        column.addWidget(note)
        column.addLayout(row)
        self.load()

    def load(self) -> None:
        self.name.setText(action_reports.office_name(self.context.uow()))
        index = self.country.findData(workdays.office_country(self.context.uow()))
        self.country.setCurrentIndex(max(0, index))

    def save(self) -> bool:
        self.form.clear_errors()
        self.result.setText("")
        try:
            workdays.set_office_country(self.context.uow(), self.context.actor,
                                        str(self.country.currentData()))
            action_reports.set_office_name(self.context.uow(), self.name.text())
        except DomainError as error:
            self.form.show_error(error)
            return False
        self.result.setText(_("Saved."))
        self.saved.emit()
        self.context.notifier.notify(Changed.SETTINGS)
        return True
