"""Set up this office's identity once: its name, region, country and exchange network. The
keys that sign and open bundles are made then (and the office CA, if there is none yet)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.messages import N_
from ...domain.sync import OfficeInfo
from ...i18n import _
from ...services import action_reports, keys, offices, workdays
from .. import theme
from ..context import UiContext
from ..settings.office_box import COUNTRY_NAMES
from ..widgets.form import ValidatedForm
from ..widgets.passphrase_dialog import ask_passphrase


class SetupDialog(QDialog):
    """``office`` is the identity made once the dialog is accepted."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.office: OfficeInfo | None = None
        self.setWindowTitle(_("Set up this office's identity"))
        self.setMinimumWidth(520)
        intro = QLabel(_("Other offices will know this office by these details and by the "
                         "fingerprint of its keys. They are set up once."), self)
        intro.setWordWrap(True)
        uow = context.uow
        self.name = QLineEdit(action_reports.office_name(uow()), self)
        self.name.setObjectName("setupName")
        self.name.setMaxLength(offices.NAME_MAX)
        self.name.setPlaceholderText(_("e.g. Prosecutor's office of the Grodno region"))
        self.region = QLineEdit(self)
        self.region.setObjectName("setupRegion")
        self.region.setMaxLength(offices.NAME_MAX)
        self.region.setPlaceholderText(_("e.g. Grodno region"))
        self.country = QComboBox(self)
        self.country.setObjectName("setupCountry")
        for code, label in COUNTRY_NAMES.items():
            self.country.addItem(_(label), code)
        self.country.setCurrentIndex(max(0, self.country.findData(
            workdays.office_country(uow()))))
        self.network = QLineEdit(offices.DEFAULT_NETWORK, self)
        self.network.setObjectName("setupNetwork")
        self.network.setMaxLength(100)
        self.form = ValidatedForm(self)
        self.form.add_row(N_("&Name"), self.name, field="name")
        self.form.add_row(N_("&Region"), self.region, field="region")
        self.form.add_row(N_("C&ountry"), self.country, field="country")
        self.form.add_row(N_("Exchange &network"), self.network, field="network")
        note = QLabel(_("Every office that exchanges with this one uses the same network name; "
                        "keep the default unless your offices agreed on another."), self)
        note.setWordWrap(True)
        note.setStyleSheet(theme.muted())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Set up"))
        self.ok_button.setObjectName("setupOk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.form)
        column.addWidget(note)
        column.addStretch(1)
        column.addWidget(self.buttons)
        self.name.setFocus()

    def accept(self) -> None:
        """Make the identity; a refusal shows beside its field and the dialog stays."""
        self.form.clear_errors()
        if not self.name.text().strip():
            self.form.show_error(DomainError(N_("Give the office's name."), field="name"))
            return
        chain = self.context.app.keychain
        passphrase = None
        if not chain.keyring_available:
            has_ca = keys.office_ca(self.context.uow()) is not None
            passphrase = ask_passphrase(self, _("Passphrase of the office keys"), _(
                "No system keyring is available on this computer, so the office's keys are "
                "protected by a passphrase you choose. It is asked for each time bundles are "
                "sent or received.") + ("" if has_ca else " " + _(
                    "The new office CA is protected by the same passphrase.")), confirm=True)
            if passphrase is None:
                return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.office = offices.init_office(
                self.context.uow(), chain, name=self.name.text(), region=self.region.text(),
                country=str(self.country.currentData()), network=self.network.text(),
                passphrase=passphrase)
        except DomainError as error:
            self.form.show_error(error)
            return
        finally:
            QApplication.restoreOverrideCursor()
        super().accept()
