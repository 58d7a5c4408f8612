"""The attendance of a meeting: members present or absent (with substitutes) and invited guests."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain.entities import Attendee
from ...domain.enums import ATTENDEE_KIND_LABELS, AttendeeKind
from ...domain.messages import N_
from ...i18n import _, tr
from ..widgets.form import ErrorLabel
from .lookups import Lookups
from .record_model import Editor, RecordColumn, RecordModel
from .record_table import RecordTable


def _put_person(attendee: Attendee, value: Any) -> None:
    person_id, name = value if isinstance(value, tuple) else (value, "")
    attendee.person_id = person_id or None
    attendee.guest_name = "" if person_id else (name or "").strip()


def _is_guest(attendee: Attendee) -> bool:
    return attendee.person_id is None


def attendance_columns(lookups: Lookups) -> list[RecordColumn]:
    def name(a: Attendee) -> str:
        return lookups.person_name(a.person_id) if a.person_id else a.guest_name

    def position(a: Attendee) -> str:
        return lookups.person_info(a.person_id).position if a.person_id else a.guest_position

    def organisation(a: Attendee) -> str:
        return lookups.person_info(a.person_id).agency if a.person_id else a.guest_organisation

    def set_position(a: Attendee, v: Any) -> None:
        a.guest_position = str(v or "")

    def set_organisation(a: Attendee, v: Any) -> None:
        a.guest_organisation = str(v or "")

    def set_present(a: Attendee, v: Any) -> None:
        a.present = bool(v)

    def set_substitute(a: Attendee, v: Any) -> None:
        a.substitute_id = v or None

    def set_note(a: Attendee, v: Any) -> None:
        a.note = str(v or "")

    return [
        RecordColumn(N_("Person or guest"), name, Editor.PERSON_OR_NAME,
                     get=lambda a: (a.person_id, a.guest_name), put=_put_person, width=230,
                     tip=N_("Choose a person of the directory or type a guest's name")),
        RecordColumn(N_("Role"), lambda a: _(ATTENDEE_KIND_LABELS[a.kind]), width=90),
        RecordColumn(N_("Present"), lambda a: "", Editor.CHECK, get=lambda a: a.present,
                     put=set_present, width=90),
        RecordColumn(N_("Substitute"), lambda a: lookups.person_name(a.substitute_id),
                     Editor.PERSON, get=lambda a: a.substitute_id, put=set_substitute,
                     width=150, tip=N_("Who attended instead of an absent member")),
        RecordColumn(N_("Position"), position, Editor.TEXT, get=position, put=set_position,
                     editable=_is_guest, width=180),
        RecordColumn(N_("Agency"), organisation, Editor.TEXT, get=organisation,
                     put=set_organisation, editable=_is_guest, width=150),
        RecordColumn(N_("Note"), lambda a: a.note, Editor.TEXT, get=lambda a: a.note,
                     put=set_note, width=150),
    ]


class AttendanceEditor(QWidget):
    """Who was there. Prefilled from the workgroup's members; guests can be typed in."""

    edited = Signal()

    def __init__(self, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lookups = lookups
        self.model = RecordModel(attendance_columns(lookups), self)
        self.model.edited.connect(self._changed)
        self.table = RecordTable(self.model, lookups, "attendanceTable", self, wrap=False)
        self.table.view.setAccessibleName(_("Attendance"))
        self.table.set_widths()
        self.add_member_button = self.table.add_button(
            N_("Add member"), "attendanceAddMember", self.add_member,
            N_("Add a line for a member of the workgroup"))
        self.add_guest_button = self.table.add_button(
            N_("Add invited guest"), "attendanceAddGuest", self.add_guest,
            N_("Add an invited person: choose from the directory or type the name"))
        self.remove_button = self.table.add_button(
            N_("Remove"), "attendanceRemove", self.remove_selected,
            N_("Remove the selected line"))
        self.table.bar.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setObjectName("attendanceSummary")
        self.error = ErrorLabel(self)
        self.error.setObjectName("error_attendees")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)

    def set_attendees(self, attendees: list[Attendee]) -> None:
        self.lookups.prefetch(a.person_id for a in attendees)
        self.model.set_records(attendees)
        self.error.show_text("")
        self._summarise()

    def attendees(self) -> list[Attendee]:
        return self.model.records

    def add_member(self) -> int:
        return self._add(Attendee(kind=AttendeeKind.MEMBER))

    def add_guest(self) -> int:
        return self._add(Attendee(kind=AttendeeKind.INVITED))

    def _add(self, attendee: Attendee) -> int:
        row = self.model.append(attendee)
        self.table.select_row(row)
        self.table.view.setCurrentIndex(self.model.index(row, 0))
        self.table.view.edit(self.model.index(row, 0))
        return row

    def remove_selected(self) -> None:
        self.model.remove(self.table.current_row())

    def show_error(self, text: str) -> None:
        self.error.show_text(text)

    def _changed(self) -> None:
        self._summarise()
        self.edited.emit()

    def _summarise(self) -> None:
        records = self.model.records
        members = [a for a in records if a.kind == AttendeeKind.MEMBER]
        present = sum(1 for a in members if a.present)
        guests = sum(1 for a in records if a.kind == AttendeeKind.INVITED)
        self.summary.setText("   ·   ".join((
            tr("Present: {count}", count=present),
            tr("Absent: {count}", count=len(members) - present),
            tr("Invited: {count}", count=guests))))
