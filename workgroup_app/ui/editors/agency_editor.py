"""The agency editor: name, short name, kind and region."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ...domain.entities import Agency
from ...domain.enums import AGENCY_KIND_LABELS, AgencyKind
from ...domain.messages import N_
from ...domain.views import ListQuery
from ...i18n import _, tr
from ...services import directory
from ..context import UiContext
from .form_editor import EditorForm, FormEditor


class AgencyEditor(FormEditor):
    new_heading = N_("New agency")
    empty_text = N_("Select an agency in the list, or press New agency to add one.")
    read_only_empty_text = N_("Select an agency in the list.")
    show_people = Signal(str)  # the agency whose people the user asked to see

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("agencyEditor")

    def build_form(self, form: EditorForm) -> None:
        self.name = QLineEdit(self)
        self.name.setObjectName("agencyName")
        self.name.setPlaceholderText(_("e.g. Prosecutor's Office of the Minsk Region"))
        self.short_name = QLineEdit(self)
        self.short_name.setObjectName("agencyShortName")
        self.short_name.setPlaceholderText(_("as used in lists and minutes"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("agencyKind")
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(12)
        for kind, label in AGENCY_KIND_LABELS.items():
            self.kind.addItem(_(label), kind.value)
        self.region = QLineEdit(self)
        self.region.setObjectName("agencyRegion")
        form.add_row(N_("Name"), self.name, "name")
        form.add_row(N_("Short name"), self.short_name, "short_name")
        form.add_row(N_("Kind"), self.kind, "kind")
        form.add_row(N_("Region"), self.region, "region")
        self.people = QLabel(self)
        self.people.setObjectName("agencyPeople")
        self.people.linkActivated.connect(self._people_link)
        form.add_row(N_("Officials"), self.people)
        for edit in (self.name, self.short_name, self.region):
            edit.textEdited.connect(self.mark_dirty)
        self.kind.activated.connect(self.mark_dirty)
        self.setFocusProxy(self.name)
        self.default_kind = AgencyKind.OTHER

    def fetch(self, record_id: str) -> Agency:
        return directory.get_agency(self.context.uow(), record_id)

    def fill(self, record: Agency | None) -> None:
        agency = record or Agency(name="", kind=self.default_kind)
        self.name.setText(agency.name)
        self.short_name.setText(agency.short_name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(agency.kind.value)))
        self.region.setText(agency.region)
        self.name.setCursorPosition(0)
        self._count_people(record)

    def _count_people(self, record: Agency | None) -> None:
        total = 0
        if record is not None:
            query = ListQuery(limit=1, filters={"agency_id": record.id})
            total = directory.list_people(self.context.uow(), query).total
        self.people_count = total
        if total:
            link = escape(tr("{count} — show them", count=total))
            self.people.setText(f'<a href="people">{link}</a>')
        else:
            self.people.setText(escape(_("none yet")))

    def _people_link(self, _link: str) -> None:
        if self.record_id is not None:
            self.show_people.emit(self.record_id)

    def collect(self, record_id: str) -> Agency:
        return Agency(name=self.name.text(), short_name=self.short_name.text(),
                      kind=AgencyKind(self.kind.currentData()), region=self.region.text(),
                      id=record_id)

    def write(self, record: Agency) -> Agency:
        return directory.save_agency(self.context.uow(), self.context.actor, record,
                                     self.expected)

    def heading_for(self, record: Agency) -> str:
        return record.name

