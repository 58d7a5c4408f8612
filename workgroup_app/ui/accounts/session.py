"""Who uses the program, from start to quit: the first-start wizard on a store without
accounts, else the sign-in; a password the administrator set is changed first; then the main
window acts as that user. Signing out shows the sign-in again before the window closes, so the
program never sits without a window; the next user gets a new main window.

Every window here is opened with ``open()`` (no nested event loop) and kept on the session,
so tests drive the same widgets the program shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ...bootstrap import AppContext
from ...domain.actor import Actor
from ...services import users
from .first_start import FirstStartWizard
from .password_dialog import PasswordDialog
from .sign_in_dialog import SignInDialog

# While nobody is signed in (after a sign-out) the store is acted on by nobody: an unknown
# role may do nothing, so work left running by the closed window cannot change data.
SIGNED_OUT = Actor(user="", role="signed-out")


class Session(QObject):
    def __init__(self, context: AppContext, make_window: Callable[[AppContext], Any], *,
                 username: str | None = None,
                 quit_app: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.context = context
        self._make_window = make_window
        self._username = username
        self._quit = quit_app or QApplication.quit
        self.dialog: QWidget | None = None  # the wizard or dialog shown now
        self.window: Any = None

    def start(self) -> QWidget:
        """Open the wizard (a store without accounts) or the sign-in dialog."""
        if not users.accounts_exist(self.context.uow()):
            wizard = FirstStartWizard(self.context)
            wizard.signed_in.connect(self._signed_in)
            return self._show(wizard)
        return self.ask_sign_in()

    def ask_sign_in(self) -> SignInDialog:
        dialog = SignInDialog(self.context, self._username)
        dialog.signed_in.connect(self._signed_in)
        self._show(dialog)
        return dialog

    def _show(self, dialog: Any) -> Any:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.rejected.connect(self._quit)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _signed_in(self, actor: Actor, password: str) -> None:
        self._username = actor.user  # the next sign-in offers the last name
        if password and users.current(self.context.uow(), actor.user).must_change_password:
            dialog = PasswordDialog(self.context, actor, current=password)
            dialog.changed.connect(lambda: self._open_window(actor))
            self._show(dialog)
            return
        self._open_window(actor)

    def _open_window(self, actor: Actor) -> None:
        self.context.actor = actor
        window = self._make_window(self.context)
        window.on_sign_out = self.sign_out
        window.show()
        self.window = window

    def sign_out(self) -> None:
        """Back to the sign-in dialog; the old window closes behind it."""
        old, self.window = self.window, None
        self.context.actor = SIGNED_OUT
        self.ask_sign_in()
        if old is not None:
            old.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            old.close()
