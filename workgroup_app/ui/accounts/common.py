"""What the account widgets share: role names, password fields checked as one types, and the
wait cursor around a password hash (argon2 takes a noticeable moment)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from ...domain import access
from ...domain.access import ROLE_LABELS, Role
from ...domain.errors import DomainError, ValidationError
from ...domain.messages import N_
from ...i18n import _, error_text
from ..widgets.form import ErrorLabel, ValidatedForm

PASSWORDS_DIFFER = N_("The two passwords differ.")


def role_label(role: str) -> str:
    """The role in the user's language (the raw value for a role this version does not
    know)."""
    try:
        return _(ROLE_LABELS[Role(role)])
    except ValueError:
        return role


def password_edit(name: str, parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(access.MAX_PASSWORD)
    return edit


@contextmanager
def waiting() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class NewPassword:
    """A new password typed twice on ``form`` (fields ``password`` and ``repeat``). The domain
    rules speak under each field while one types, without moving the focus; ``problem`` gives
    the first reason the pair cannot be used."""

    def __init__(self, form: ValidatedForm, parent: QWidget, username: Callable[[], str],
                 label: str = N_("&New password"), repeat_label: str = N_("&Repeat it"),
                 ) -> None:
        self._form = form
        self._username = username
        self.password = password_edit("newPassword", parent)
        self.repeat = password_edit("repeatPassword", parent)
        form.add_row(label, self.password, field="password")
        form.add_row(repeat_label, self.repeat, field="repeat")
        self.password.textChanged.connect(self.check_as_typed)
        self.repeat.textChanged.connect(self.check_as_typed)

    def problem(self) -> DomainError | None:
        try:
            access.check_password(self.password.text(), self._username())
        except ValidationError as error:
            return error
        if self.repeat.text() != self.password.text():
            return ValidationError(PASSWORDS_DIFFER, field="repeat")
        return None

    def value(self) -> str:
        return self.password.text()

    def check_as_typed(self) -> None:
        """Messages for what is typed so far; an empty field is not scolded yet."""
        problem = self.problem()
        password_text = error_text(problem) if problem is not None and \
            problem.field == "password" and self.password.text() else ""
        repeat_text = _(PASSWORDS_DIFFER) if self.repeat.text() and \
            self.repeat.text() != self.password.text() else ""
        self._label("password").show_text(password_text)
        self._label("repeat").show_text(repeat_text)

    def _label(self, field: str) -> ErrorLabel:
        label = self._form.findChild(ErrorLabel, f"error_{field}")
        assert label is not None, field  # made by add_row above
        return label
