"""Colours that follow the system's light or dark scheme (issue 9).

The widgets draw with the style's palette, which Qt takes from the system; only the few
colours of meaning — an error, a warning, success, secondary text, the tiles' borders — are
the program's own, and each has a light and a dark form with enough contrast on its
background (WCAG AA, 4.5:1 for text). They are read when a widget is styled, so a window
made after the scheme changed uses the new one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

# (light, dark)
ERROR = ("#b3261e", "#f28b82")
WARNING = ("#8a5a00", "#fdd663")
GOOD = ("#137333", "#81c995")
INFO = ("#1a5fb4", "#8ab4f8")
MUTED = ("#5f6670", "#a8adb3")
FAINT = ("#8a8f96", "#80868b")  # figures that are zero, inactive bars
BORDER = ("#d5d9de", "#4a4f55")
ERROR_BACK = ("#fce8e6", "#4a2624")
WARNING_BACK = ("#fef7e0", "#463b16")
GOOD_BACK = ("#e6f4ea", "#1f3a27")
NEUTRAL_BACK = ("#f1f3f4", "#303134")
# Under a dark palette, the window colour a list of check boxes is given: Fusion darkens it
# by 40 % for the boxes' outline, which then shows on the dark base (3.3:1 on #202124).
CHECK_OUTLINE_BASE = "#b4b9bf"


def dark() -> bool:
    """The palette the widgets are drawn with is dark. Qt gives the style the system's scheme
    where the style can draw it (Qt 6.5+); asking the palette rather than the scheme hint
    keeps our colours on the background actually shown."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def colour(pair: tuple[str, str]) -> str:
    return pair[1] if dark() else pair[0]


def qcolour(pair: tuple[str, str]) -> QColor:
    return QColor(colour(pair))


def muted() -> str:
    """The style sheet of secondary text (notes, hints, empty states)."""
    return f"color: {colour(MUTED)};"


def error_style() -> str:
    return f"color: {colour(ERROR)};"


def warning_style() -> str:
    return f"color: {colour(WARNING)};"


def good_style() -> str:
    return f"color: {colour(GOOD)};"


def legible_check_outline(option: QStyleOptionViewItem) -> None:
    """Fusion outlines an item's check box in the window colour darkened, which on a dark
    palette vanishes into the list's base: an unticked box cannot be seen. The item's own
    option gets a lighter window colour, which nothing else of the item uses; the view, its
    frame, scroll bars and editors keep the application's palette. Other styles, and light
    palettes, are left as they are."""
    widget = option.widget
    if dark() and widget is not None and widget.style().name().lower() == "fusion":
        option.palette.setColor(QPalette.ColorRole.Window, QColor(CHECK_OUTLINE_BASE))


class LegibleCheckDelegate(QStyledItemDelegate):
    """The standard delegate, with check boxes that show under a dark palette."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:
        super().initStyleOption(option, index)
        legible_check_outline(option)


def legible_check_boxes(view: QAbstractItemView) -> None:
    """A list or table of check boxes whose unticked boxes show under a dark palette."""
    view.setItemDelegate(LegibleCheckDelegate(view))
