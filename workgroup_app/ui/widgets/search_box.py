"""A search field that waits for a pause in typing before it asks the database."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from ...i18n import _


class SearchBox(QLineEdit):
    search = Signal(str)

    def __init__(self, parent: QWidget | None = None, delay_ms: int = 250) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("Search…"))
        self.setClearButtonEnabled(True)
        self.setAccessibleName(_("Search"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(lambda: self.search.emit(self.text().strip()))
        self.textChanged.connect(lambda _text: self._timer.start())

    def search_now(self) -> None:
        self._timer.stop()
        self.search.emit(self.text().strip())
