"""The second wizard page: the first administrator's account. Each rule of the domain speaks
beside its field; nothing is made until every field is right."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWizardPage

from ...bootstrap import AppContext
from ...domain import access
from ...domain.actor import Actor
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _
from ...services import users
from .. import theme
from ..widgets.form import ValidatedForm
from .common import NewPassword, waiting


class AdminPage(QWizardPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.actor: Actor | None = None
        self.setObjectName("adminPage")
        self.setTitle(_("The first administrator"))
        self.setSubTitle(_("From now on Workgroup asks who is there. The administrator adds "
                           "the other users and gives each a role."))
        self.username = QLineEdit(self)
        self.username.setObjectName("adminUser")
        self.username.setMaxLength(access.USERNAME_MAX)
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("adminFullName")
        self.full_name.setMaxLength(300)
        self.form = ValidatedForm(self)
        self.form.add_row(N_("&User name"), self.username, field="username")
        self.form.add_row(N_("&Full name"), self.full_name, field="full_name")
        self.password = NewPassword(self.form, self, self.username.text,
                                    label=N_("&Password"))
        self.username.textChanged.connect(self.password.check_as_typed)
        note = QLabel(_("The password needs at least {count} characters and must differ from "
                        "the user name. An administrator manages users, keys, offices and "
                        "settings but does not edit meetings or actions: add an account with "
                        "another role for that work.").format(count=access.MIN_PASSWORD), self)
        note.setWordWrap(True)
        note.setStyleSheet(theme.muted())
        column = QVBoxLayout(self)
        column.addWidget(self.form)
        column.addWidget(note)
        column.addStretch(1)

    def validatePage(self) -> bool:
        if self.actor is not None:  # made already: QWizard asks once more as it closes
            return True
        self.form.clear_errors()
        try:
            access.check_username(self.username.text())
            problem = self.password.problem()
            if problem is not None:
                raise problem
            with waiting():
                self.actor = users.create_first_administrator(
                    self.context.uow(), self.username.text(), self.full_name.text(),
                    self.password.value())
        except DomainError as error:
            self.form.show_error(error)
            return False
        return True
