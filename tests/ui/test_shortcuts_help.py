"""Help → Keyboard shortcuts (F1) lists every key the windows answer to (issue 9)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

from tests.minutes_support import build_minutes_office
from workgroup_app.ui import operations
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.minutes.minutes_window import open_minutes_window
from workgroup_app.ui.pages.registry import PAGE_KEYS
from workgroup_app.ui.shortcuts_help import SECTIONS, ShortcutsDialog, listed_keys


def portable(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.PortableText)


def typed(keys: str) -> bool:
    """A combination typed on an ordinary keyboard, not a special key some keyboards have
    (Qt adds "New", "Zoom In" … to the standard shortcuts)."""
    return "+" in keys or keys in ("Return", "Enter") or re.fullmatch(r"F\d+", keys) is not None


def answered_keys(window: QWidget) -> set[str]:
    """The key combinations of every shortcut and menu action inside ``window``."""
    found = {k.toString(QKeySequence.SequenceFormat.PortableText)
             for s in window.findChildren(QShortcut) for k in s.keys()}  # noqa: SIM118
    for action in window.findChildren(QAction):
        found.update(k.toString(QKeySequence.SequenceFormat.PortableText)
                     for k in action.shortcuts())
    for button in window.findChildren(QAbstractButton):  # Alt+letter: the label's mnemonic
        key = button.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        found.update([key] if not key.startswith("Alt+") else [])
    return {k for k in found if k and typed(k)}


def test_f1_opens_the_list_with_every_section(main_window: Any) -> None:
    action = main_window.findChild(QAction, "keyboardShortcuts")
    assert action.shortcut() == QKeySequence(Qt.Key.Key_F1)
    action.trigger()
    dialog = main_window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    tree = dialog.tree
    assert tree.topLevelItemCount() == len(SECTIONS)
    rows = sum(tree.topLevelItem(n).childCount() for n in range(tree.topLevelItemCount()))
    assert rows == sum(len(section[1]) for section in SECTIONS)
    first = tree.topLevelItem(0).child(0)
    assert (first.text(0), first.text(1)) == ("Ctrl+1 … Ctrl+9",
                                              "Go to a section, in the sidebar's order")
    dialog.close()


# Keys a date field reads itself (an event filter), not shortcuts
READ_BY_DATE_FIELDS = {"Alt+Down", "F4"}


def test_the_list_and_the_windows_name_the_same_keys(main_window: Any, qtbot: Any,
                                                     ui_context: UiContext) -> None:
    """Every key the main window and the minutes window answer to is listed, and every
    listed key does something."""
    for key in PAGE_KEYS:  # pages make their shortcuts when they are first shown
        main_window.show_page(key)
    answered = answered_keys(main_window)
    assert {portable(k) for k in ("Ctrl+Shift+A", "Ctrl+E", "F5", "F1", "Ctrl+9")} <= answered
    office = build_minutes_office(ui_context.uow)
    window = open_minutes_window(ui_context, office["meeting"])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.busy(), timeout=30_000)
    answered |= answered_keys(window)
    assert {portable("Ctrl+P"), portable("Ctrl+0")} <= answered_keys(window)
    listed = {portable(k) for k in listed_keys()}
    assert answered - listed == set()
    assert listed - answered == {portable(k) for k in READ_BY_DATE_FIELDS}
    qtbot.waitUntil(lambda: not operations.busy(), timeout=30_000)


def test_keys_are_shown_as_the_system_writes_them(qapp: Any) -> None:
    from workgroup_app.ui.shortcuts_help import shown_keys

    assert shown_keys("Ctrl+1 … Ctrl+9") == "Ctrl+1 … Ctrl+9"
    assert shown_keys("Alt+Down, F4") == (
        QKeySequence("Alt+Down").toString(QKeySequence.SequenceFormat.NativeText) + ", F4")
