"""Reminders: how many days ahead to remind of deadlines, and of whose actions."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QSpinBox,
    QWidget,
)

from ...domain.messages import N_
from ...i18n import _
from ...services import action_reports, directory
from ..context import UiContext
from ..widgets.choice_combo import ChoiceCombo
from .section import SettingsSection


class RemindersBox(SettingsSection):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Reminders"), "Reminders", parent)
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
        self.finish(_("At start and once a day the program lists the actions due within "
                      "these days or overdue, in the system tray where there is one and in "
                      "the status bar."), self._store_reminders)
        self.load()

    def load(self) -> None:
        self.person.set_choices(directory.person_choices(self.context.uow()))
        days, person = action_reports.reminder_settings(self.context.uow())
        self.days.setValue(days)
        self.person.set_value(person)

    def reload_people(self) -> None:
        self.person.set_choices(directory.person_choices(self.context.uow()))

    def _store_reminders(self) -> None:
        action_reports.set_reminder_settings(self.context.uow(), self.days.value(),
                                             self.person.value())
