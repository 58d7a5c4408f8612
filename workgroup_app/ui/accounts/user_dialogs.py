"""The administrator's dialogs over one account: add a user, reset a password, change a role.
Each calls its service on OK; a refusal shows beside its field (or on top) and the dialog
stays, so nothing is changed by a bad entry."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain import access
from ...domain.access import Role
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _, tr
from ...services import users
from ...services.users import UserInfo
from .. import theme
from ..context import UiContext
from ..widgets.form import ValidatedForm
from .common import NewPassword, role_label, waiting


def role_combo(parent: QWidget, current: str = Role.PROSECUTOR) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName("roleCombo")
    for role in Role:
        combo.addItem(role_label(role), role.value)
    combo.setCurrentIndex(max(0, combo.findData(str(current))))
    return combo


class AccountDialog(QDialog):
    """A form, a note and OK/Cancel; ``done_with`` carries the account after the service."""

    done_with = Signal(object)

    def __init__(self, context: UiContext, title: str, ok_text: str,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = ValidatedForm(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(theme.muted())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName("accountOk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._run: Callable[[], UserInfo] = self._nothing

    def _nothing(self) -> UserInfo:
        raise NotImplementedError

    def finish(self, note: str, run: Callable[[], UserInfo]) -> None:
        self._run = run
        self.note.setText(note)
        self.note.setVisible(bool(note))
        column = QVBoxLayout(self)
        column.addWidget(self.form)
        column.addWidget(self.note)
        column.addStretch(1)
        column.addWidget(self.buttons)

    def accept(self) -> None:
        self.form.clear_errors()
        try:
            with waiting():
                info = self._run()
        except DomainError as error:
            self.form.show_error(error)
            return
        self.done_with.emit(info)
        super().accept()


class AddUserDialog(AccountDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Add a user"), _("&Add"), parent)
        self.username = QLineEdit(self)
        self.username.setObjectName("newUser")
        self.username.setMaxLength(access.USERNAME_MAX)
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("newFullName")
        self.full_name.setMaxLength(300)
        self.role = role_combo(self)
        self.form.add_row(N_("&User name"), self.username, field="username")
        self.form.add_row(N_("&Full name"), self.full_name, field="full_name")
        self.form.add_row(N_("R&ole"), self.role, field="role")
        self.password = NewPassword(self.form, self, self.username.text,
                                    label=N_("First &password"))
        self.username.textChanged.connect(self.password.check_as_typed)
        self.finish(_("Give the first password to the user in person; they choose their own "
                      "at the first sign-in."), self._add)

    def _add(self) -> UserInfo:
        access.check_username(self.username.text())
        problem = self.password.problem()
        if problem is not None:
            raise problem
        return users.add_user(self.context.uow(), self.context.actor, self.username.text(),
                              self.full_name.text(), str(self.role.currentData()),
                              self.password.value())


class ResetPasswordDialog(AccountDialog):
    def __init__(self, context: UiContext, username: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, tr("Reset the password of {name}", name=username),
                         _("&Reset"), parent)
        self.username = username
        self.password = NewPassword(self.form, self, lambda: username)
        own = username == context.actor.user
        self.finish("" if own else _(
            "The user must choose their own password at the next sign-in; a lock after wrong "
            "passwords is lifted and their command-line sessions end."), self._reset)

    def _reset(self) -> UserInfo:
        problem = self.password.problem()
        if problem is not None:
            raise problem
        return users.reset_password(self.context.uow(), self.context.actor, self.username,
                                    self.password.value())


class RoleDialog(AccountDialog):
    def __init__(self, context: UiContext, user: UserInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, tr("Role of {name}", name=user.username),
                         _("&Change role"), parent)
        self.username = user.username
        self.role = role_combo(self, user.role)
        self.form.add_row(N_("R&ole"), self.role, field="role")
        self.finish(_("The new role applies from the user's next sign-in."), self._change)

    def _change(self) -> UserInfo:
        return users.set_role(self.context.uow(), self.context.actor, self.username,
                              str(self.role.currentData()))
