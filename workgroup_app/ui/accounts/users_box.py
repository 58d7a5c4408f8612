"""Users (administrators only): the accounts with their role, state and last sign-in; add a
user, reset a password, change a role, disable or enable, unlock. Every change goes through
services/users.py; its refusal (the last administrator, one's own account) shows on the
message line under the table and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _, error_text, tr
from ...services import users
from ...services.users import UserInfo
from .. import theme
from ..context import UiContext
from ..minutes.versions_table import format_moment
from .common import role_label
from .user_dialogs import AccountDialog, AddUserDialog, ResetPasswordDialog, RoleDialog

HEADERS = (N_("User"), N_("Full name"), N_("Role"), N_("State"), N_("Last sign-in"))


def state_text(user: UserInfo, now: datetime | None = None) -> str:
    if user.disabled:
        return _("disabled")
    if user.locked(now):
        assert user.wait_until is not None
        return tr("locked until {time}", time=format_moment(user.wait_until))
    if user.must_change_password:
        return _("active, must change the password")
    return _("active")


def user_row(user: UserInfo, now: datetime | None = None) -> list[str]:
    last = format_moment(user.last_login_at) if user.last_login_at else _("never")
    return [user.username, user.full_name, role_label(user.role), state_text(user, now), last]


class UsersBox(QGroupBox):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Users"), parent)
        self.setObjectName("usersBox")
        self.context = context
        self.users: list[UserInfo] = []
        self.dialog: AccountDialog | None = None
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(160)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = self._button(_("&Add…"), "addUser", self.open_add)
        self.reset_button = self._button(_("&Reset password…"), "resetPassword",
                                         self.open_reset)
        self.role_button = self._button(_("Change r&ole…"), "changeRole", self.open_role)
        self.disable_button = self._button(_("&Disable"), "disableUser", self.toggle_disabled)
        self.unlock_button = self._button(_("&Unlock"), "unlockUser", self.unlock)
        self.message = QLabel(self)
        self.message.setObjectName("usersMessage")
        self.message.setWordWrap(True)
        note = QLabel(_("Roles: an administrator manages users, keys, offices and settings; "
                        "a prosecutor meetings, findings and actions; a secretary meetings "
                        "and minutes; the head of office accepts and returns actions; an "
                        "observer only reads."), self)
        note.setWordWrap(True)
        note.setStyleSheet(theme.muted())
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.role_button,
                       self.disable_button, self.unlock_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.table)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addWidget(note)
        self.load()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- the table ---------------------------------------------------------------------------
    def load(self, select: str | None = None) -> None:
        chosen = select or (self.selected().username if self.selected() else None)
        self.users = users.list_users(self.context.uow(), self.context.actor)
        now = datetime.now(UTC)
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            for column, text in enumerate(user_row(user, now)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.username)
                self.table.setItem(row, column, item)
            if user.username == chosen:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    def select(self, username: str) -> None:
        for row, user in enumerate(self.users):
            if user.username == username:
                self.table.selectRow(row)
                return
        raise KeyError(username)

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        user = self.selected()
        for button in (self.reset_button, self.role_button, self.disable_button):
            button.setEnabled(user is not None)
        self.disable_button.setText(_("&Enable") if user and user.disabled else _("&Disable"))
        self.unlock_button.setEnabled(user is not None and (user.locked() or
                                                            user.failed_count > 0))

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(theme.error_style() if error else theme.muted())

    # -- the changes -------------------------------------------------------------------------
    def _open(self, dialog: AccountDialog, done: Callable[[UserInfo], str]) -> AccountDialog:
        """Window-modal, without a nested event loop (tests drive ``self.dialog``)."""
        self.dialog = dialog
        dialog.done_with.connect(lambda info: self._changed(info, done(info)))
        dialog.open()
        return dialog

    def _changed(self, info: UserInfo, text: str) -> None:
        self.load(select=info.username)
        self.show_message(text)

    def open_add(self) -> AccountDialog:
        return self._open(AddUserDialog(self.context, self), lambda info: tr(
            "{name} is added as {role}; they choose their own password at the first sign-in.",
            name=info.username, role=role_label(info.role)))

    def open_reset(self) -> AccountDialog | None:
        user = self.selected()
        if user is None:
            return None
        return self._open(ResetPasswordDialog(self.context, user.username, self),
                          lambda info: tr("The password of {name} is reset.",
                                          name=info.username))

    def open_role(self) -> AccountDialog | None:
        user = self.selected()
        if user is None:
            return None
        return self._open(RoleDialog(self.context, user, self), lambda info: tr(
            "{name} is now {role}.", name=info.username, role=role_label(info.role)))

    def _apply(self, change: Callable[[], UserInfo], done: Callable[[UserInfo], str]) -> bool:
        try:
            info = change()
        except DomainError as error:
            self.show_message(error_text(error), error=True)
            return False
        self._changed(info, done(info))
        return True

    def toggle_disabled(self) -> bool:
        user = self.selected()
        if user is None:
            return False
        disable = not user.disabled
        return self._apply(
            lambda: users.set_disabled(self.context.uow(), self.context.actor, user.username,
                                       disable),
            lambda info: tr("{name} is disabled: they cannot sign in.", name=info.username)
            if disable else tr("{name} is enabled again.", name=info.username))

    def unlock(self) -> bool:
        user = self.selected()
        if user is None:
            return False
        return self._apply(
            lambda: users.unlock(self.context.uow(), self.context.actor, user.username),
            lambda info: tr("{name} is unlocked and may sign in again.", name=info.username))
