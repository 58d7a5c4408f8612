"""The signed-in user in the main window: who it is on the status bar, and File → Change my
password… and Sign out. A store without accounts (the unrestricted local operator) shows
none of them."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from ...domain.access import UNRESTRICTED
from ...i18n import _, tr
from ..context import UiContext
from .common import role_label
from .password_dialog import PasswordDialog


def signed_in_text(context: UiContext) -> str:
    actor = context.actor
    return tr("Signed in as {name} — {role}", name=actor.full_name or actor.user,
              role=role_label(actor.role))


class AccountCommands:
    """Adds the status line and the two commands to ``window`` (before ``before`` in
    ``menu``). ``window.on_sign_out``, when set, takes the user back to the sign-in;
    without it Sign out closes the window."""

    def __init__(self, window: Any, context: UiContext, menu: QMenu,
                 before: QAction) -> None:
        self.window = window
        self.context = context
        self.dialog: PasswordDialog | None = None
        self.label: QLabel | None = None
        self.change_password: QAction | None = None
        self.sign_out: QAction | None = None
        if context.actor.role == UNRESTRICTED:
            return
        self.label = QLabel(signed_in_text(context), window)
        self.label.setObjectName("signedInAs")
        window.statusBar().addWidget(self.label)
        self.change_password = QAction(_("Change my &password…"), window)
        self.change_password.setObjectName("changeMyPassword")
        self.change_password.triggered.connect(self.open_password_dialog)
        self.sign_out = QAction(_("Sign &out"), window)
        self.sign_out.setObjectName("signOut")
        self.sign_out.triggered.connect(self._sign_out)
        menu.insertAction(before, self.change_password)
        menu.insertAction(before, self.sign_out)
        menu.insertSeparator(before)

    def open_password_dialog(self) -> PasswordDialog:
        """Window-modal, without a nested event loop (tests drive ``self.dialog``)."""
        parent: QWidget = self.window
        self.dialog = PasswordDialog(self.context.app, self.context.actor, parent=parent)
        self.dialog.changed.connect(lambda: self.window.statusBar().showMessage(
            _("Your password is changed."), 8000))
        self.dialog.open()
        return self.dialog

    def _sign_out(self) -> None:
        callback = getattr(self.window, "on_sign_out", None)
        if callback is not None:
            callback()
        else:
            self.window.close()
