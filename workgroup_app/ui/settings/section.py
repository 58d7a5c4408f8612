"""A box of office settings: a form, a note under it, and Save with its result beside it.
Saving runs the box's ``store`` through the services; a refusal shows beside its field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.errors import DomainError
from ...i18n import _
from .. import theme
from ..context import UiContext
from ..operations import Changed
from ..widgets.form import ValidatedForm


class SettingsSection(QGroupBox):
    saved = Signal()

    def __init__(self, context: UiContext, title: str, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.context = context
        self.form = ValidatedForm(self)
        self._name = name
        self._store: Callable[[], None] = lambda: None

    def finish(self, note_text: str, store: Callable[[], None]) -> None:
        """Lay out the note and the Save row under the form; ``store`` does the saving."""
        self._store = store
        note = QLabel(note_text, self)
        note.setWordWrap(True)
        note.setStyleSheet(theme.muted())
        self.save_button = QPushButton(_("Save"), self)
        self.save_button.setObjectName(f"save{self._name}")
        self.save_button.clicked.connect(self.save)
        self.result = QLabel(self)
        self.result.setObjectName(f"{self._name.lower()}Result")
        self.result.setStyleSheet(theme.muted())
        row = QHBoxLayout()
        row.addWidget(self.result, 1)
        row.addWidget(self.save_button)
        column = QVBoxLayout(self)
        column.addWidget(self.form)
        column.addWidget(note)
        column.addLayout(row)

    def save(self) -> bool:
        self.form.clear_errors()
        self.result.setText("")
        try:
            self._store()
        except DomainError as error:
            self.form.show_error(error)
            return False
        self.result.setText(_("Saved."))
        self.saved.emit()
        self.context.notifier.notify(Changed.SETTINGS)
        return True
