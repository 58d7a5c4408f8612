"""What the GUI offers the signed-in role (issue 7): a command that changes data shows only to a
role holding its permission, and a form for editing shows read-only to a role that may only
read it. The services refuse forbidden changes anyway; this spares the user commands that can
only be refused.

The actor is fixed for the life of a main window (signing in again builds a new one), so pages
decide once, when they are built. The unrestricted actor of a store without accounts may do
everything: nothing is hidden from it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

from ..domain.access import Permission
from .context import UiContext

Command = QWidget | QAction | QShortcut


def may(context: UiContext, *permissions: Permission) -> bool:
    """Whether the acting role holds any of ``permissions``."""
    return any(context.actor.may(permission) for permission in permissions)


def withhold(*commands: Command) -> None:
    """Hide ``commands`` and switch them off, so neither a click nor a key reaches them."""
    for command in commands:
        if not isinstance(command, QShortcut):
            command.setVisible(False)
        command.setEnabled(False)


def offer(context: UiContext, permission: Permission, *commands: Command) -> bool:
    """Keep ``commands`` only for a role holding ``permission``; True when it does."""
    allowed = may(context, permission)
    if not allowed:
        withhold(*commands)
    return allowed


# Keys a frozen choice still takes: moving on, and copying its text.
_PASSING_KEYS = {Qt.Key.Key_Tab, Qt.Key.Key_Backtab}
_FROZEN_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                  QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.KeyPress,
                  QEvent.Type.KeyRelease}


class _Freeze(QObject):
    """Swallows what would change a combo box or a check box, which Qt cannot make read-only:
    it keeps its normal, legible look (a disabled one is greyed out) but takes no choice."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _FROZEN_EVENTS:
            return False
        passes = isinstance(event, QKeyEvent) and (
            event.key() in _PASSING_KEYS or event.matches(QKeySequence.StandardKey.Copy))
        return not passes


def read_only(root: QWidget) -> None:
    """Show every field under ``root`` as it is but take no edit: text and number fields turn
    read-only, choices and check boxes take no clicks or keys, tables open no cell editor, and
    the form's own push buttons (add, remove, move a line) are hidden. Call it once the form is
    built; buttons outside ``root`` (Save, Minutes…) are the caller's to decide."""
    freeze = _Freeze(root)
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            widget.setReadOnly(True)
        elif isinstance(widget, QAbstractSpinBox):
            widget.setReadOnly(True)
            widget.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
            if isinstance(widget, QDateTimeEdit):
                widget.setCalendarPopup(False)  # its arrow would promise a choice
        elif isinstance(widget, QComboBox):
            widget.installEventFilter(freeze)
            if widget.lineEdit() is not None:
                widget.lineEdit().setReadOnly(True)
        elif isinstance(widget, QPushButton):
            withhold(widget)
        elif isinstance(widget, QToolButton):
            # A tab bar's scroll arrows only move the view; a date's calendar button edits.
            if not isinstance(widget.parentWidget(), QTabBar):
                withhold(widget)
        elif isinstance(widget, QAbstractButton):  # check boxes and radio buttons
            widget.installEventFilter(freeze)
        if isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            widget.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
