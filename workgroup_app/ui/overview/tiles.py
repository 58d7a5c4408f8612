"""A big clickable figure: the number, what it counts, and a coloured edge for its urgency."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...i18n import _, count_text
from .. import theme

# The colours of the overview: red for overdue, amber for what falls due, blue for what waits
# for the head of office, grey for the rest.
# (light, dark) pairs: see theme.py
RED, AMBER, BLUE, GREY = theme.ERROR, ("#9a5b00", "#fdd663"), theme.INFO, ("#3d4650", "#c4c9cf")


class FigureTile(QFrame):
    """Clicked with the mouse, or Enter/Space when focused: ``clicked`` fires."""

    clicked = Signal()

    def __init__(self, caption: str, colour: tuple[str, str], hint: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = colour
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(hint)
        self.setAccessibleName(caption)
        self.setAccessibleDescription(hint)
        self.number = QLabel("—", self)
        self.number.setObjectName("tileNumber")
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("tileCaption")
        self.caption.setWordWrap(True)
        self.note = QLabel("", self)
        self.note.setObjectName("tileNote")
        self.note.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 10, 12, 10)
        column.setSpacing(2)
        column.addWidget(self.number)
        column.addWidget(self.caption)
        column.addWidget(self.note)
        self.setMinimumHeight(104)
        self._style(muted=False)

    def _style(self, muted: bool) -> None:
        colour = theme.colour(theme.FAINT if muted else self.colour)
        border = theme.colour(theme.BORDER)
        self.setStyleSheet(
            f"FigureTile {{ background: palette(base); border: 1px solid {border};"
            f" border-left: 5px solid {colour}; border-top-right-radius: 6px;"
            " border-bottom-right-radius: 6px; }"  # the accent bar stays straight
            f"FigureTile:hover {{ border-color: {colour}; }}"
            f"FigureTile:focus {{ border: 2px solid {colour}; border-left: 5px solid {colour}; }}"
            f"QLabel#tileNumber {{ color: {colour}; font-size: 26pt; font-weight: 600; }}"
            "QLabel#tileCaption { font-size: 11pt; font-weight: 600; }"
            f"QLabel#tileNote {{ color: {theme.colour(theme.MUTED)}; }}")

    def set_value(self, value: int | None, note: str = "") -> None:
        """Show ``value`` (None: not loaded yet); a zero is shown muted, it needs no attention."""
        self.number.setText("—" if value is None else count_text(value))
        self.note.setText(note)
        self._style(muted=not value)
        self.setAccessibleName(f"{self.caption.text()}: {self.number.text()}")

    def value_text(self) -> str:
        return self.number.text()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


def open_hint() -> str:
    return _("Click to open these actions")
