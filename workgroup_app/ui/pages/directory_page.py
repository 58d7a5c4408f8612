"""Directory: the agencies of the region and their people, each a list with its editor."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Permission
from ...domain.enums import AGENCY_KIND_LABELS, AgencyKind
from ...domain.messages import N_
from ...domain.views import ListQuery
from ...i18n import _
from ...services import directory
from ..context import UiContext
from ..editors.agency_editor import AgencyEditor
from ..editors.person_editor import PersonEditor
from ..models.paged import Column, PagedTableModel
from ..operations import Changed
from ..widgets.list_tools import CountLabel, arrange_columns
from .base import ListDetailPage, Page

DIRECTORY = Changed.AGENCIES | Changed.PEOPLE

AGENCY_COLUMNS = [
    Column(N_("Name"), lambda r: r.name, sort="name"),
    Column(N_("Abbreviation"), lambda r: r.short_name, sort="short_name"),
    Column(N_("Kind"), lambda r: _(AGENCY_KIND_LABELS[r.kind]), sort="kind"),
    Column(N_("Region"), lambda r: r.region, sort="region"),
    Column(N_("Officials"), lambda r: r.people, sort="people", align_right=True),
]
PEOPLE_COLUMNS = [
    Column(N_("Full name"), lambda r: r.full_name, sort="full_name"),
    Column(N_("Position"), lambda r: r.position, sort="position"),
    Column(N_("Agency"), lambda r: r.agency_name, sort="agency"),
]


class DirectoryTab(ListDetailPage):
    """A list of the directory with a filter combo and a count above the table."""

    widths: tuple[int, ...] = ()
    edit_permission = Permission.EDIT_DIRECTORY

    def _arrange(self, filter_combo: QComboBox) -> None:
        filter_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        filter_combo.setMinimumContentsLength(24)
        self.count = CountLabel(self.model, self)
        self.count.setObjectName(f"{self.key}Count")
        row = QHBoxLayout()
        row.addWidget(filter_combo)
        row.addStretch(1)
        row.addWidget(self.count)
        self.insert_filters(row, filter_combo)
        arrange_columns(self.table, self.widths)
        self.splitter.setSizes([700, 400])


class AgenciesTab(DirectoryTab):
    key = "agencies"
    title = N_("Agencies")
    shows = DIRECTORY
    table_name = "agenciesTable"
    new_label = N_("New agency")
    delete_question = N_("Delete the selected agency?")
    widths = (110, 130, 120, 60)  # after the name, which takes the rest

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        model = PagedTableModel(AGENCY_COLUMNS,
                                lambda query: directory.list_agencies(context.uow(), query),
                                query=ListQuery(sort="name"))
        super().__init__(context, model, AgencyEditor(context), delete=lambda agency_id:
                         directory.delete_agency(context.uow(), context.actor, agency_id),
                         parent=parent)
        self.search.setPlaceholderText(_("Search agencies by name…"))
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("agenciesKindFilter")
        self.kind_filter.setAccessibleName(_("Kind"))
        self.kind_filter.addItem(_("All kinds"), None)
        for kind, label in AGENCY_KIND_LABELS.items():
            self.kind_filter.addItem(_(label), kind.value)
        self.kind_filter.currentIndexChanged.connect(self._filter_kind)
        self._arrange(self.kind_filter)

    def _filter_kind(self, _index: int) -> None:
        kind = self.kind_filter.currentData()
        self.model.set_filter("kind", kind)
        if isinstance(self.editor, AgencyEditor):
            self.editor.default_kind = AgencyKind(kind) if kind else AgencyKind.OTHER


class PeopleTab(DirectoryTab):
    key = "people"
    title = N_("Officials")
    shows = DIRECTORY
    table_name = "peopleTable"
    new_label = N_("New person")
    delete_question = N_("Delete the selected person?")
    widths = (220, 170)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        model = PagedTableModel(PEOPLE_COLUMNS,
                                lambda query: directory.list_people(context.uow(), query),
                                query=ListQuery(sort="full_name"))
        editor = PersonEditor(context)
        super().__init__(context, model, editor, delete=lambda person_id:
                         directory.delete_person(context.uow(), context.actor, person_id),
                         parent=parent)
        self.person_editor = editor
        self.search.setPlaceholderText(_("Search people by name…"))
        self.agency_filter = QComboBox(self)
        self.agency_filter.setObjectName("peopleAgencyFilter")
        self.agency_filter.setAccessibleName(_("Agency"))
        self._fill_agencies()
        self.agency_filter.currentIndexChanged.connect(self._filter_agency)
        self._arrange(self.agency_filter)

    def _fill_agencies(self) -> None:
        keep = self.agency_filter.currentData()
        with QSignalBlocker(self.agency_filter):
            self.agency_filter.clear()
            self.agency_filter.addItem(_("All agencies"), None)
            for choice in directory.agency_choices(self.context.uow()):
                self.agency_filter.addItem(choice.label, choice.id)
            index = self.agency_filter.findData(keep) if keep else 0
            self.agency_filter.setCurrentIndex(max(0, index))
        if keep and index < 0:
            self._filter_agency(0)

    def show_agency(self, agency_id: str | None) -> None:
        """Show the people of one agency (or all)."""
        if agency_id and self.agency_filter.findData(agency_id) < 0:
            self._fill_agencies()  # made elsewhere (the CLI, an exchange) since the last fill
        self.agency_filter.setCurrentIndex(max(0, self.agency_filter.findData(agency_id)))

    def _filter_agency(self, _index: int) -> None:
        agency_id = self.agency_filter.currentData()
        self.person_editor.default_agency = agency_id
        self.model.set_filter("agency_id", agency_id)

    def _on_changed(self, what: Changed) -> None:
        if what & Changed.AGENCIES:
            self._fill_agencies()
            self.person_editor.reload_choices()
        super()._on_changed(what)


class DirectoryPage(Page):
    key = "directory"
    title = N_("Directory")

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.agencies = AgenciesTab(context)
        self.people = PeopleTab(context)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("directoryTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.agencies, _("Agencies"))
        self.tabs.addTab(self.people, _("Officials"))
        self.tabs.currentChanged.connect(lambda _index: self.activated())
        agency_editor = self.agencies.editor
        if isinstance(agency_editor, AgencyEditor):
            agency_editor.show_people.connect(self.show_people_of)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def activated(self) -> None:
        current = self.tabs.currentWidget()
        if isinstance(current, ListDetailPage):
            current.activated()

    def refresh(self) -> None:
        self.agencies.refresh()
        self.people.refresh()

    def show_people_of(self, agency_id: str) -> None:
        self.people.show_agency(agency_id)
        self.tabs.setCurrentWidget(self.people)
