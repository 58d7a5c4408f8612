"""The encryption rows of the Settings page's Store box (issue 7): how the store is protected,
as `workgroup init` says it, and "Encrypt…", "Change key…" and "Decrypt…" for whoever the
services let convert it (the administrator on a store with accounts; anyone on one without).

Each asks first (ui/settings/encryption_dialog.py; decrypting is confirmed), then the store is
converted on the thread pool with the window disabled: the conversion closes the store and
opens it again, so nothing else may use it meanwhile. A refusal leaves the store as it was
and shows the service's message.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)
from shiboken6 import isValid

from ...bootstrap import store_crypt, store_protection
from ...domain.access import AccessDenied
from ...domain.encryption import PLAIN_BY_CHOICE, KeySource, Protection
from ...domain.errors import DomainError
from ...i18n import _, error_text, tr
from ...services import encryption
from ...services.encryption import NO_KEYRING_FOR_NEW, Operation
from .. import theme
from ..context import UiContext
from ..operations import busy, run_in_background
from .encryption_dialog import KeyChoiceDialog


def protection_text(protection: Protection) -> str:
    """The CLI's words (`workgroup init`), except where those name a command to type."""
    if protection.source is KeySource.KEYRING:
        return _("on (the key is in this computer's keyring)")
    if protection.encrypted:
        return _("on (passphrase)")
    if protection.reason == PLAIN_BY_CHOICE:
        return _("off (the store file is not encrypted)")
    if protection.reason == NO_KEYRING_FOR_NEW:
        reason = _("There is no system keyring on this computer to keep a key; a passphrase "
                   "can protect the store instead.")
    elif protection.reason is None:
        return _("off (the store file is not encrypted)")
    else:
        reason = tr(protection.reason, **protection.params)
    return tr("off: {reason}", reason=reason)


def done_text(protection: Protection) -> str:
    """What the CLI says after the same conversion."""
    if not protection.encrypted:
        return _("The database is no longer encrypted. Backups made while it was encrypted "
                 "stay encrypted with its former key.")
    if protection.source is KeySource.KEYRING:
        return _("The database is encrypted; its key is kept in this computer's keyring.")
    return _("The database is encrypted with your passphrase. Keep the passphrase safe: "
             "without it nobody can read the database, its administrator included.")


def _status(operation: Operation) -> str:
    if operation is Operation.ENCRYPT:
        return _("Encrypting the store…")
    if operation is Operation.REKEY:
        return _("Changing the store's key…")
    return _("Decrypting the store…")


