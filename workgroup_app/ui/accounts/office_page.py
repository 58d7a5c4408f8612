"""The first wizard page: this office — its name and country (which head the reports and set
the calendar of working days) and, unless set up later, its exchange identity with the keys
that sign and open bundles (as the Exchange page's setup makes them)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QVBoxLayout, QWizardPage

from ...bootstrap import AppContext
from ...domain.errors import DomainError, ValidationError
from ...domain.messages import N_
from ...i18n import _, tr
from ...services import action_reports, keys, offices, workdays
from .. import theme
from ..settings.office_box import COUNTRY_NAMES
from ..widgets.form import ValidatedForm
from .common import password_edit, waiting

PASSPHRASES_DIFFER = N_("The two passphrases differ.")


class OfficePage(QWizardPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("officePage")
        self.setTitle(_("This office"))
        self.setSubTitle(_("Other offices will know this office by these details and by the "
                           "fingerprint of its keys. The name also heads the reports, and "
                           "the country's calendar sets the working days."))
        uow = context.uow
        self.done_already = QLabel(self)
        self.done_already.setObjectName("identityExists")
        self.done_already.setWordWrap(True)
        self.name = QLineEdit(action_reports.office_name(uow()), self)
        self.name.setObjectName("wizardOfficeName")
        self.name.setMaxLength(offices.NAME_MAX)
        self.name.setPlaceholderText(_("e.g. Prosecutor's office of the Grodno region"))
        self.region = QLineEdit(self)
        self.region.setObjectName("wizardRegion")
        self.region.setMaxLength(offices.NAME_MAX)
        self.region.setPlaceholderText(_("e.g. Grodno region"))
        self.country = QComboBox(self)
        self.country.setObjectName("wizardCountry")
        for code, label in COUNTRY_NAMES.items():
            self.country.addItem(_(label), code)
        self.country.setCurrentIndex(max(0, self.country.findData(
            workdays.office_country(uow()))))
        self.network = QLineEdit(offices.DEFAULT_NETWORK, self)
        self.network.setObjectName("wizardNetwork")
        self.network.setMaxLength(100)
        self.passphrase = password_edit("wizardPassphrase", self)
        self.passphrase_repeat = password_edit("wizardPassphraseRepeat", self)
        self.form = ValidatedForm(self)
        self.form.add_row(N_("&Name"), self.name, field="name")
        self.form.add_row(N_("&Region"), self.region, field="region")
        self.form.add_row(N_("C&ountry"), self.country, field="country")
        self.form.add_row(N_("Exchange &network"), self.network, field="network")
        self.needs_passphrase = not context.keychain.keyring_available
        if self.needs_passphrase:  # as the Exchange page's setup asks it
            self.form.add_row(N_("Passphrase of the office keys"), self.passphrase,
                              field="passphrase")
            self.form.add_row(N_("Repeat the passphrase"), self.passphrase_repeat,
                              field="passphrase_repeat")
        else:  # never laid out: they must not float over the page
            self.passphrase.hide()
            self.passphrase_repeat.hide()
        self.note = QLabel(self._note(), self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(theme.muted())
        self.later = QCheckBox(_("Set up the exchange identity &later (on the Exchange page)"),
                               self)
        self.later.setObjectName("setUpLater")
        self.later.toggled.connect(self._later_toggled)
        column = QVBoxLayout(self)
        column.addWidget(self.done_already)
        column.addWidget(self.form)
        column.addWidget(self.note)
        column.addWidget(self.later)
        column.addStretch(1)
        self.refresh()

    def _note(self) -> str:
        text = _("Every office that exchanges with this one uses the same network name; keep "
                 "the default unless your offices agreed on another.")
        if self.needs_passphrase:
            text += " " + _("No system keyring is available on this computer, so the office's "
                            "keys are protected by a passphrase you choose. It is asked for "
                            "each time bundles are sent or received.")
        return text

    def identity(self) -> str | None:
        """This office's exchange identity, when it is set up already."""
        office = offices.own_office(self.context.uow())
        return None if office is None else office.name

    def refresh(self) -> None:
        """Show what is set up: an existing identity needs nothing from this page."""
        name = self.identity()
        exists = name is not None
        self.done_already.setText(tr("This office's identity is already set up: {name}. "
                                     "Continue to the administrator's account.", name=name or ""))
        self.done_already.setVisible(exists)
        for widget in (self.form, self.note, self.later):
            widget.setVisible(not exists)

    def _later_toggled(self, later: bool) -> None:
        for widget in (self.region, self.network, self.passphrase, self.passphrase_repeat):
            widget.setEnabled(not later)

    def validatePage(self) -> bool:
        if self.identity() is not None:
            return True
        self.form.clear_errors()
        try:
            self._apply()
        except DomainError as error:
            self.form.show_error(error)
            return False
        self.refresh()
        return True

    def _apply(self) -> None:
        uow, name = self.context.uow, self.name.text()
        country = str(self.country.currentData())
        if not self.later.isChecked():
            passphrase = None
            if self.needs_passphrase:
                passphrase = keys.check_passphrase(self.passphrase.text())
                if self.passphrase_repeat.text() != passphrase:
                    raise ValidationError(PASSPHRASES_DIFFER, field="passphrase_repeat")
            with waiting():
                offices.init_office(uow(), self.context.keychain, name=name,
                                    region=self.region.text(), country=country,
                                    network=self.network.text(), passphrase=passphrase)
        # The same office heads the reports and chooses the calendar.
        if name.strip():
            action_reports.set_office_name(uow(), name)
        workdays.set_office_country(uow(), self.context.actor, country)
