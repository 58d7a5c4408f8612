"""The person editor: full name, position, agency and contacts."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from ...domain.entities import Person
from ...domain.messages import N_
from ...i18n import _
from ...services import directory
from ..context import UiContext
from ..widgets.choice_combo import ChoiceCombo
from .form_editor import EditorForm, FormEditor


class PersonEditor(FormEditor):
    new_heading = N_("New person")
    empty_text = N_("Select a person in the list, or press New person to add one.")
    read_only_empty_text = N_("Select a person in the list.")

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("personEditor")
        # The page tells which agency a new person starts in (its filter), if any.
        self.default_agency: str | None = None
        self._choices_loaded = False

    def build_form(self, form: EditorForm) -> None:
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("personFullName")
        self.full_name.setPlaceholderText(_("surname, first name and patronymic"))
        self.position = QLineEdit(self)
        self.position.setObjectName("personPosition")
        self.agency = ChoiceCombo(self, empty=N_("no agency"))
        self.agency.setObjectName("personAgency")
        self.phone = QLineEdit(self)
        self.phone.setObjectName("personPhone")
        self.email = QLineEdit(self)
        self.email.setObjectName("personEmail")
        form.add_row(N_("Full name"), self.full_name, "full_name")
        form.add_row(N_("Position"), self.position, "position")
        form.add_row(N_("Agency"), self.agency, "agency_id")
        form.add_row(N_("Phone"), self.phone, "phone")
        form.add_row(N_("E-mail"), self.email, "email")
        for edit in (self.full_name, self.position, self.phone, self.email):
            edit.textEdited.connect(self.mark_dirty)
        self.agency.chosen.connect(self.mark_dirty)
        self.setFocusProxy(self.full_name)

    def reload_choices(self) -> None:
        """Read the agencies again (after the directory changed)."""
        self.agency.set_choices(directory.agency_choices(self.context.uow()))
        self._choices_loaded = True

    def fetch(self, record_id: str) -> Person:
        return directory.get_person(self.context.uow(), record_id)

    def fill(self, record: Person | None) -> None:
        if not self._choices_loaded:
            self.reload_choices()
        person = record or Person(full_name="", agency_id=self.default_agency)
        self.full_name.setText(person.full_name)
        self.position.setText(person.position)
        self.agency.set_value(person.agency_id)
        self.phone.setText(person.phone)
        self.email.setText(person.email)
        self.full_name.setCursorPosition(0)
        self.position.setCursorPosition(0)

    def collect(self, record_id: str) -> Person:
        return Person(full_name=self.full_name.text(), position=self.position.text(),
                      agency_id=self.agency.value(), phone=self.phone.text(),
                      email=self.email.text(), id=record_id)

    def write(self, record: Person) -> Person:
        return directory.save_person(self.context.uow(), self.context.actor, record,
                                     self.expected)

    def heading_for(self, record: Person) -> str:
        return record.full_name