class EncryptionRows(QObject):
    def __init__(self, context: UiContext, box: QWidget, form: QFormLayout) -> None:
        super().__init__(box)
        self.context = context
        self.box = box
        self.dialog: KeyChoiceDialog | None = None
        self.confirmation: QMessageBox | None = None
        self.running: Operation | None = None
        self.state = QLabel(box)
        self.state.setObjectName("encryptionState")
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state.setWordWrap(True)
        self.controls = QWidget(box)
        self.encrypt_button = self._button(_("Encrypt…"), "encryptStore", Operation.ENCRYPT)
        self.rekey_button = self._button(_("Change key…"), "rekeyStore", Operation.REKEY)
        self.decrypt_button = self._button(_("Decrypt…"), "decryptStore", Operation.DECRYPT)
        self.result = QLabel(self.controls)
        self.result.setObjectName("encryptionResult")
        self.result.setWordWrap(True)
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.encrypt_button, self.rekey_button, self.decrypt_button):
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.result, 1)
        form.addRow(_("Encryption"), self.state)
        form.addRow("", self.controls)
        self.load()

    def _button(self, text: str, name: str, operation: Operation) -> QPushButton:
        button = QPushButton(text, self.controls)
        button.setObjectName(name)
        button.clicked.connect(lambda: self.start(operation))
        return button

    def load(self) -> None:
        """The store's protection, and the buttons its state and the actor allow."""
        app = self.context.app
        protection = store_protection(app)
        self.state.setText(protection_text(protection))
        offered = ((Operation.REKEY, Operation.DECRYPT) if protection.encrypted
                   else (Operation.ENCRYPT,))
        refusal = self._refusal(offered[0])
        # Not theirs to do: no buttons. Not possible here (a server, no sqlcipher3): greyed,
        # the reason in the tooltip.
        self.controls.setVisible(not isinstance(refusal, AccessDenied))
        for button, operation in ((self.encrypt_button, Operation.ENCRYPT),
                                  (self.rekey_button, Operation.REKEY),
                                  (self.decrypt_button, Operation.DECRYPT)):
            button.setVisible(operation in offered)
            button.setEnabled(refusal is None and self.running is None)
            button.setToolTip(error_text(refusal) if refusal is not None else "")

    def _refusal(self, operation: Operation) -> DomainError | None:
        app = self.context.app
        try:
            encryption.check(app.uow(), store_crypt(app), operation)
        except DomainError as error:
            return error
        return None

    # -- asking ------------------------------------------------------------------------------
    def start(self, operation: Operation) -> None:
        """Check with the services first (nothing is asked for what would be refused)."""
        refusal = self._refusal(operation)
        if refusal is not None:
            self.load()  # what changed since the page was built (accounts, the store)
            self._refused(refusal)
            return
        if operation is Operation.DECRYPT:
            self._confirm_decrypt()
            return
        keyring = self.context.app.keychain.keyring_available
        dialog = KeyChoiceDialog(operation, keyring, self.box.window())
        dialog.finished.connect(lambda result: self._key_chosen(dialog, operation, result))
        self.dialog = dialog
        dialog.open()

    def _key_chosen(self, dialog: KeyChoiceDialog, operation: Operation, result: int) -> None:
        self.dialog = None
        dialog.deleteLater()
        if result == KeyChoiceDialog.DialogCode.Accepted:
            self.convert(operation, dialog.new_passphrase())

    def _confirm_decrypt(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, _("Decrypt the store"),
            _("Decrypt the store?\n\nThe store file will then be readable by anyone who gets "
              "it — a copied file, a lost laptop or backup disk — without any key or "
              "passphrase. Backups made while it was encrypted stay encrypted with its former "
              "key. Nothing else may have the store open meanwhile."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.box.window())
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Decrypt"))
        box.finished.connect(self._decrypt_answered)
        self.confirmation = box
        box.open()

    def _decrypt_answered(self, result: int) -> None:
        box, self.confirmation = self.confirmation, None
        if box is not None:
            box.deleteLater()
        if result == QMessageBox.StandardButton.Yes:
            self.convert(Operation.DECRYPT, None)

    # -- converting --------------------------------------------------------------------------
    def convert(self, operation: Operation, passphrase: str | None) -> None:
        """Convert the store on the thread pool; the window waits, disabled, meanwhile."""
        if busy():  # a check or a backup still reads the store: converting now would fail
            self._say(_("Other work on the store is still running; try again when it has "
                        "finished. Nothing was changed."), error=True)
            return
        app = self.context.app
        secret_store = app.keychain.secrets  # made here: keyring loads on the UI thread

        def work() -> Protection:
            crypt, keys = store_crypt(app), lambda: secret_store
            if operation is Operation.ENCRYPT:
                return encryption.encrypt(app.uow(), crypt, keys, passphrase=passphrase)
            if operation is Operation.REKEY:
                return encryption.rekey(app.uow(), crypt, keys, passphrase=passphrase)
            return encryption.decrypt(app.uow(), crypt)

        self.running = operation
        self._say(_status(operation))
        self.load()  # the buttons, disabled while it runs
        self.box.window().setEnabled(False)  # the store is closed and reopened meanwhile
        run_in_background(work, self._converted, self._failed)

    def _converted(self, protection: Protection) -> None:
        if not self._finished():
            return
        text = done_text(protection)
        self._say(text)
        QMessageBox.information(self.box.window(), _("Encryption"), text)

    def _failed(self, error: Exception) -> None:
        if not self._finished():
            return
        self._refused(error)

    def _finished(self) -> bool:
        """Back to normal after a conversion; False when the window has gone meanwhile."""
        self.running = None
        if not isValid(self.box):
            return False
        self.box.window().setEnabled(True)
        self.load()  # the state as it is now: changed, or as it was after a refusal
        return True

    def _refused(self, error: Exception) -> None:
        text = error_text(error) if isinstance(error, DomainError) else str(error)
        self._say(text, error=True)
        QMessageBox.warning(self.box.window(), _("Encryption"), text)

    def _say(self, text: str, error: bool = False) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(theme.error_style() if error else "")
