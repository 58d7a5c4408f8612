"""Meetings: the list of all meetings (lazy, sorted and filtered by the query) and the editor
of the selected one, where the secretary files the protocol."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ...domain.access import Permission
from ...domain.enums import MEETING_STATUS_LABELS
from ...domain.messages import N_
from ...domain.views import ListQuery
from ...i18n import _, tr
from ...services import meetings, workgroups
from ..context import UiContext
from ..meetings.meeting_editor import MeetingEditor
from ..models.paged import Column, PagedTableModel
from ..operations import Changed
from ..widgets.date_edit import format_date
from .base import ListDetailPage

LOOKUPS = Changed.WORKGROUPS | Changed.PEOPLE | Changed.AGENCIES


MEETING_COLUMNS = [
    Column(N_("Date"), lambda r: format_date(r.held_on), sort="held_on"),
    Column(N_("No."), lambda r: f"{r.number}/{r.year}", sort="number", align_right=True),
    Column(N_("Workgroup"), lambda r: r.workgroup_name, sort="workgroup"),
    Column(N_("Status"), lambda r: _(MEETING_STATUS_LABELS[r.status]), sort="status"),
    Column(N_("Venue"), lambda r: r.venue, sort="venue"),
]
COLUMN_WIDTHS = (86, 64, 160, 120)


class MeetingsPage(ListDetailPage):
    key = "meetings"
    title = N_("Meetings")
    shows = Changed.MEETINGS
    table_name = "meetingsTable"
    edit_permission = Permission.EDIT_MEETINGS
    new_label = N_("New meeting")
    delete_question = N_("Delete the selected meeting with its attendance, agenda and "
                         "decisions?")

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        model = PagedTableModel(
            MEETING_COLUMNS, lambda query: meetings.list_meetings(context.uow(), query),
            query=ListQuery(sort="held_on", descending=True, limit=200))
        editor = MeetingEditor(context)
        super().__init__(
            context, model, editor,
            delete=lambda meeting_id: meetings.delete_meeting(context.uow(), context.actor,
                                                              meeting_id),
            parent=parent)
        self.search.setPlaceholderText(_("Search by workgroup or venue…"))
        self.new_button.setToolTip(_("Start the record of a new meeting (Ctrl+N)"))
        self.workgroup_filter = QComboBox(self)
        self.workgroup_filter.setObjectName("meetingsWorkgroupFilter")
        self.workgroup_filter.setAccessibleName(_("Workgroup"))
        self.workgroup_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.workgroup_filter.setMinimumContentsLength(16)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("meetingsStatusFilter")
        self.status_filter.setAccessibleName(_("Status"))
        self.status_filter.addItem(_("All statuses"), None)
        for status, label in MEETING_STATUS_LABELS.items():
            self.status_filter.addItem(_(label), status.value)
        self.count = QLabel(self)
        self.count.setObjectName("meetingsCount")
        self._fill_workgroups()
        self.workgroup_filter.currentIndexChanged.connect(self._filter_workgroup)
        self.status_filter.currentIndexChanged.connect(self._filter_status)
        editor.default_workgroup = lambda: self.workgroup_filter.currentData()
        self._arrange()
        model.modelReset.connect(self._count)
        model.rowsInserted.connect(self._count)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)

    def _arrange(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.workgroup_filter, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.count)
        self.insert_filters(filters, self.workgroup_filter, self.status_filter)
        header = self.table.horizontalHeader()
        for number, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(number, width)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([450, 640])

    def _fill_workgroups(self) -> None:
        keep = self.workgroup_filter.currentData()
        with QSignalBlocker(self.workgroup_filter):
            self.workgroup_filter.clear()
            self.workgroup_filter.addItem(_("All workgroups"), None)
            for choice in workgroups.workgroup_choices(self.context.uow()):
                self.workgroup_filter.addItem(choice.label, choice.id)
            self.workgroup_filter.setCurrentIndex(
                max(0, self.workgroup_filter.findData(keep)) if keep else 0)

    def _filter_workgroup(self, _index: int) -> None:
        self.model.set_filter("workgroup_id", self.workgroup_filter.currentData())

    def _filter_status(self, _index: int) -> None:
        self.model.set_filter("status", self.status_filter.currentData())

    def _count(self, *_args: object) -> None:
        total = self.model.total
        self.count.setText(tr("{count} meetings", count=total))

    def _on_changed(self, what: Changed) -> None:
        if what & LOOKUPS:
            self._fill_workgroups()
            self.editor.reload_choices()  # type: ignore[attr-defined]
        if what & self.shows:
            self.refresh()
