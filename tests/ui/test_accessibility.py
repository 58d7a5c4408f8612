"""Every control a user works with has a name a screen reader can say (issue 9): its own
accessible name, its text, or a label that is its buddy. Qt's own parts (headers, calendar
and combo popups, a line edit's clear button) name themselves."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from workgroup_app.ui.pages.registry import PAGE_KEYS

CONTROLS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractButton,
            QAbstractItemView)


def qt_own(widget: QWidget) -> bool:
    """A part Qt makes inside another widget, not one the program placed."""
    if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parent()
    if isinstance(parent, QLineEdit | QComboBox | QAbstractSpinBox):
        return True  # a line edit's clear button, a combo's or a spin box's own editor
    while parent is not None:
        if isinstance(parent, QCalendarWidget | QMenu) or (
                isinstance(parent, QComboBox) and parent is not widget):
            return True
        parent = parent.parent()
    return False


def unnamed(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel)
               if label.buddy() is not None}
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or qt_own(widget):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text or id(widget) in buddies):
            found.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                         f"{type(widget.parent()).__name__}")
    return found


def test_every_control_of_every_page_has_a_name(main_window: Any) -> None:
    for key in PAGE_KEYS:
        main_window.show_page(key)
    assert unnamed(main_window) == []


def test_every_control_but_the_date_buttons_takes_a_tab_stop(main_window: Any) -> None:
    """The date buttons are skipped on purpose: Alt+Down in the field opens their calendar."""
    from PySide6.QtCore import Qt

    for key in PAGE_KEYS:
        main_window.show_page(key)
    skipped = [f"{type(w).__name__} {w.objectName()!r} {w.accessibleName()!r}"
               for w in main_window.findChildren(QWidget)
               if isinstance(w, CONTROLS) and not qt_own(w)
               and not w.focusPolicy() & Qt.FocusPolicy.TabFocus
               and w.accessibleName() != "Pick a date from the calendar"]
    assert skipped == []


def test_alt_down_in_a_date_field_opens_the_calendar(qtbot: Any) -> None:
    from datetime import date

    from PySide6.QtCore import Qt

    from workgroup_app.ui.widgets.date_edit import DateEdit

    field = DateEdit()
    qtbot.addWidget(field)
    field.set_value(date(2026, 3, 12))
    field.show()
    field.line.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.menu.isVisible()
    assert field.calendar.selectedDate().toPython() == date(2026, 3, 12)
    field.menu.close()
