"""The office: its name (it heads the reports) and its country (whose official calendar of
working days deadlines follow)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QWidget,
)

from ...domain.messages import N_
from ...i18n import _
from ...services import action_reports, workdays
from ..context import UiContext
from .section import SettingsSection

COUNTRY_NAMES = {"BY": N_("Belarus (BY)"), "RU": N_("Russia (RU)")}


class OfficeBox(SettingsSection):
    """``saved`` fires after the office's name and country are written."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Office"), "Office", parent)
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
        self.finish(_("The name heads the reports. Deadlines follow the official calendar of "
                      "working days of the country, with the office's own entries below."),
                    self._store_office)
        self.load()

    def load(self) -> None:
        self.name.setText(action_reports.office_name(self.context.uow()))
        index = self.country.findData(workdays.office_country(self.context.uow()))
        self.country.setCurrentIndex(max(0, index))

    def _store_office(self) -> None:
        workdays.set_office_country(self.context.uow(), self.context.actor,
                                    str(self.country.currentData()))
        action_reports.set_office_name(self.context.uow(), self.name.text())
