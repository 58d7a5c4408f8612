"""A combo box that picks a record by id (an agency, a person, a workgroup): type any part of
the name to narrow the list, case-insensitively and in any alphabet."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ...domain.views import Choice
from ...i18n import _


class ChoiceCombo(QComboBox):
    """Choices by id. With ``empty`` (a msgid, e.g. "No agency") the first entry means "none"
    and its text is the placeholder; text that names no entry goes back to the last choice.

    ``chosen`` carries the id (or None) whenever the user settles on an entry.
    """

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None, empty: str | None = None) -> None:
        super().__init__(parent)
        self._empty = empty
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[str].connect(self._completed)
        self.setCompleter(completer)
        if empty:
            self.lineEdit().setPlaceholderText(_(empty))
        self.lineEdit().editingFinished.connect(self._settle)
        self.activated.connect(lambda _index: self.chosen.emit(self.value()))
        if empty is not None:
            self.addItem("", None)

    def set_choices(self, choices: list[Choice]) -> None:
        """Replace the entries, keeping the chosen id when it is still offered."""
        keep = self.value()
        with QSignalBlocker(self):
            self.clear()
            if self._empty is not None:
                self.addItem("", None)
            for choice in choices:
                self.addItem(choice.label, choice.id)
        self.set_value(keep)

    def value(self) -> str | None:
        index = self._match()
        return self.itemData(index) if index >= 0 else None

    def set_value(self, record_id: str | None) -> None:
        index = self.findData(record_id) if record_id else (0 if self._empty is not None else -1)
        with QSignalBlocker(self):
            self.setCurrentIndex(index)
            if index < 0:
                self.setEditText("")
        self.lineEdit().setCursorPosition(0)

    def label(self) -> str:
        index = self._match()
        return self.itemText(index) if index >= 0 else ""

    def _match(self) -> int:
        text = self.currentText().strip()
        current = self.currentIndex()
        if current >= 0 and self.itemText(current) == text:
            return current
        if not text:
            return 0 if self._empty is not None else -1
        return self.findText(text, Qt.MatchFlag.MatchFixedString)

    def _completed(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            self.setCurrentIndex(index)
            self.chosen.emit(self.value())

    def _settle(self) -> None:
        index = self._match()
        if index >= 0:
            if index != self.currentIndex():
                self.setCurrentIndex(index)
                self.chosen.emit(self.value())
        else:
            current = self.currentIndex()
            self.setEditText(self.itemText(current) if current >= 0 else "")
        self.lineEdit().setCursorPosition(0)
