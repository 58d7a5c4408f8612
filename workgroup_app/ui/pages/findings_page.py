"""Findings: the register of supervision findings and acts of response (lazy, filtered by the
query), overdue responses in red, and the selected finding's detail, history and actions."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from ...domain.access import Permission
from ...domain.findings import ActType
from ...domain.messages import N_
from ...domain.views import ListQuery
from ...i18n import _, tr
from ...services import findings
from ..context import UiContext
from ..findings.detail_pane import FindingDetailPane
from ..findings.filter_bar import FindingsFilterBar
from ..findings.finding_dialog import FindingDialog
from ..findings.look import act_short
from ..findings.register_model import COLUMN_WIDTHS, FindingsModel
from ..meetings.lookups import Lookups
from ..operations import Changed
from ..widgets.list_tools import keep_sort_indicator_honest
from .base import ListDetailPage

LOOKUPS = Changed.AGENCIES | Changed.PEOPLE | Changed.WORKGROUPS


class FindingsPage(ListDetailPage):
    key = "findings"
    title = N_("Findings")
    # Actions: the pane lists the actions made from a finding; settings: the calendar.
    shows = Changed.FINDINGS | Changed.ACTIONS | Changed.SETTINGS
    table_name = "findingsTable"
    edit_permission = Permission.EDIT_FINDINGS
    new_label = N_("New finding…")

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        model = FindingsModel(
            lambda query, as_of: findings.list_findings(context.uow(), query, as_of),
            query=ListQuery())
        pane = FindingDetailPane(context, Lookups(context))
        self.dialog: FindingDialog | None = None
        super().__init__(context, model, pane, parent=parent)
        self.pane = pane
        self.search.setPlaceholderText(_("Search subjects, numbers, violations…"))
        self.new_button.setToolTip(_("Record a new finding and its act (Ctrl+N)"))
        self.filter_bar.changed.connect(self._filters_changed)
        self.search.search.connect(lambda _text: self._detail_follows_list())
        model.modelReset.connect(self._count)
        model.rowsInserted.connect(self._count)
        self._columns()
        self._keys()
        self._count()

    def _layout(self) -> None:
        # Called by ListDetailPage: the filter bar goes between the search row and the table.
        self.lookups = self.editor.lookups  # type: ignore[attr-defined]
        self.filter_bar = FindingsFilterBar(self.lookups, self)
        self.count = QLabel(self)
        self.count.setObjectName("findingsCount")
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
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([760, 420])
        self.splitter = splitter
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)

    def _columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for number, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(number, max(width, min(header.sectionSizeHint(number),
                                                        width + 30)))
        # The act column fits the longest short name of an act type in this language.
        widest = max(self.table.fontMetrics().horizontalAdvance(act_short(t)) for t in ActType)
        header.resizeSection(0, max(header.sectionSize(0), widest + 14))
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(_("Findings"))
        keep_sort_indicator_honest(self.table, self.model)

    def _keys(self) -> None:
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+E"), self, self.pane.open_edit, context=within)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self._open_detail,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.table.doubleClicked.connect(lambda _index: self._open_detail())
        bar = self.filter_bar
        chain: list[QWidget] = [
            self.search, bar.reset, self.new_button, bar.status, bar.act_type, bar.agency,
            bar.date_from.line, bar.date_to.line, bar.overdue, self.table,
            *self.pane.event_buttons.values(), self.pane.make_action, self.pane.edit_button,
            self.pane.tabs]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- filters -------------------------------------------------------------------------
    def _filters_changed(self) -> None:
        self.model.set_query(replace(self.model.query, filters=self.filter_bar.filters()))
        self._detail_follows_list()

    def _detail_follows_list(self) -> None:
        current = self.pane.record_id
        if current is not None:
            if self.model.find(current) is not None:
                self.select_id(current)
            elif not self.model.canFetchMore():
                self.pane.clear()  # the whole list is loaded and the finding is not in it

    def apply_filters(self, filters: dict[str, str]) -> None:
        """Show the findings ``filters`` name (keys as ``list_findings`` takes them, plus
        "text"); {"id": …} shows every finding with that one selected."""
        self.search.setText(filters.get("text", ""))
        self.search.search_now()
        wanted = filters.get("id")
        self.filter_bar.set_filters({k: v for k, v in filters.items()
                                     if k not in ("text", "id")})
        if wanted:
            self.select_id(wanted)
            if self.pane.record_id != wanted:
                self.table.clearSelection()
                self.pane.load(wanted)  # not among the rows read yet: the detail still shows

    def show_filtered(self, filters: dict[str, str]) -> None:
        self.apply_filters(filters)

    def _count(self, *_args: object) -> None:
        self.count.setText(tr("Findings: {count}", count=self.model.total))

    # -- the detail ----------------------------------------------------------------------
    def _open_detail(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            if record_id != self.pane.record_id:
                self.pane.load(record_id)
            for button in (*self.pane.event_buttons.values(), self.pane.edit_button):
                if button.isEnabled():
                    button.setFocus()
                    return

    def new_record(self) -> None:
        """Open the dialog of a new finding (window-modal; tests drive ``self.dialog``)."""
        if not self.may_edit:
            return
        self.dialog = FindingDialog(self.context, self.lookups, parent=self)
        self.dialog.accepted.connect(self._created)
        self.dialog.open()

    def _created(self) -> None:
        saved = self.dialog.saved_id if self.dialog is not None else None
        self.context.notifier.notify(Changed.FINDINGS)
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
        if what & (self.shows | LOOKUPS):
            self.refresh()
