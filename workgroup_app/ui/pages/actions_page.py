"""Actions: the register of every action (lazy, filtered and sorted by the query), coloured
by how close each is to its deadline, and the selected action's detail and history beside it."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Permission
from ...domain.action_life import EventKind
from ...domain.messages import N_
from ...domain.views import ListQuery
from ...i18n import _, tr
from ...services import action_reports, actions
from ..actions.action_dialog import ActionDialog
from ..actions.detail_pane import ActionDetailPane
from ..actions.filter_bar import DEFAULT_STATUS, FilterBar
from ..actions.register_model import COLUMN_WIDTHS, ActionsModel
from ..context import UiContext
from ..meetings.lookups import Lookups
from ..operations import Changed
from ..widgets.list_tools import keep_sort_indicator_honest
from .base import ListDetailPage

LOOKUPS = Changed.AGENCIES | Changed.PEOPLE | Changed.WORKGROUPS
SHORTCUTS = (("Ctrl+R", EventKind.REPORTED), ("Ctrl+Shift+A", EventKind.ACCEPTED),
             ("Ctrl+Shift+R", EventKind.RETURNED), ("Ctrl+Shift+E", EventKind.EXTENDED),
             ("Ctrl+Shift+M", EventKind.COMMENT))


class ActionsPage(ListDetailPage):
    key = "actions"
    title = N_("Actions")
    shows = Changed.ACTIONS | Changed.SETTINGS  # settings: the reminder days, the calendar
    table_name = "actionsTable"
    edit_permission = Permission.EDIT_ACTIONS
    new_label = N_("New action")

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        model = ActionsModel(
            lambda query, as_of: actions.list_actions(context.uow(), query, as_of),
            query=ListQuery(sort="deadline", filters={"status": DEFAULT_STATUS}))
        model.soon_days = action_reports.reminder_settings(context.uow())[0]
        pane = ActionDetailPane(context, Lookups(context))
        self.dialog: ActionDialog | None = None
        super().__init__(context, model, pane, parent=parent)
        self.pane = pane
        self.search.setPlaceholderText(_("Search the text of actions…"))
        self.new_button.setToolTip(_("Enter a new action directly (Ctrl+N)"))
        self.filter_bar.changed.connect(self._filters_changed)
        self.search.search.connect(lambda _text: self._detail_follows_list())
        model.modelReset.connect(self._count)
        model.rowsInserted.connect(self._count)
        self._columns()
        self._keys()
        self._tab_order()
        self._count()

    def _layout(self) -> None:
        # Called by ListDetailPage: the filter bar goes between the search row and the table.
        self.lookups = self.editor.lookups  # type: ignore[attr-defined]
        self.filter_bar = FilterBar(self.lookups, self)
        self.count = QLabel(self)
        self.count.setObjectName("actionsCount")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.filter_bar.reset)
        top.addWidget(self.new_button)
        self.toolbar = top
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.filter_bar)
        column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        # The register is the main thing here: it gets two thirds of the width.
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([760, 380])
        self.splitter = splitter
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)

    def _columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for number, width in enumerate(COLUMN_WIDTHS):
            # Long Russian headers may not push the dates and numbers wide apart.
            header.resizeSection(number, max(width, min(header.sectionSizeHint(number),
                                                        width + 30)))
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(_("Actions"))
        keep_sort_indicator_honest(self.table, self.model)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def _keys(self) -> None:
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, kind in SHORTCUTS:
            QShortcut(QKeySequence(keys), self, lambda k=kind: self.pane.open_event(k),
                      context=within)
        QShortcut(QKeySequence("Ctrl+E"), self, self.pane.open_edit, context=within)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self._open_detail,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.table.doubleClicked.connect(lambda _index: self._open_detail())

    def _tab_order(self) -> None:
        bar = self.filter_bar
        chain: list[QWidget] = [
            self.search, self.new_button, bar.status, bar.agency, bar.workgroup,
            bar.controller, bar.due_from.line, bar.due_to.line, bar.overdue, bar.reset,
            bar.chip_clear, self.table, *self.pane.event_buttons.values(),
            self.pane.edit_button, self.pane.history, self.pane.save_attachment]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- filters -------------------------------------------------------------------------
    def _filters_changed(self) -> None:
        self.model.set_query(replace(self.model.query, filters=self.filter_bar.filters()))
        self._detail_follows_list()

    def _detail_follows_list(self) -> None:
        current = self.pane.record_id
        if current is not None:
            number = self.model.find(current)
            if number is not None:
                self.select_id(current)
            elif not self.model.canFetchMore():
                self.pane.clear()  # the whole list is loaded and the action is not in it

    def show_filtered(self, filters: dict[str, str]) -> None:
        """Show the actions behind a figure of the Overview: the bar takes what it has
        widgets for, the rest shows as a clearable chip."""
        self.search.setText(filters.get("text", ""))
        self.search.search_now()
        self.filter_bar.set_filters({k: v for k, v in filters.items() if k != "text"})

    def _count(self, *_args: object) -> None:
        self.count.setText(tr("Actions: {count}", count=self.model.total))

    # -- the detail ----------------------------------------------------------------------
    def _open_detail(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            if record_id != self.pane.record_id:
                self.pane.load(record_id)
            self.pane.focus_actions()

    def new_record(self) -> None:
        """Open the dialog of a new action (window-modal; tests drive ``self.dialog``)."""
        if not self.may_edit:
            return
        self.dialog = ActionDialog(self.context, self.lookups, parent=self)
        self.dialog.accepted.connect(self._created)
        self.dialog.open()

    def _created(self) -> None:
        saved = self.dialog.saved_id if self.dialog is not None else None
        self.context.notifier.notify(Changed.ACTIONS)
        if saved is not None:
            self.select_id(saved)
            self.pane.load(saved)

    # -- changes elsewhere ---------------------------------------------------------------
    def refresh(self) -> None:
        current = self.pane.record_id
        self.model.reload()
        if current is not None:
            self.select_id(current)
            self.pane.load(current)

    def _on_changed(self, what: Changed) -> None:
        if what & LOOKUPS:
            self.lookups.load()
            self.filter_bar.fill_choices()
        if what & Changed.SETTINGS:
            self.model.soon_days = action_reports.reminder_settings(self.context.uow())[0]
        if what & (self.shows | LOOKUPS):  # names in the rows may have changed
            self.refresh()
