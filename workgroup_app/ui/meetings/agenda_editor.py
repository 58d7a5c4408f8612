"""The agenda (ПОВЕСТКА ДНЯ): numbered items that can be added, removed and moved; the selected
item's title, speeches, decisions and dissenting opinion are edited beneath the list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import AgendaItem
from ...domain.rules import move
from ...i18n import _, tr
from ..widgets.form import ErrorLabel
from .agenda_item import ItemPanel
from .lookups import Lookups


class AgendaEditor(QWidget):
    edited = Signal()

    def __init__(self, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[AgendaItem] = []
        self.read_only = False  # shown to a role that may not change it: no add, remove, move
        self.list = QListWidget(self)
        self.list.setObjectName("agendaList")
        self.list.setAccessibleName(_("Agenda"))
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._row_changed)
        self.add_button = self._button(_("Add item"), "agendaAdd", self.add_item,
                                       _("Add an agenda item at the end"))
        self.remove_button = self._button(_("Remove item…"), "agendaRemove",
                                          self.remove_item,
                                          _("Remove the selected item with its decisions"))
        self.up_button = self._button(_("Move up"), "agendaUp", lambda: self.move_item(-1),
                                      _("Move the selected item up (Alt+Up)"))
        self.down_button = self._button(_("Move down"), "agendaDown",
                                        lambda: self.move_item(1),
                                        _("Move the selected item down (Alt+Down)"))
        self.panel = ItemPanel(lookups, self)
        # Alt+Up / Alt+Down in the list and in the title; in the tables Alt+Down opens combos.
        self.list.installEventFilter(self)
        self.panel.title.installEventFilter(self)
        self.panel.title_changed.connect(self._title_changed)
        self.panel.edited.connect(self.edited)
        self.error = ErrorLabel(self)
        self.error.setObjectName("error_items")
        self._layout()
        self._enable()

    def _button(self, text: str, name: str, slot: object, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return button

    def _layout(self) -> None:
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QWidget(self)
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([130, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)

    # -- the items -------------------------------------------------------------------------
    def set_items(self, items: list[AgendaItem]) -> None:
        self.items = items
        self.error.show_text("")
        self._relist(0 if items else -1)

    def current_index(self) -> int:
        return self.list.currentRow()

    def select(self, index: int) -> None:
        if 0 <= index < len(self.items):
            self.list.setCurrentRow(index)

    def add_item(self) -> int:
        if self.read_only:
            return -1
        self.items.append(AgendaItem(title=""))
        index = len(self.items) - 1
        self._relist(index)
        self.panel.title.setFocus()
        self.edited.emit()
        return index

    def remove_item(self, confirmed: bool = False) -> bool:
        index = self.current_index()
        if self.read_only or not 0 <= index < len(self.items):
            return False
        if not confirmed:
            item = self.items[index]
            answer = QMessageBox.question(self, _("Remove agenda item"), tr(
                "Remove item {number} \"{title}\" with its {count} decisions?",
                number=index + 1, title=item.title or _("(no title)"),
                count=len(item.decisions)))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        del self.items[index]
        self._relist(min(index, len(self.items) - 1))
        self.edited.emit()
        return True

    def move_item(self, delta: int) -> None:
        index = self.current_index()
        target = index + delta
        if self.read_only or not (0 <= index < len(self.items) and 0 <= target < len(self.items)):
            return
        move(self.items, index, delta)
        self._relist(target)
        self.edited.emit()

    def show_error(self, text: str, position: int | None = None,
                   decision: int | None = None) -> None:
        """Show the message above the agenda and bring up the item (and decision) at fault."""
        self.error.show_text(text)
        if position is None:
            return
        self.select(position - 1)
        if decision is None:
            self.panel.title.setFocus()
            return
        decisions = self.panel.decisions
        self.panel.tabs.setCurrentWidget(decisions)
        decisions.table.select_row(decision - 1)
        decisions.table.view.setFocus()

    def clear_error(self) -> None:
        self.error.show_text("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.modifiers() == Qt.KeyboardModifier.AltModifier and \
                event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_item(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    # -- keeping the list in step ----------------------------------------------------------
    def _label(self, index: int) -> str:
        title = self.items[index].title.strip()
        return f"{index + 1}. {title or _('(no title)')}"

    def _relist(self, current: int) -> None:
        with QSignalBlocker(self.list):
            self.list.clear()
            for index in range(len(self.items)):
                entry = QListWidgetItem(self._label(index))
                self._style(entry, index)
                self.list.addItem(entry)
            self.list.setCurrentRow(current)
        self._row_changed(current)

    def _style(self, entry: QListWidgetItem, index: int) -> None:
        if not self.items[index].title.strip():
            entry.setForeground(QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)))

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.panel.set_item(self.items[row], row + 1)
        else:
            self.panel.set_item(None, 0)
        self._enable()

    def _title_changed(self, _text: str) -> None:
        row = self.current_index()
        entry = self.list.item(row)
        if entry is not None:
            entry.setText(self._label(row))
            entry.setForeground(self.list.palette().text())
            self._style(entry, row)

    def _enable(self) -> None:
        index = self.current_index()
        chosen = 0 <= index < len(self.items)
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and index > 0)
        self.down_button.setEnabled(chosen and index < len(self.items) - 1)
