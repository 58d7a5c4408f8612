"""A small dialog around a ValidatedForm. OK calls ``submit``: the subclass's ``apply`` runs
the service; a DomainError shows beside its field and the dialog stays open with nothing
changed. Tests build the dialog, fill its widgets and call ``submit`` — never ``exec``."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from ...domain.errors import ConcurrentEditError, DomainError
from ...i18n import _
from ..context import UiContext
from ..widgets import concurrent_edit
from ..widgets.form import ValidatedForm


class AliasForm(ValidatedForm):
    """A ValidatedForm where one row answers for several error field names (a service says
    "agency_id", the domain rule "agency")."""

    def alias(self, field: str, row_field: str) -> None:
        self._errors[field] = self._errors[row_field]
        self._widgets[field] = self._widgets[row_field]


class FormDialog(QDialog):
    def __init__(self, context: UiContext, title: str, ok_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # The revision of the record this dialog edits, as opened (None: a new record); the
        # service refuses the save when the stored record has moved on since.
        self.expected: str | None = None
        self.setWindowTitle(title)
        self.form = AliasForm(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_label)
        self.ok_button.setObjectName("dialogOk")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Close"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.form)

    def finish_layout(self, stretch: bool = True) -> None:
        """Subclasses call this after adding their rows: the buttons go last."""
        if stretch:
            self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)

    def apply(self) -> None:
        """Do the work through the services; raise DomainError to refuse."""
        raise NotImplementedError

    def reload(self) -> bool:
        """Show the record as stored now (after someone else changed it); False where the
        dialog edits no stored record (it is never refused as a concurrent edit then)."""
        return False

    def submit(self) -> bool:
        """The OK handler: True when the work was done and the dialog closed."""
        self.form.clear_errors()
        try:
            self.apply()
        except ConcurrentEditError as error:
            return self._resolve(error)
        except DomainError as error:
            self.form.show_error(error)
            return False
        self.accept()
        return True

    def _resolve(self, error: ConcurrentEditError) -> bool:
        choice = concurrent_edit.ask(self, error)
        if choice is concurrent_edit.Choice.OVERWRITE:
            self.expected = error.revision  # theirs, seen and overruled; asked again if newer
            return self.submit()
        if not (choice is concurrent_edit.Choice.RELOAD and self.reload()):
            self.form.show_error(error)
        return False

    def error_text(self, field: str | None = None) -> str:
        return self.form.error_text(field)
