"""Asks where the new key of the store goes before it is encrypted or rekeyed: a random key
kept in this computer's keyring (offered only where one exists), or a passphrase typed twice.

OK does not close the dialog while the passphrase is missing, differs from its repetition or
breaks the domain's rules: the reason shows in the dialog and nothing is done."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.encryption import check_passphrase
from ...domain.errors import DomainError
from ...i18n import _, error_text
from ...services.encryption import Operation
from .. import theme

MAX_PASSPHRASE = 1024


def _texts(operation: Operation) -> tuple[str, str, str]:
    """The title, the explanation and the OK button of the dialog for ``operation``."""
    if operation is Operation.REKEY:
        return (_("Change the store's key"),
                _("The store file is rewritten with a new key. Nothing else may have the "
                  "store open meanwhile. Where is the new key kept?"),
                _("Change key"))
    return (_("Encrypt the store"),
            _("The store file is rewritten encrypted, so that whoever gets a copy of it reads "
              "nothing without its key. Nothing else may have the store open meanwhile. Where "
              "is the key kept?"),
            _("Encrypt"))


class KeyChoiceDialog(QDialog):
    def __init__(self, operation: Operation, keyring: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyChoiceDialog")
        self.setModal(True)
        self.setMinimumWidth(460)
        title, explanation, ok_text = _texts(operation)
        self.setWindowTitle(title)
        intro = QLabel(explanation, self)
        intro.setWordWrap(True)
        self.keyring_choice = QRadioButton(_("Keep a random key in this computer's keyring"),
                                           self)
        self.keyring_choice.setObjectName("keyringChoice")
        self.keyring_hint = self._hint(_("Nothing to type; only this user on this computer "
                                         "opens the store."))
        self.passphrase_choice = QRadioButton(_("Use a passphrase"), self)
        self.passphrase_choice.setObjectName("passphraseChoice")
        self.passphrase_hint = self._hint(_("Asked each time the program starts; the store "
                                            "can then be moved to another computer. A "
                                            "forgotten passphrase cannot be recovered."))
        group = QButtonGroup(self)
        group.addButton(self.keyring_choice)
        group.addButton(self.passphrase_choice)
        self.no_keyring = QLabel(_("There is no system keyring on this computer: the key "
                                   "comes from a passphrase."), self)
        self.no_keyring.setObjectName("noKeyringNote")
        self.no_keyring.setWordWrap(True)
        self.passphrase = self._secret_edit("newStorePassphrase")
        self.repeat = self._secret_edit("newStorePassphraseRepeat")
        self.message = QLabel(self)
        self.message.setObjectName("keyChoiceMessage")
        self.message.setStyleSheet(theme.error_style())
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName("keyChoiceOk")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        fields = QFormLayout()
        fields.addRow(_("New passphrase of the store"), self.passphrase)
        fields.addRow(_("Repeat the new passphrase"), self.repeat)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.keyring_choice)
        column.addWidget(self.keyring_hint)
        column.addWidget(self.passphrase_choice)
        column.addWidget(self.passphrase_hint)
        column.addWidget(self.no_keyring)
        column.addLayout(fields)
        column.addWidget(self.message)
        column.addWidget(buttons)
        # Without a keyring there is nothing to choose: the passphrase it is.
        for widget in (self.keyring_choice, self.keyring_hint, self.passphrase_choice):
            widget.setVisible(keyring)
        self.no_keyring.setVisible(not keyring)
        (self.keyring_choice if keyring else self.passphrase_choice).setChecked(True)
        self.passphrase_choice.toggled.connect(self._chosen)
        self._chosen()

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setIndent(24)  # under its choice's text, past the radio button
        return label

    def _secret_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(MAX_PASSPHRASE)
        edit.textChanged.connect(lambda _text: self.message.clear())
        return edit

    def _chosen(self) -> None:
        typed = self.passphrase_choice.isChecked()
        self.passphrase.setEnabled(typed)
        self.repeat.setEnabled(typed)
        self.message.clear()
        if typed:
            self.passphrase.setFocus()

    def uses_passphrase(self) -> bool:
        return self.passphrase_choice.isChecked()

    def problem(self) -> str:
        """Why the choice cannot be used yet ("" when it can)."""
        if not self.uses_passphrase():
            return ""
        first, again = self.passphrase.text(), self.repeat.text()
        if not first and not again:
            return _("Type the new passphrase in both fields.")
        if first != again:
            return _("The two passphrases differ.")
        try:
            check_passphrase(first)
        except DomainError as error:
            return error_text(error)
        return ""

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.message.setText(problem)
            return
        super().accept()

    def new_passphrase(self) -> str | None:
        """The passphrase to derive the key from; None for a random key in the keyring."""
        return self.passphrase.text() if self.uses_passphrase() else None
