"""Help → Keyboard shortcuts (F1): every key the window answers to, by where it works.

The list is written out rather than gathered from the widgets, because most shortcuts live
in pages and windows not yet made; `tests/ui/test_shortcuts_help.py` fails when a shortcut
of the main window or the minutes window is missing here.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.messages import N_
from ..i18n import _

# (where, ((keys, what), …)); keys as Qt writes them, several separated by ", ".
SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (N_("Anywhere in the window"), (
        ("Ctrl+1 … Ctrl+9", N_("Go to a section, in the sidebar's order")),
        ("F1", N_("This list of keyboard shortcuts")),
        ("Ctrl+Shift+V", N_("Verify a signed PDF")),
        ("Ctrl+Q", N_("Quit")),
    )),
    (N_("Lists and editors"), (
        ("Ctrl+F", N_("Search the list")),
        ("Ctrl+N", N_("New record")),
        ("Ctrl+S", N_("Save")),
        ("Return, Enter", N_("Open the selected action or finding")),
        ("Ctrl+E", N_("Edit the action or finding shown")),
        ("Alt+Down, F4", N_("Open the calendar of a date field")),
    )),
    (N_("Meetings"), (
        ("Ctrl+P", N_("Minutes…")),
    )),
    (N_("Actions"), (
        ("Ctrl+R", N_("Report on the action")),
        ("Ctrl+Shift+A", N_("Accept the report")),
        ("Ctrl+Shift+R", N_("Return the report for rework")),
        ("Ctrl+Shift+E", N_("Extend the deadline")),
        ("Ctrl+Shift+M", N_("Add a comment")),
    )),
    (N_("Overview"), (
        ("F5", N_("Count again")),
    )),
    (N_("Minutes window"), (
        ("Ctrl+P", N_("Print the protocol")),
        ("Ctrl+S", N_("Save the protocol as PDF")),
        ("Ctrl++, Ctrl+=, Ctrl+-", N_("Zoom in, zoom out")),
        ("Ctrl+0", N_("Fit the page to the width")),
    )),
)


def native(keys: str) -> str:
    """A key combination as this system writes it, key names in the interface's language
    where Qt's catalogue has them (Alt+Вниз)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def shown_keys(combination: str) -> str:
    if " … " in combination:
        first, last = combination.split(" … ")
        return f"{native(first)} … {native(last)}"
    return ", ".join(native(keys) for keys in combination.split(", "))


def listed_keys() -> set[str]:
    """Every key combination the list names, one by one (the range of sections expanded)."""
    keys: set[str] = set()
    for _where, rows in SECTIONS:
        for combination, _what in rows:
            if "…" in combination:
                keys.update(f"Ctrl+{n}" for n in range(1, 10))
            else:
                keys.update(combination.split(", "))
    return keys


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.resize(560, 520)
        intro = QLabel(_("Tab and Shift+Tab move between the fields; the underlined letter of "
                         "a menu, button or field with Alt chooses it."), self)
        intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsList")
        self.tree.setAccessibleName(_("Keyboard shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([_("Keys"), _("What they do")])
        self.tree.setRootIsDecorated(False)
        for where, rows in SECTIONS:
            section = QTreeWidgetItem(self.tree, [_(where)])
            section.setFirstColumnSpanned(True)
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            for combination, what in rows:
                QTreeWidgetItem(section, [shown_keys(combination), _(what)])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.tree, 1)
        column.addWidget(buttons)
