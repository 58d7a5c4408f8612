"""A rounded chip naming a filter that has no widget of its own (set by another page), with
× to clear it. Shared by the registers' filter bars."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from ...i18n import _

CHIP_TINT = QColor(30, 136, 229, 60)


class FilterChip(QFrame):
    cleared = Signal()

    def __init__(self, parent: QWidget, object_name: str) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.text = QLabel(self)
        self.text.setObjectName(f"{object_name}Text")
        self.clear = QToolButton(self)
        self.clear.setText("×")
        self.clear.setAutoRaise(True)
        self.clear.setToolTip(_("Clear this filter"))
        self.clear.setAccessibleName(_("Clear this filter"))
        self.clear.clicked.connect(self.cleared.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 1, 2, 1)
        row.addWidget(self.text, 1)
        row.addWidget(self.clear)
        tint = f"rgba({CHIP_TINT.red()}, {CHIP_TINT.green()}, {CHIP_TINT.blue()}, " \
               f"{CHIP_TINT.alpha()})"
        self.setStyleSheet(f"#{object_name} {{ background: {tint}; border-radius: 10px; }}")
