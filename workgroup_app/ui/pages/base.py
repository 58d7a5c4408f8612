"""What pages have in common: a key, a title, a reaction to changes; and the list + detail
layout most pages use (search, lazy table, editor beside it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Permission
from ...domain.errors import DomainError
from ...i18n import _, error_text
from ..access import may, withhold
from ..context import UiContext
from ..models.paged import PagedTableModel
from ..operations import Changed
from ..widgets.search_box import SearchBox
from ..widgets.tab_order import tab_chain


class Page(QWidget):
    """A page of the sidebar. ``key`` names it in --page and in settings."""

    key = ""
    title = ""  # English msgid
    shows = Changed.NOTHING

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        context.notifier.changed.connect(self._on_changed)

    def _on_changed(self, what: Changed) -> None:
        if what & self.shows:
            self.refresh()

    def refresh(self) -> None:
        """Reload what the page shows from the services."""

    def activated(self) -> None:
        """Called when the page becomes the visible one."""

    def show_filtered(self, filters: dict[str, str]) -> None:
        """Show the page's list narrowed by ``filters`` (keys as its service query takes)."""


class RecordEditor(QWidget):
    """The detail side of a list page. Subclasses fill ``form`` and implement load/collect/save.

    ``saved`` carries the id of the record written; ``dirty`` tells whether edits are pending.
    ``read_only`` (see ``set_read_only``): the record is shown to a role that may not change it.
    """

    saved = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record_id: str | None = None
        self.dirty = False
        self.read_only = False
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(_("Save the changes (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(_("Revert"))
        self.revert_button.setObjectName("revertButton")
        self.revert_button.clicked.connect(self.revert)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self, self.save,
                                       context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def set_read_only(self) -> None:
        """For a role that may only read: no Save, Revert or Ctrl+S; subclasses also lock
        their fields."""
        self.read_only = True
        withhold(self.save_button, self.revert_button, self.save_shortcut)

    def buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        return row

    def mark_dirty(self, *_args: Any) -> None:
        self.dirty = True

    # Subclasses provide load(record_id | None) -> None and save() -> bool.

    def clear(self) -> None:
        """Show no record (after a delete); editors with an empty state override this."""
        self.load(None)

    # -- shared behaviour --------------------------------------------------------------------
    def revert(self) -> None:
        self.load(self.record_id)

    def confirm_discard(self) -> bool:
        """Ask before unsaved edits are thrown away; True means go ahead."""
        if not self.dirty or self.read_only:
            return True
        answer = QMessageBox.question(
            self, _("Unsaved changes"), _("Discard the changes you have not saved?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard


KEEP_PLACE_ROWS = 5_000  # how far down a list refreshed for others' changes keeps its place


class ListDetailPage(Page):
    """Search + lazy table on the left, an editor on the right, New and Delete buttons.

    A role without ``edit_permission`` gets no New, Delete or Ctrl+N, and the editor read-only.
    """

    table_name = ""  # objectName of the table, e.g. "meetingsTable"
    edit_permission: Permission | None = None  # what New, Delete and the editor's Save need
    new_label = "New"
    delete_question = "Delete the selected record?"

    def __init__(self, context: UiContext, model: PagedTableModel, editor: RecordEditor,
                 delete: Callable[[str], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = model
        self.editor = editor
        self._delete = delete
        self._stale = False  # others changed what it shows while it was hidden
        self.search = SearchBox(self)
        self.search.setObjectName(f"{self.key}Search")
        self.search.search.connect(self.model.set_text)
        self.new_button = QPushButton(_(self.new_label), self)  # parented now: Tab order
        self.new_button.setObjectName(f"{self.key}New")
        self.new_button.setToolTip(_("Create a new record (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_record)
        self.delete_button = QPushButton(_("Delete"), self)
        self.delete_button.setObjectName(f"{self.key}Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_button.setEnabled(False)
        self.delete_button.setVisible(delete is not None)
        self.table = QTableView(self)
        self.table.setObjectName(self.table_name)
        self.table.setAccessibleName(_(self.title))
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        editor.saved.connect(self._saved)
        new_shortcut = QShortcut(QKeySequence.StandardKey.New, self, self.new_record,
                                 context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.may_edit = self.edit_permission is None or may(context, self.edit_permission)
        if not self.may_edit:
            withhold(self.new_button, self.delete_button, new_shortcut)
            editor.set_read_only()
        self._layout()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        self.toolbar = top
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)

    def insert_filters(self, row: QHBoxLayout, *controls: QWidget) -> None:
        """A row of filters between the toolbar and the list; Tab takes them in between too."""
        column = self.table.parentWidget().layout()
        if isinstance(column, QVBoxLayout):
            column.insertLayout(1, row)
        tab_chain(self.delete_button, *controls, self.table)

    def refresh(self) -> None:
        current = self.editor.record_id
        self.model.reload()
        if current is not None:
            self.select_id(current)

    def _on_changed(self, what: Changed) -> None:
        if not what & self.shows:
            return
        if not what & Changed.ELSEWHERE:
            self.refresh()
        elif self.isVisible():
            self.follow_elsewhere()
        else:
            self._stale = True  # read again when the page is next shown

    def follow_elsewhere(self) -> None:
        """Show what others changed without losing the user's place: the list keeps its
        scroll position (within the rows it reads again) and the selected record; the
        editor shows the record anew unless it holds unsaved edits."""
        self._stale = False
        scroll = self.table.verticalScrollBar()
        top = scroll.value()
        self.refresh()
        while (scroll.maximum() < top and self.model.canFetchMore()
               and self.model.rowCount() < top + KEEP_PLACE_ROWS):
            self.model.fetchMore()
        scroll.setValue(top)
        editor = self.editor
        if editor.record_id is not None and not editor.dirty:
            editor.load(editor.record_id)

    def activated(self) -> None:
        if self._stale:
            self.follow_elsewhere()
        if self.model.rowCount() == 0 and self.model.canFetchMore():
            self.model.fetchMore()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()).id if rows else None

    def select_id(self, record_id: str) -> None:
        number = self.model.find(record_id)
        if number is not None:
            self.table.selectRow(number)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        record_id = self.selected_id()
        self.delete_button.setEnabled(record_id is not None and self.may_edit)
        if record_id is not None and record_id != self.editor.record_id:
            if not self.editor.confirm_discard():
                self._keep_editor_row()
                return
            self.editor.load(record_id)

    def _keep_editor_row(self) -> None:
        """The user kept their edits: the list goes back to the record being edited."""
        number = None if self.editor.record_id is None else self.model.find(self.editor.record_id)
        with QSignalBlocker(self.table.selectionModel()):
            if number is None:
                self.table.clearSelection()
            else:
                self.table.selectRow(number)
        self.delete_button.setEnabled(number is not None and self.may_edit)
        self.table.viewport().update()

    def new_record(self) -> None:
        if not self.may_edit or not self.editor.confirm_discard():
            return
        self.table.clearSelection()
        self.editor.load(None)
        self.editor.setFocus()

    def delete_selected(self, confirmed: bool = False) -> None:
        record_id = self.selected_id()
        if record_id is None or self._delete is None or not self.may_edit:
            return
        if not confirmed:
            answer = QMessageBox.question(self, _("Delete"), _(self.delete_question))
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self._delete(record_id)
        except DomainError as error:
            QMessageBox.warning(self, _("Cannot delete"), error_text(error))
            return
        self.editor.clear()
        self.context.notifier.notify(self.shows)

    def _saved(self, record_id: str) -> None:
        self.context.notifier.notify(self.shows)
        self.select_id(record_id)
