"""The workgroup editor: name, region, legal basis, date of establishment, its officers and the
members with their roles and periods."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ...domain.entities import Workgroup
from ...domain.enums import MemberRole
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _
from ...services import directory, workgroups
from ..context import UiContext
from ..widgets.choice_combo import ChoiceCombo
from ..widgets.date_edit import DateEdit
from .form_editor import EditorForm, FormEditor
from .members_table import MembersTable


class WorkgroupEditor(FormEditor):
    new_heading = N_("New workgroup")
    empty_text = N_("Select a workgroup in the list, or press New workgroup to set one up.")
    read_only_empty_text = N_("Select a workgroup in the list.")

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("workgroupEditor")
        self._choices_loaded = False

    def build_form(self, form: EditorForm) -> None:
        self.name = QLineEdit(self)
        self.name.setObjectName("workgroupName")
        self.name.setPlaceholderText(_("e.g. Interagency workgroup on drug crime"))
        self.region = QLineEdit(self)
        self.region.setObjectName("workgroupRegion")
        self.legal_basis = QPlainTextEdit(self)
        self.legal_basis.setObjectName("workgroupLegalBasis")
        self.legal_basis.setPlaceholderText(_("order of the regional prosecutor No. … of …"))
        self.legal_basis.setTabChangesFocus(True)
        lines = self.legal_basis.fontMetrics().lineSpacing()
        self.legal_basis.setFixedHeight(lines * 3 + 14)
        self.established_on = DateEdit(self, field="established_on", label=N_("Established on"))
        self.established_on.setObjectName("workgroupEstablished")
        self.chair = ChoiceCombo(self, empty=N_("not appointed"))
        self.chair.setObjectName("workgroupChair")
        self.deputy_chair = ChoiceCombo(self, empty=N_("not appointed"))
        self.deputy_chair.setObjectName("workgroupDeputyChair")
        self.secretary = ChoiceCombo(self, empty=N_("not appointed"))
        self.secretary.setObjectName("workgroupSecretary")
        self.members = MembersTable(self)
        form.add_row(N_("Name"), self.name, "name")
        form.add_row(N_("Region"), self.region, "region")
        form.add_row(N_("Legal basis"), self.legal_basis, "legal_basis")
        form.add_row(N_("Established on"), self.established_on, "established_on")
        form.add_row(N_("Chair"), self.chair, "chair_id")
        form.add_row(N_("Deputy chair"), self.deputy_chair, "deputy_chair_id")
        form.add_row(N_("Secretary"), self.secretary, "secretary_id")
        self.members_panel = form.side_field(N_("Membership"), self.members, "members")
        for edit in (self.name, self.region):
            edit.textEdited.connect(self.mark_dirty)
        self.legal_basis.textChanged.connect(self._text_changed)
        self.established_on.edited.connect(self.mark_dirty)
        self.members.edited.connect(self.mark_dirty)
        for combo, role in ((self.chair, MemberRole.CHAIR),
                            (self.deputy_chair, MemberRole.DEPUTY_CHAIR),
                            (self.secretary, MemberRole.SECRETARY)):
            combo.chosen.connect(lambda person_id, role=role: self._officer_chosen(person_id,
                                                                                   role))
        self.setFocusProxy(self.name)
        self._filling = False

    def side_panel(self) -> QWidget:
        return self.members_panel

    def reload_choices(self) -> None:
        """Read the people again (after the directory changed)."""
        people = directory.person_choices(self.context.uow())
        for combo in (self.chair, self.deputy_chair, self.secretary):
            combo.set_choices(people)
        self.members.set_people(people)
        self._choices_loaded = True

    def _text_changed(self) -> None:
        if not self._filling:
            self.mark_dirty()

    def _officer_chosen(self, person_id: str | None, role: MemberRole) -> None:
        """An officer who is not yet a member joins the members with that role."""
        self.mark_dirty()
        if person_id:
            self.members.ensure_member(person_id, role, self._established_or_none())

    def _established_or_none(self) -> date | None:
        try:
            return self.established_on.value()
        except DomainError:  # an unfinished date is reported on save, not here
            return None

    def fetch(self, record_id: str) -> Workgroup:
        return workgroups.get_workgroup(self.context.uow(), record_id)

    def fill(self, record: Workgroup | None) -> None:
        if not self._choices_loaded:
            self.reload_choices()
        group = record or Workgroup(name="")
        self._filling = True
        try:
            self.name.setText(group.name)
            self.region.setText(group.region)
            self.legal_basis.setPlainText(group.legal_basis)
            self.established_on.set_value(group.established_on)
            self.chair.set_value(group.chair_id)
            self.deputy_chair.set_value(group.deputy_chair_id)
            self.secretary.set_value(group.secretary_id)
            self.members.set_members(list(group.members))
        finally:
            self._filling = False
        self.name.setCursorPosition(0)

    def collect(self, record_id: str) -> Workgroup:
        return Workgroup(
            name=self.name.text(), region=self.region.text(),
            legal_basis=self.legal_basis.toPlainText(),
            established_on=self.established_on.value(), chair_id=self.chair.value(),
            deputy_chair_id=self.deputy_chair.value(), secretary_id=self.secretary.value(),
            members=self.members.members(), id=record_id)

    def write(self, record: Workgroup) -> Workgroup:
        return workgroups.save_workgroup(self.context.uow(), self.context.actor, record,
                                         self.expected)

    def heading_for(self, record: Workgroup) -> str:
        return record.name
