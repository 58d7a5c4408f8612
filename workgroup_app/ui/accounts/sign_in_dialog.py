"""Sign in: user name and password. A refusal (wrong password, wait, locked, disabled) shows on
the message line and the dialog stays; Enter signs in, Escape or Quit leaves the program."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...bootstrap import AppContext
from ...domain import access
from ...domain.actor import Actor
from ...domain.errors import DomainError
from ...i18n import _, error_text, tr
from ...services import users
from .. import theme
from .common import password_edit, waiting

DEMO_USER = "prosecutor"


class SignInDialog(QDialog):
    """``signed_in`` carries the actor and the password typed (the forced password change
    needs it) before the dialog closes, so the next window is up before this one goes."""

    signed_in = Signal(object, str)

    def __init__(self, context: AppContext, username: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.actor: Actor | None = None
        self.setObjectName("signInDialog")
        self.setWindowTitle(_("Sign in — Workgroup"))
        self.setMinimumWidth(420)
        intro = QLabel(tr("Store: {location}", location=context.location), self)
        intro.setWordWrap(True)
        intro.setStyleSheet(theme.muted())
        self.username = QLineEdit(self)
        self.username.setObjectName("signInUser")
        self.username.setMaxLength(access.USERNAME_MAX)
        self.password = password_edit("signInPassword", self)
        self.message = QLabel(self)
        self.message.setObjectName("signInMessage")
        self.message.setStyleSheet(theme.error_style())
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow(_("&User name"), self.username)
        form.addRow(_("&Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(_("&Sign in"))
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)  # Enter in either field signs in
        quit_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        quit_button.setText(_("&Quit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.message)
        self.hint = QLabel(self)
        self.hint.setObjectName("demoHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(theme.muted())
        self.hint.hide()
        if context.config.demo:
            self.hint.setText(tr(
                "Demo office: sign in as {names} (one account per role); the password of "
                "each is {password}.", names=", ".join(n for n, _f, _r in users.DEMO_ACCOUNTS),
                password=users.DEMO_PASSWORD))
            self.hint.show()
            username = username or DEMO_USER
        column.addWidget(self.hint)
        column.addWidget(self.buttons)
        self.username.setText(username or "")
        (self.password if username else self.username).setFocus()

    def show_refusal(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def accept(self) -> None:
        """Sign in; a refusal shows and the password is cleared for the next try."""
        password = self.password.text()
        try:
            with waiting():
                actor = users.sign_in(self.context.uow(), self.username.text(), password)
        except DomainError as error:  # SignInError, or a store that cannot be read
            self.show_refusal(error_text(error))
            self.password.clear()
            self.password.setFocus()
            return
        self.actor = actor
        self.show_refusal("")
        self.password.clear()
        self.signed_in.emit(actor, password)
        super().accept()
