"""Reminders: how many days ahead to remind of deadlines, and of whose actions."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _
from ...services import action_reports, directory
from ..context import UiContext
from ..operations import Changed
from ..widgets.choice_combo import ChoiceCombo
from ..widgets.form import ValidatedForm
from .office_box import MUTED


class RemindersBox(QGroupBox):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Reminders"), parent)
        self.context = context
        self.form = ValidatedForm(self)
        # Wider than the service allows, so an out-of-range number is explained, not swallowed.
        self.days = QSpinBox(self)
        self.days.setObjectName("reminderDays")
        self.days.setRange(0, 999)
        self.days.setSuffix(" " + _("days ahead"))
        self.days.setMaximumWidth(self.days.sizeHint().width() + 40)
        self.person = ChoiceCombo(self, empty=N_("Everyone"))
        self.person.setObjectName("reminderPerson")
        self.form.add_row(N_("Remind of deadlines"), self.days, field="days")
        self.form.add_row(N_("Actions controlled by"), self.person, field="person")
        note = QLabel(_("At start and once a day the program lists the actions due within "
                        "these days or overdue, in the system tray where there is one and in "
                        "the status bar."), self)
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        self.save_button = QPushButton(_("Save"), self)
        self.save_button.setObjectName("saveReminders")
        self.save_button.clicked.connect(self.save)
        self.result = QLabel(self)
        self.result.setObjectName("remindersResult")
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
        self.person.set_choices(directory.person_choices(self.context.uow()))
        days, person = action_reports.reminder_settings(self.context.uow())
        self.days.setValue(days)
        self.person.set_value(person)

    def reload_people(self) -> None:
        self.person.set_choices(directory.person_choices(self.context.uow()))

    def save(self) -> bool:
        self.form.clear_errors()
        self.result.setText("")
        try:
            action_reports.set_reminder_settings(self.context.uow(), self.days.value(),
                                                 self.person.value())
        except DomainError as error:
            self.form.show_error(error)
            return False
        self.result.setText(_("Saved."))
        self.context.notifier.notify(Changed.SETTINGS)
        return True
