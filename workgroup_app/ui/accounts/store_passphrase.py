"""The passphrase of an encrypted store, asked before the sign-in when the keyring holds no
key for it (ui/app.py gives ``passphrase_asker`` to the configuration; bootstrap asks only
when it must). A wrong passphrase comes back with the refusal on the message line; Cancel
opens nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...config import PassphraseAsker
from ...domain.errors import DomainError
from ...i18n import _, error_text, tr
from .. import theme

MAX_PASSPHRASE = 1024


class StorePassphraseDialog(QDialog):
    def __init__(self, name: str, refusal: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storePassphraseDialog")
        self.setWindowTitle(_("Encrypted store — Workgroup"))
        self.setMinimumWidth(420)
        self.intro = QLabel(tr("The store '{name}' is encrypted and this computer's keyring "
                               "holds no key for it. Enter its passphrase to open it.",
                               name=name), self)
        self.intro.setObjectName("storePassphraseIntro")
        self.intro.setWordWrap(True)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("storePassphrase")
        self.passphrase_edit.setAccessibleName(_("Passphrase"))
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setMaxLength(MAX_PASSPHRASE)
        self.message = QLabel(refusal or "", self)
        self.message.setObjectName("storePassphraseMessage")
        self.message.setStyleSheet(theme.error_style())
        self.message.setWordWrap(True)
        self.message.setVisible(bool(refusal))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.open_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.open_button.setText(_("&Open"))
        self.open_button.setObjectName("storePassphraseOpen")
        self.open_button.setEnabled(False)  # nothing typed: nothing to try
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.passphrase_edit.textChanged.connect(
            lambda text: self.open_button.setEnabled(bool(text)))
        column = QVBoxLayout(self)
        column.addWidget(self.intro)
        column.addWidget(self.passphrase_edit)
        column.addWidget(self.message)
        column.addWidget(buttons)
        self.passphrase_edit.setFocus()

    def passphrase(self) -> str | None:
        """What was typed, once the dialog was accepted (None otherwise)."""
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return self.passphrase_edit.text() or None


def _run(dialog: QDialog) -> int:
    return dialog.exec()


def passphrase_asker(application: Callable[[], object],
                     run: Callable[[QDialog], int] = _run) -> PassphraseAsker:
    """The asker of the configuration: ``application`` makes sure a QApplication exists
    (the store is opened before the main window); ``run`` shows the dialog (tests drive it
    without a nested event loop)."""

    def ask(name: str, refusal: DomainError | None) -> str | None:
        application()
        dialog = StorePassphraseDialog(name, error_text(refusal) if refusal else None)
        try:
            run(dialog)
            return dialog.passphrase()
        finally:
            dialog.deleteLater()

    return ask
