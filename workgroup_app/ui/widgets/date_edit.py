"""An optional date: typed (05.03.2026 or 2026-03-05) or picked from a calendar; empty means
"no date". A date that cannot be read is a ValidationError naming the form field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ...domain.errors import DomainError
from ...domain.messages import N_
from ...domain.rules import parse_date
from ...i18n import _, format_day


def format_date(value: date | None) -> str:
    """A date as the user's language writes it: 05.03.2026 in Russian, 2026-03-05 in English."""
    if value is None:
        return ""
    return format_day(value)


class DateEdit(QWidget):
    """``value()`` is a date or None; ``field`` and ``label`` name it in validation errors."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, field: str = "date",
                 label: str = N_("Date")) -> None:
        super().__init__(parent)
        self.field = field
        self.label = label
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(_("yyyy-mm-dd"))
        self.line.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"^[0-9.\-/ ]{0,10}$"), self.line))
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("00.00.00000") + 16)
        self.line.textEdited.connect(lambda _text: self.edited.emit())
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.menu = menu
        self.button = QToolButton(self)
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setAutoRaise(True)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(menu)
        self.button.setToolTip(_("Pick a date from the calendar (Alt+Down)"))
        self.button.setAccessibleName(_("Pick a date from the calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line)
        row.addWidget(self.button)
        row.addStretch(1)
        self.setFocusProxy(self.line)
        # The button takes no Tab stop: from the field, Alt+Down or F4 opens the calendar.
        self.line.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            alt = event.modifiers() & Qt.KeyboardModifier.AltModifier  # type: ignore[attr-defined]
            if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and alt):
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> None:
        """The calendar under the field, its selected day focused for the arrow keys."""
        self.menu.popup(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        self.calendar.setFocus()

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def value(self) -> date | None:
        text = self.line.text().strip()
        return parse_date(text, self.field, self.label) if text else None

    def set_value(self, value: date | None) -> None:
        self.line.setText(format_date(value))

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:
        self.line.setText(text)

    def _prepare_calendar(self) -> None:
        try:
            current = self.value()
        except DomainError:
            current = None
        chosen = current or date.today()
        self.calendar.setSelectedDate(QDate(chosen.year, chosen.month, chosen.day))

    def _picked(self, picked: QDate) -> None:
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        self.menu.close()
        self.edited.emit()
