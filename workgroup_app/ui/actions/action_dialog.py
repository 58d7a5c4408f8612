"""A new action entered directly, or the assignment of an existing one edited (text, official,
controller, co-executors, workgroup, recurrence: the deadline and the agency change only
through events)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget

from ...domain.actions import RECURRENCE_LABELS, Action, Recurrence
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _
from ...services import actions
from ..context import UiContext
from ..meetings.lookups import Lookups
from ..widgets.choice_combo import ChoiceCombo
from ..widgets.date_edit import DateEdit
from .agency_checklist import AgencyChecklist
from .deadline_row import DeadlineEditor, preview_text
from .form_dialog import FormDialog


class ActionDialog(FormDialog):
    """``saved_id`` is the id of the action created or changed once OK succeeded."""

    def __init__(self, context: UiContext, lookups: Lookups, action_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        editing = action_id is not None
        super().__init__(context, _("Edit the action") if editing else _("New action"),
                         _("Save") if editing else _("Create the action"), parent)
        self.setObjectName("actionDialog")
        self.stored: Action | None = None
        self.saved_id: str | None = None
        form = self.form
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(_("What is to be done"))
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.text.setMaximumHeight(self.fontMetrics().lineSpacing() * 7 + 12)
        form.add_row(N_("Text"), self.text, "text")
        self.agency = ChoiceCombo(self, empty=N_("— no agency —"))
        form.add_row(N_("Responsible agency"), self.agency, "agency_id")
        self.official = ChoiceCombo(self, empty=N_("— nobody —"))
        form.add_row(N_("Official"), self.official, "official_id")
        self.co_agencies = AgencyChecklist(self)
        form.add_row(N_("Co-executors"), self.co_agencies, "co_agency_ids")
        self.controller = ChoiceCombo(self, empty=N_("— nobody —"))
        form.add_row(N_("Controller"), self.controller, "controller_id")
        self.workgroup = ChoiceCombo(self, empty=N_("— no workgroup —"))
        form.add_row(N_("Workgroup"), self.workgroup, "workgroup_id")
        self.assigned = DateEdit(self, field="assigned_on", label=N_("Assigned on"))
        self.assigned.set_value(date.today())
        form.add_row(N_("Assigned on"), self.assigned, "assigned_on")
        self.deadline = DeadlineEditor(self)
        form.add_row(N_("Deadline"), self.deadline, "deadline")
        form.alias("days", "deadline")
        self.preview = QLabel(self)
        self.preview.setObjectName("deadlinePreview")
        form.layout_.addRow("", self.preview)
        self.recurrence = QComboBox(self)
        self.recurrence.setObjectName("recurrence")
        for value, label in RECURRENCE_LABELS.items():
            self.recurrence.addItem(_(label), value.value)
        form.add_row(N_("Recurrence"), self.recurrence, "recurrence")
        self.until = DateEdit(self, field="recur_until", label=N_("Recurs until"))
        form.add_row(N_("Recurs until"), self.until, "recur_until")
        self.finish_layout()
        self._fill_choices(lookups)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.update_preview)
        self.deadline.changed.connect(self._timer.start)
        self.assigned.edited.connect(self._timer.start)
        self.recurrence.currentIndexChanged.connect(self._recurrence_changed)
        if action_id is not None:
            self._load(action_id)
        self._recurrence_changed()
        self.update_preview()
        self.resize(600, self.sizeHint().height())

    def _fill_choices(self, lookups: Lookups) -> None:
        lookups.ensure()
        self.agency.set_choices(lookups.agencies)
        self.official.set_choices(lookups.people)
        self.controller.set_choices(lookups.people)
        self.workgroup.set_choices(lookups.workgroups)
        self.co_agencies.set_choices(lookups.agencies)

    def _load(self, action_id: str) -> None:
        detail = actions.get_action(self.context.uow(), action_id)
        action = self.stored = detail.action
        self.expected = actions.action_revision(action)
        self.text.setPlainText(action.text)
        self.agency.set_value(detail.state.agency_id)
        self.official.set_value(action.official_id)
        self.co_agencies.set_values(action.co_agency_ids)
        self.controller.set_value(action.controller_id)
        self.workgroup.set_value(action.workgroup_id)
        self.assigned.set_value(action.assigned_on)
        self.deadline.set_rule(action.deadline_rule, action.deadline_days, action.deadline)
        self.recurrence.setCurrentIndex(max(0, self.recurrence.findData(
            action.recurrence.value)))
        self.until.set_value(action.recur_until)
        # Changed only through events (Reassign…, Extend…) or fixed by the meeting.
        for widget in (self.agency, self.assigned, self.deadline):
            widget.setEnabled(False)
            widget.setToolTip(_("Changes through the action's events: Reassign…, Extend…"))
        self.workgroup.setEnabled(action.meeting_id is None)

    def reload(self) -> bool:
        if self.stored is None:
            return False
        self._load(self.stored.id)
        self._recurrence_changed()
        return True

    def _recurrence_changed(self, *_args: object) -> None:
        self.until.setEnabled(self.recurrence.currentData() != Recurrence.NONE.value)

    def update_preview(self) -> None:
        """Show the date the rule gives in the office calendar, before anything is saved."""
        if self.stored is not None:
            self.preview.setText(_("Deadline changes through Extend… once assigned."))
            return
        try:
            start = self.assigned.value()
            fixed = self.deadline.fixed()
        except DomainError:
            start = fixed = None
        self.preview.setText(preview_text(self.context.uow, self.deadline.value(), start,
                                          self.deadline.day_count(), fixed))

    def collect(self) -> Action:
        recurrence = Recurrence(self.recurrence.currentData())
        until = self.until.value() if recurrence != Recurrence.NONE else None
        values = {"text": self.text.toPlainText(), "official_id": self.official.value(),
                  "controller_id": self.controller.value(),
                  "co_agency_ids": self.co_agencies.values(),
                  "workgroup_id": self.workgroup.value(), "recurrence": recurrence,
                  "recur_until": until}
        if self.stored is not None:
            return replace(self.stored, **values)
        assigned = self.assigned.value() or date.today()
        rule = self.deadline.value()
        return Action(agency_id=self.agency.value(), assigned_on=assigned, deadline_rule=rule,
                      deadline_days=self.deadline.day_count(), deadline=self.deadline.fixed(),
                      **values)  # type: ignore[arg-type]

    def apply(self) -> None:
        action = self.collect()
        uow, actor = self.context.uow, self.context.actor
        saved = actions.update_action(uow(), actor, action, self.expected) \
            if self.stored is not None \
            else actions.create_action(uow(), actor, action)
        self.saved_id = saved.id
