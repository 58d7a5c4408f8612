"""The form behind "Issue certificate…" and "Import PKCS#12…": whose certificate, for which
role, and either how many years or which file. OK hands the request to the keys box; a refusal
shows beside its field and the dialog stays open with what was typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError, ValidationError
from ...domain.messages import N_
from ...domain.minutes import SIGNER_ROLE_LABELS, SignerRole
from ...domain.views import Choice
from ...i18n import _
from .. import theme
from ..widgets.choice_combo import ChoiceCombo
from ..widgets.form import ValidatedForm

DEFAULT_YEARS = 3


@dataclass(frozen=True)
class CertificateRequest:
    person_id: str
    role: SignerRole
    years: int = DEFAULT_YEARS
    file: Path | None = None  # importing: the PKCS#12 file
    file_passphrase: str = ""


# The box's handler: True when done, False when the user backed out of a passphrase question
# (the dialog then stays open); a DomainError is shown in the form.
Submit = Callable[[CertificateRequest], bool]


class CertificateDialog(QDialog):
    def __init__(self, parent: QWidget | None, people: list[Choice], submit: Submit, *,
                 importing: bool) -> None:
        super().__init__(parent)
        self._submit = submit
        self.importing = importing
        self.setObjectName("importDialog" if importing else "issueDialog")
        self.setWindowTitle(_("Import a PKCS#12 file") if importing
                            else _("Issue a signing certificate"))
        self.setMinimumWidth(480)
        intro = QLabel(_(
            "A key and certificate the person already has, in a .p12 or .pfx file. It is "
            "copied into this office's keys folder under a passphrase of its own; the "
            "issuers in the file become trusted.") if importing else _(
            "The office CA issues the person a certificate and a new private key; the key "
            "stays in this office's keys folder."), self)
        intro.setWordWrap(True)
        intro.setStyleSheet(theme.muted())
        self.form = ValidatedForm(self)
        self.file = QLineEdit(self)
        self.file.setObjectName("p12File")
        self.browse = QPushButton(_("Browse…"), self)
        self.browse.clicked.connect(self.choose_file)
        self.file_passphrase = QLineEdit(self)
        self.file_passphrase.setObjectName("p12Passphrase")
        self.file_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.person = ChoiceCombo(self)
        self.person.setObjectName("certificatePerson")
        self.person.set_choices(people)
        self.person.set_value(None)
        self.role = QComboBox(self)
        self.role.setObjectName("certificateRole")
        for role, label in SIGNER_ROLE_LABELS.items():
            self.role.addItem(_(label), role)
        self.years = QSpinBox(self)
        self.years.setObjectName("certificateYears")
        self.years.setRange(1, 10)
        self.years.setValue(DEFAULT_YEARS)
        self.years.setMaximumWidth(self.years.sizeHint().width() + 40)
        if importing:
            file_row = QWidget(self)
            row = QHBoxLayout(file_row)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self.file, 1)
            row.addWidget(self.browse)
            self.form.add_row(N_("File"), file_row, field="file")
            self.form.add_row(N_("Passphrase of the file"), self.file_passphrase,
                              field="file_passphrase")
        else:
            for widget in (self.file, self.browse, self.file_passphrase):
                widget.hide()
        self.form.add_row(N_("Person"), self.person, field="person")
        self.form.add_row(N_("Signs as"), self.role, field="role")
        if importing:
            self.years.hide()
        else:
            self.form.add_row(N_("Valid for, years"), self.years, field="years")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            _("Import") if importing else _("Issue"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.form)
        column.addWidget(self.buttons)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a PKCS#12 file"), self.file.text() or str(Path.home()),
            _("PKCS#12 files (*.p12 *.pfx);;All files (*)"))
        if path:
            self.file.setText(path)

    def request(self) -> CertificateRequest:
        """What the form says; a ValidationError names the field that is missing."""
        person_id = self.person.value()
        if self.importing and not self.file.text().strip():
            raise ValidationError(N_("Choose the PKCS#12 file."), field="file")
        if person_id is None:
            raise ValidationError(N_("Choose the person."), field="person")
        return CertificateRequest(
            person_id=person_id, role=SignerRole(self.role.currentData()),
            years=self.years.value(),
            file=Path(self.file.text().strip()) if self.importing else None,
            file_passphrase=self.file_passphrase.text())

    def accept(self) -> None:
        self.form.clear_errors()
        try:
            done = self._submit(self.request())
        except DomainError as error:
            self.form.show_error(error)
            return
        if done:
            super().accept()
