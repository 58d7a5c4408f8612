"""Help → Keyboard shortcuts (F1) lists every key the windows answer to (issue 9)."""

from __future__ import annotations

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


def answered_keys(window: QWidget) -> set[str]:
    """The key combinations of every shortcut and menu action inside ``window``."""
    found = {s.key().toString(QKeySequence.SequenceFormat.PortableText)
             for s in window.findChildren(QShortcut)}
    for action in window.findChildren(QAction):
        found.update(k.toString(QKeySequence.SequenceFormat.PortableText)
                     for k in action.shortcuts())
    for button in window.findChildren(QAbstractButton):  # Alt+letter: the label's mnemonic
        key = button.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        found.update([key] if not key.startswith("Alt+") else [])
    return {k for k in found if k}


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


def test_every_shortcut_of_the_main_window_is_listed(main_window: Any) -> None:
    for key in PAGE_KEYS:  # pages make their shortcuts when they are first shown
        main_window.show_page(key)
    listed = {portable(k) for k in listed_keys()}
    answered = answered_keys(main_window)
    assert {portable(k) for k in ("Ctrl+Shift+A", "Ctrl+E", "F5", "F1", "Ctrl+9")} <= answered
    assert answered - listed == set()


def test_every_shortcut_of_the_minutes_window_is_listed(qtbot: Any,
                                                        ui_context: UiContext) -> None:
    office = build_minutes_office(ui_context.uow)
    window = open_minutes_window(ui_context, office["meeting"])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.busy(), timeout=30_000)
    listed = {portable(k) for k in listed_keys()}
    assert answered_keys(window) >= {portable("Ctrl+P"), portable("Ctrl+0")}
    assert answered_keys(window) - listed == set()
    qtbot.waitUntil(lambda: not operations.busy(), timeout=30_000)
