"""Combo boxes of the meeting editor: a choice by id (people, agencies, workgroups) that one can
search by typing, optionally accepting a name that is not in the list; and an optional time."""

from __future__ import annotations

import re
from datetime import time

from PySide6.QtCore import QRegularExpression, QSignalBlocker, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ...domain.errors import ValidationError
from ...domain.messages import N_
from ...domain.views import Choice
from ...i18n import _

TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$")
COMMON_TIMES = ("09:00", "09:30", "10:00", "10:30", "11:00", "12:00", "14:00", "14:30",
                "15:00", "16:00")


class ChoiceCombo(QComboBox):
    """Choices by id; type to search. ``empty`` is the label of a first "none" entry.

    With ``typed`` the text may also be a name that matches no entry (an invited guest, a
    speaker from outside the directory): ``value()`` is then None and ``typed_text()`` the name.
    """

    def __init__(self, parent: QWidget | None = None, empty: str | None = None,
                 typed: bool = False) -> None:
        super().__init__(parent)
        self._empty = empty
        self._typed = typed
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.lineEdit().editingFinished.connect(self._settle)
        if empty:
            self.lineEdit().setPlaceholderText(empty)
        self.currentIndexChanged.connect(self._show_start)

    def set_choices(self, choices: list[Choice]) -> None:
        """Replace the entries, keeping the chosen id (or typed name) when it is still there."""
        keep, text = self.value(), self.typed_text()
        with QSignalBlocker(self):
            self.clear()
            if self._empty is not None:
                self.addItem("", None)
            for choice in choices:
                self.addItem(choice.label, choice.id)
        self.set_value(keep, text)

    def value(self) -> str | None:
        index = self._match()
        return self.itemData(index) if index >= 0 else None

    def typed_text(self) -> str:
        return self.currentText().strip() if self._typed and self._match() < 0 else ""

    def set_value(self, record_id: str | None, typed: str = "") -> None:
        index = self.findData(record_id) if record_id else -1
        if index < 0 and record_id is None and self._empty is not None:
            index = 0
        with QSignalBlocker(self):
            self.setCurrentIndex(index)
            if index < 0 or (record_id is None and typed):
                self.setEditText(typed if self._typed else "")
        self._show_start()

    def _show_start(self, *_args: object) -> None:
        """A long name shows from its beginning, not scrolled to its end."""
        if not self.lineEdit().hasFocus():
            self.lineEdit().setCursorPosition(0)

    def _match(self) -> int:
        text = self.currentText().strip()
        current = self.currentIndex()
        if current >= 0 and self.itemText(current) == text:
            return current
        if not text:
            return 0 if self._empty is not None else -1
        return self.findText(text, Qt.MatchFlag.MatchFixedString)

    def _settle(self) -> None:
        """A strict combo does not keep text that names nothing: it goes back to its choice."""
        index = self._match()
        if index >= 0 and index != self.currentIndex():
            self.setCurrentIndex(index)
        elif index < 0 and not self._typed:
            self.setEditText(self.itemText(self.currentIndex()) if self.currentIndex() >= 0
                             else "")


class TimeCombo(QComboBox):
    """An optional start time: empty, or HH:MM typed or picked from the usual hours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(["", *COMMON_TIMES])
        pattern = QRegularExpression(r"^(|([01]?\d|2[0-3])([:.]([0-5]\d?)?)?)$")
        self.setValidator(QRegularExpressionValidator(pattern, self))
        self.lineEdit().setPlaceholderText(_("hh:mm"))

    def value(self) -> time | None:
        """The time entered, None when empty; an unfinished time is a validation error."""
        text = self.currentText().strip()
        if not text:
            return None
        match = TIME.match(text)
        if match is None:
            raise ValidationError(N_("The start time '{value}' is not a time (use hh:mm)."),
                                  field="starts_at", value=text)
        return time(int(match.group(1)), int(match.group(2)))

    def set_value(self, value: time | None) -> None:
        self.setEditText(value.strftime("%H:%M") if value else "")
