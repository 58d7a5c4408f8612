"""The meeting editor beside the list: the head of the protocol, then attendance and agenda tabs.

It works on domain dataclasses only: a Meeting read through the services is split among the
widgets, and Save puts a new Meeting together from them for ``services.meetings.save_meeting``.
A failed save leaves every widget as the user left it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ...domain.access import Permission
from ...domain.entities import AgendaItem, Attendee, Meeting, new_id
from ...domain.enums import AttendeeKind, MeetingStatus
from ...domain.errors import ConcurrentEditError, DomainError, NotFoundError, ValidationError
from ...domain.messages import N_
from ...domain.minutes_life import MinutesStatus
from ...domain.revisions import revision
from ...i18n import _, error_text, tr
from ...services import meetings, minutes
from .. import theme
from ..access import may, read_only, withhold
from ..context import UiContext
from ..operations import Changed
from ..pages.base import RecordEditor
from ..widgets import concurrent_edit
from ..widgets.date_edit import format_date
from ..widgets.form import ErrorLabel
from .agenda_editor import AgendaEditor
from .attendance_table import AttendanceEditor
from .lookups import Lookups
from .meeting_header import HeaderForm

ATTENDANCE_TAB, AGENDA_TAB = 0, 1
MINUTES_LOCKS = {
    MinutesStatus.APPROVED: N_("Minutes approved — content locked"),
    MinutesStatus.SIGNED_BY_CHAIR: N_("Minutes signed by the chair — content locked"),
    MinutesStatus.SIGNED: N_("Minutes signed — content locked"),
}


class MeetingEditor(RecordEditor):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("meetingEditor")
        self.lookups = Lookups(context)
        # The page tells which workgroup a new meeting starts in (its filter), if any.
        self.default_workgroup: Callable[[], str | None] = lambda: None
        self._new_id = new_id()
        self.expected: str | None = None  # the revision opened (see load)
        self._number_auto = True
        self._status_auto = True
        self.heading = QLabel(self)
        self.heading.setObjectName("meetingHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.banner = ErrorLabel(self)
        self.banner.setObjectName("meetingBanner")
        self.header = HeaderForm(self.lookups, self)
        self.attendance = AttendanceEditor(self.lookups, self)
        self.agenda = AgendaEditor(self.lookups, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("meetingTabs")
        self.tabs.addTab(self.attendance, _("Attendance"))
        self.tabs.addTab(self.agenda, _("Agenda"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.heading)
        self.minutes_lock = QLabel(self)
        self.minutes_lock.setObjectName("meetingMinutesLock")
        self.minutes_lock.setStyleSheet(theme.warning_style() + " font-weight: bold;")
        self.minutes_lock.hide()
        layout.addWidget(self.minutes_lock)
        layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        # Shown instead of the form to a role that only reads, when no meeting is chosen.
        self.empty = QLabel(_("Select a meeting in the list."), self)
        self.empty.setObjectName("meetingEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)  # drawn in the muted text colour of the style
        self.empty.hide()
        layout.addWidget(self.empty, 1)
        buttons = self.buttons()
        self.actions_button = QPushButton(_("Make actions from decisions…"), self)
        self.actions_button.setObjectName("meetingMakeActions")
        self.actions_button.setToolTip(_("For a saved meeting that was held: one action "
                                         "per chosen decision"))
        self.actions_button.setEnabled(False)
        self.actions_button.clicked.connect(self._make_actions)
        self.may_make_actions = may(context, Permission.EDIT_ACTIONS)
        if not self.may_make_actions:
            withhold(self.actions_button)
        buttons.insertWidget(0, self.actions_button)
        self.minutes_button = QPushButton(_("Minutes…"), self)
        self.minutes_button.setObjectName("meetingMinutes")
        self.minutes_button.setToolTip(_("The protocol of a saved meeting that was held: "
                                         "preview, print, approve, sign (Ctrl+P)"))
        self.minutes_button.setEnabled(False)
        self.minutes_button.clicked.connect(self._open_minutes)
        buttons.insertWidget(1, self.minutes_button)
        QShortcut(QKeySequence("Ctrl+P"), self, self._open_minutes,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        context.notifier.changed.connect(self._minutes_changed)
        layout.addLayout(buttons)
        self.header.workgroup_chosen.connect(self._workgroup_chosen)
        self.header.date_changed.connect(self._date_changed)
        self.header.number_edited.connect(self._number_edited)
        self.header.status_chosen.connect(self._status_chosen)
        for part in (self.header, self.attendance, self.agenda):
            part.edited.connect(self.mark_dirty)
        # Filling the choices (every person and agency) is the costliest part of start-up:
        # do it right after the window is on screen, unless a load comes first.
        self._loaded_once = False
        QTimer.singleShot(0, self._first_load)

    def _first_load(self) -> None:
        if not self._loaded_once:
            self.load(None)

    def set_read_only(self) -> None:
        """A role that may not change meetings sees them with every field locked."""
        super().set_read_only()
        for model in (self.attendance.model, self.agenda.panel.speeches.model,
                      self.agenda.panel.decisions.model):
            model.read_only = True  # the Present check boxes and Delete on a date
        self.agenda.read_only = True  # Alt+Up / Alt+Down
        for part in (self.header, self.attendance, self.agenda):
            read_only(part)
        self._show_form(self.record_id is not None)

    # -- reading -------------------------------------------------------------------------
    def load(self, record_id: str | None) -> None:
        """Show the meeting ``record_id``, or a new one (of the default workgroup, today)."""
        self._loaded_once = True
        self.lookups.ensure()
        self.header.set_choices()
        meeting: Meeting | None = None
        if record_id is not None:
            try:
                meeting = meetings.get_meeting(self.context.uow(), record_id)
            except NotFoundError:
                record_id = None
        self.record_id = record_id
        # The revision as opened (None: new): the save is refused if it moved on since.
        self.expected = None if meeting is None else revision(meeting)
        self._new_id = new_id()
        self._number_auto = self._status_auto = meeting is None
        workgroup_id = None if meeting else self.default_workgroup()
        self.header.fill(meeting, workgroup_id=workgroup_id)
        self.attendance.set_attendees(meeting.attendees if meeting else [])
        self.agenda.set_items(meeting.items if meeting else [])
        self.banner.show_text("")
        self._show_form(meeting is not None or not self.read_only)
        if meeting is None and not self.read_only:
            self._propose_status()
            if self.header.workgroup.value():
                self._draft(self.header.workgroup.value() or "")
        self._title(meeting)
        held = meeting is not None and meeting.status == MeetingStatus.HELD
        self.actions_button.setEnabled(held and self.may_make_actions)
        self.minutes_button.setEnabled(held)
        self._show_minutes_lock()
        self.dirty = False

    def reload_choices(self) -> None:
        """The directory or the workgroups changed: offer the new names, keep the edits."""
        self.lookups.load()
        self.header.set_choices()
        self.attendance.model.refresh()

    def _show_form(self, shown: bool) -> None:
        """The form, or (read-only, nothing chosen) a line saying what to do."""
        for part in (self.heading, self.header, self.tabs, self.minutes_button):
            part.setVisible(shown)
        self.actions_button.setVisible(shown and self.may_make_actions)
        self.empty.setVisible(not shown)

    def _title(self, meeting: Meeting | None) -> None:
        if meeting is None:
            self.heading.setText(_("New meeting"))
        else:
            self.heading.setText(tr("Meeting No. {number}/{year} of {date}",
                                    number=meeting.number, year=meeting.year,
                                    date=format_date(meeting.held_on)))

    def _make_actions(self) -> None:
        from ..actions.from_decisions import FromDecisionsDialog

        if self.record_id is not None and self.may_make_actions:
            FromDecisionsDialog(self.context, self.record_id, self).open()

    def _open_minutes(self) -> None:
        """The minutes are made from the stored meeting: unsaved edits are saved first."""
        from ..minutes.minutes_window import open_minutes_window

        if not self.minutes_button.isEnabled() or self.record_id is None:
            return
        if self.dirty and not self.save():
            return
        open_minutes_window(self.context, self.record_id, self.window())

    def _show_minutes_lock(self) -> None:
        status = None if self.record_id is None else \
            minutes.status_of(self.context.uow(), self.record_id)
        text = MINUTES_LOCKS.get(status) if status is not None else None
        self.minutes_lock.setText(_(text) if text else "")
        self.minutes_lock.setVisible(bool(text))

    def _minutes_changed(self, what: Changed) -> None:
        if what & Changed.MEETINGS and self._loaded_once:
            self._show_minutes_lock()

    # -- a new meeting takes its workgroup's people and next number ------------------------
    def _workgroup_chosen(self, workgroup_id: str) -> None:
        if self.record_id is None:
            self._draft(workgroup_id)

    def _draft(self, workgroup_id: str) -> None:
        draft = meetings.draft_meeting(self.context.uow(), workgroup_id, self.header.held_date())
        guests = [a for a in self.attendance.attendees() if a.kind == AttendeeKind.INVITED]
        self.header.set_people(draft.chair_id, draft.secretary_id)
        self.attendance.set_attendees(draft.attendees + guests)
        if self._number_auto and draft.number is not None:
            self.header.set_number(draft.number)

    def _date_changed(self, held_on: date) -> None:
        self._propose_status()
        workgroup_id = self.header.workgroup.value()
        if self.record_id is None and self._number_auto and workgroup_id:
            self.header.set_number(meetings.next_number(self.context.uow(), workgroup_id,
                                                        held_on.year))

    def _number_edited(self) -> None:
        self._number_auto = False

    def _status_chosen(self) -> None:
        self._status_auto = False

    def _propose_status(self) -> None:
        """Until the user picks one: a meeting today or before was held, a later one is planned."""
        if self._status_auto:
            held = self.header.held_date() <= date.today()
            self.header.set_status(MeetingStatus.HELD if held else MeetingStatus.PLANNED)

    # -- writing -------------------------------------------------------------------------
    def collect(self) -> Meeting:
        """A new Meeting from the widgets; the widgets keep their own records untouched."""
        if not self.header.workgroup.value():
            raise ValidationError(N_("Choose the workgroup of the meeting."),
                                  field="workgroup_id")
        meeting = Meeting(workgroup_id="", held_on=self.header.held_date(),
                          id=self.record_id or self._new_id)
        self.header.write(meeting)
        attendees: list[Attendee] = copy.deepcopy(self.attendance.attendees())
        items: list[AgendaItem] = copy.deepcopy(self.agenda.items)
        meeting.attendees, meeting.items = attendees, items
        return meeting

    def save(self) -> bool:
        if self.read_only:
            return False
        self.clear_errors()
        try:
            meeting = meetings.save_meeting(self.context.uow(), self.context.actor,
                                            self.collect(), self.expected)
        except ConcurrentEditError as error:
            return self._resolve(error)
        except DomainError as error:
            self.show_error(error)
            return False
        item, tab = self.agenda.current_index(), self.tabs.currentIndex()
        self.load(meeting.id)
        self.agenda.select(item)
        self.tabs.setCurrentIndex(tab)
        self.saved.emit(meeting.id)
        return True

    def _resolve(self, error: ConcurrentEditError) -> bool:
        """Someone else saved this meeting since it was opened: the user decides."""
        choice = concurrent_edit.ask(self, error)
        if choice is concurrent_edit.Choice.OVERWRITE:
            self.expected = error.revision
            return self.save()
        if choice is concurrent_edit.Choice.RELOAD:
            self.load(self.record_id)
        else:
            self.show_error(error)
        return False

    # -- errors --------------------------------------------------------------------------
    def clear_errors(self) -> None:
        self.banner.show_text("")
        self.header.clear_errors()
        self.attendance.show_error("")
        self.agenda.clear_error()

    def show_error(self, error: DomainError) -> None:
        """Beside the field at fault when there is one, else in the banner above the form."""
        self.clear_errors()
        text = error_text(error)
        if self.header.has_field(error.field):
            self.header.show_error(error)
        elif error.field == "attendees":
            self.tabs.setCurrentIndex(ATTENDANCE_TAB)
            self.attendance.show_error(text)
        elif error.field == "items":
            self.tabs.setCurrentIndex(AGENDA_TAB)
            self.agenda.show_error(text, *_item_position(error))
        else:
            self.banner.show_text(text)

    def error_text(self, field: str | None = None) -> str:
        """What is shown now for ``field`` (None: the banner); for tests and screen readers."""
        if field is None:
            return self.banner.text() if not self.banner.isHidden() else ""
        if field == "attendees":
            label = self.attendance.error
        elif field == "items":
            label = self.agenda.error
        else:
            return self.header.error_text(field)
        return label.text() if not label.isHidden() else ""


def _item_position(error: DomainError) -> tuple[int | None, int | None]:
    """The agenda item (and decision) an error is about: ``position``, or "2.1" as (2, 1)."""
    position = error.params.get("position")
    if isinstance(position, int):
        return position, None
    item, _dot, decision = str(error.params.get("number", "")).partition(".")
    if item.isdigit() and decision.isdigit():
        return int(item), int(decision)
    return None, None
