"""Workgroups: the list of the office's workgroups and the editor of the selected one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ...domain.access import Permission
from ...domain.messages import N_
from ...domain.views import ListQuery
from ...i18n import _
from ...services import workgroups
from ..context import UiContext
from ..editors.workgroup_editor import WorkgroupEditor
from ..models.paged import Column, PagedTableModel
from ..operations import Changed
from ..widgets.date_edit import format_date
from ..widgets.list_tools import CountLabel, arrange_columns, keep_sort_indicator_honest
from .base import ListDetailPage


def initials(full_name: str) -> str:
    """"Иванов Иван Иванович" → "Иванов И. И.", as official lists write a person."""
    surname, *rest = full_name.split() or [""]
    return " ".join([surname, *(f"{part[0]}." for part in rest[:2])])


WORKGROUP_COLUMNS = [
    Column(N_("Name"), lambda r: r.name, sort="name"),
    Column(N_("Region"), lambda r: r.region, sort="region"),
    Column(N_("Established"), lambda r: format_date(r.established_on), sort="established_on"),
    Column(N_("Chair"), lambda r: initials(r.chair_name)),
    Column(N_("Members"), lambda r: r.members, align_right=True),
    Column(N_("Meetings"), lambda r: r.meetings, sort="meetings", align_right=True),
]
COLUMN_WIDTHS = (180, 100, 180, 80, 80)  # after the name, which takes the rest


class WorkgroupsPage(ListDetailPage):
    key = "workgroups"
    title = N_("Workgroups")
    shows = Changed.WORKGROUPS | Changed.MEETINGS  # the counts of meetings
    table_name = "workgroupsTable"
    edit_permission = Permission.EDIT_DIRECTORY
    new_label = N_("New workgroup")
    delete_question = N_("Delete the selected workgroup with its membership?")

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        model = PagedTableModel(WORKGROUP_COLUMNS,
                                lambda query: workgroups.list_workgroups(context.uow(), query),
                                query=ListQuery(sort="name"))
        editor = WorkgroupEditor(context)
        super().__init__(
            context, model, editor,
            delete=lambda group_id: workgroups.delete_workgroup(context.uow(), context.actor,
                                                                group_id),
            parent=parent)
        self.workgroup_editor = editor
        self.search.setPlaceholderText(_("Search workgroups by name…"))
        self.count = CountLabel(model, self)
        self.count.setObjectName("workgroupsCount")
        self.toolbar.insertWidget(1, self.count)
        arrange_columns(self.table, COLUMN_WIDTHS)
        keep_sort_indicator_honest(self.table, model)
        # Few workgroups, each with a long record: the list on top, the editor full width below.
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setSizes([200, 550])

    def _on_changed(self, what: Changed) -> None:
        if what & (Changed.PEOPLE | Changed.AGENCIES):
            self.workgroup_editor.reload_choices()
        if what & (self.shows | Changed.PEOPLE):  # the chair's name may have changed
            self.refresh()
