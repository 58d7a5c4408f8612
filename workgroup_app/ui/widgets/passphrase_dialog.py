"""Asks for a passphrase that protects a private key where no system keyring keeps it.

With ``confirm`` (a new key) the passphrase is typed twice and must be long enough; OK stays
disabled, and the reason shows under the fields, until both agree."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from .. import theme

MIN_LENGTH = 8


class PassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, explanation: str, *,
                 confirm: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(420)
        self._confirm = confirm
        intro = QLabel(explanation, self)
        intro.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("passphraseRepeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setObjectName("passphraseError")
        self.error.setStyleSheet(theme.error_style())
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Passphrase:"), self.passphrase)
        if confirm:
            form.addRow(_("Repeat it:"), self.repeat)
        else:
            self.repeat.hide()
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(self.buttons)
        self.passphrase.textChanged.connect(self._check)
        self.repeat.textChanged.connect(self._check)
        self._check()

    def problem(self) -> str:
        """Why OK is disabled, or "" when the passphrase can be used."""
        text = self.passphrase.text()
        if not text:
            return ""  # nothing typed yet: OK is off, but no need to scold
        if not self._confirm:
            return ""
        if len(text) < MIN_LENGTH:
            return _("The passphrase must have at least {count} characters.").format(
                count=MIN_LENGTH)
        if self.repeat.text() != text:
            return _("The two passphrases differ.")
        return ""

    def is_valid(self) -> bool:
        return bool(self.passphrase.text()) and not self.problem()

    def value(self) -> str | None:
        return self.passphrase.text() if self.is_valid() else None

    def accept(self) -> None:
        if self.is_valid():
            super().accept()

    def _check(self) -> None:
        problem = self.problem()
        # The mismatch is only news once the second field has something in it.
        shown = problem if (self.repeat.text() or problem != _("The two passphrases differ.")) \
            else ""
        self.error.setText(shown)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.is_valid())


def ask_passphrase(parent: QWidget | None, title: str, explanation: str, *,
                   confirm: bool = False) -> str | None:
    """The passphrase typed, or None when the user cancels."""
    dialog = PassphraseDialog(parent, title, explanation, confirm=confirm)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value()
    finally:
        dialog.deleteLater()
