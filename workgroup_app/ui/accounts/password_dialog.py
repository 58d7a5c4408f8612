"""Change one's own password. Forced after a sign-in when the administrator set the password
(a new account, a reset): then the password just typed is the current one, and the only way
out other than a new password is to quit."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...bootstrap import AppContext
from ...domain.actor import Actor
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _, tr
from ...services import users
from ..widgets.form import ValidatedForm
from .common import NewPassword, password_edit, waiting


class PasswordDialog(QDialog):
    """``changed`` fires once the new password is stored, before the dialog closes."""

    changed = Signal()

    def __init__(self, context: AppContext, actor: Actor, *, current: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.actor = actor
        self.forced = current is not None
        self._current = current
        self.setObjectName("passwordDialog")
        self.setWindowTitle(_("Change my password"))
        self.setMinimumWidth(440)
        intro = QLabel(self)
        intro.setWordWrap(True)
        if self.forced:
            intro.setText(tr("{name}, your password was set by the administrator. Choose "
                             "your own before you go on; only you will know it.",
                             name=actor.full_name or actor.user))
        else:
            intro.setText(_("Type your current password, then the new one twice."))
        self.form = ValidatedForm(self)
        self.old = password_edit("oldPassword", self)
        if not self.forced:
            self.form.add_row(N_("&Current password"), self.old, field="old_password")
        else:
            self.old.hide()
        self.new = NewPassword(self.form, self, lambda: actor.user)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Change password"))
        ok.setObjectName("changePassword")
        if self.forced:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("&Quit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.form)
        column.addStretch(1)
        column.addWidget(self.buttons)
        (self.new.password if self.forced else self.old).setFocus()

    def accept(self) -> None:
        """Store the new password; a refusal shows beside its field and the dialog stays."""
        self.form.clear_errors()
        problem = self.new.problem()
        if problem is not None:
            self.form.show_error(problem)
            return
        old = self._current if self._current is not None else self.old.text()
        try:
            with waiting():
                users.change_own_password(self.context.uow(), self.actor, old,
                                          self.new.value())
        except DomainError as error:
            self.form.show_error(error)
            return
        self.changed.emit()
        super().accept()
