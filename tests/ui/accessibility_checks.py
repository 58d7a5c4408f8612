"""What a screen reader and a keyboard user need of a window's controls (issue 9): a name
(its own accessible name, its text, or a label that is its buddy), a Tab stop, and a Tab
order that reads the window as a person does. Qt's own
parts (headers, calendar and combo popups, a line edit's clear button) look after themselves."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CONTROLS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractButton,
            QAbstractItemView)
DATE_BUTTON = "Pick a date from the calendar"  # Alt+Down in the field opens it instead


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


def unnamed(root: QWidget, visible_only: bool = False) -> list[str]:
    """Controls without a name; ``visible_only`` skips the hidden ones, which a screen reader
    never meets (a dialog's rows for another mode)."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel)
               if label.buddy() is not None}
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or qt_own(widget) or (
                visible_only and not widget.isVisibleTo(root)):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text or id(widget) in buddies):
            found.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                         f"{type(widget.parent()).__name__}")
    return found


def without_tab_stop(root: QWidget) -> list[str]:
    return [f"{type(w).__name__} {w.objectName()!r} {w.accessibleName()!r}"
            for w in root.findChildren(QWidget)
            if isinstance(w, CONTROLS) and not qt_own(w) and w.isVisibleTo(root)
            and not w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.accessibleName() != DATE_BUTTON]


class DialogWatch(QObject):
    """An application event filter that checks each dialog when it is shown."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            title = f"{type(watched).__name__} {watched.windowTitle()!r}"
            self.problems += [f"{title}: unnamed {p}" for p in unnamed(watched, True)]
            self.problems += [f"{title}: no Tab stop {p}" for p in without_tab_stop(watched)]
            self.problems += [f"{title}: Tab goes back up {j}" for j in tab_order_jumps(watched)]
        return False


def tab_order_jumps(root: QWidget) -> list[str]:
    """Steps of the Tab order that go back up the window: Tab should read a window as a person
    does, top to bottom, left to right within a row, one column after the other. The wrap
    from the last control to the first is one such step and is allowed."""
    from PySide6.QtCore import QPoint

    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not root and widget not in chain and len(chain) < 500:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    stops = [w for w in chain if w.isVisibleTo(root) and w.isEnabled() and not qt_own(w)
             and w.focusPolicy() & Qt.FocusPolicy.TabFocus and isinstance(w, CONTROLS)]
    jumps = []
    # The chain is a ring: one step up, from the last control back to the first, is the wrap.
    for before, after in zip(stops, stops[1:] + stops[:1], strict=False):
        start, end = before.mapTo(root, QPoint(0, 0)), after.mapTo(root, QPoint(0, 0))
        next_column = end.x() >= start.x() + before.width() - 8  # up, into the column on the right
        if end.y() < start.y() - 8 and not next_column:
            jumps.append(" → ".join(f"{type(w).__name__} {w.accessibleName() or w.objectName()!r}"
                                    for w in (before, after)))
    return jumps if len(jumps) > 1 else []
