"""A new finding with its act of response, or one edited. The response due date the act's
preset gives in the office calendar shows as the type and date are typed, before saving; a
date the prosecutor sets goes in its own field (required where the preset says so)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ...domain.deadlines import DeadlineRule, add_months
from ...domain.errors import DomainError, ValidationError
from ...domain.findings import ACT_TYPE_LABELS, ActType, Finding
from ...domain.messages import N_
from ...domain.revisions import revision
from ...domain.views import Choice, ListQuery
from ...i18n import _, error_text, tr
from ...services import findings, meetings
from ..actions.form_dialog import FormDialog
from ..context import UiContext
from ..meetings.lookups import Lookups
from ..widgets.choice_combo import ChoiceCombo
from ..widgets.date_edit import DateEdit, format_date

TEXT_FIELDS = (("violations", N_("Violations found")), ("legal_norms", N_("Legal norms")))


class FindingDialog(FormDialog):
    """``saved_id`` is the id of the finding written once OK succeeded."""

    def __init__(self, context: UiContext, lookups: Lookups, finding_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        editing = finding_id is not None
        super().__init__(context, _("Edit the finding") if editing else _("New finding"),
                         _("Save") if editing else _("Record the finding"), parent)
        self.setObjectName("findingDialog")
        self.stored: Finding | None = None
        self.saved_id: str | None = None
        self.due_value: date | None = None  # what the preview last computed
        form = self.form
        self.agency = ChoiceCombo(self, empty=N_("— no agency —"))
        form.add_row(N_("Inspected agency"), self.agency, "agency_id")
        self.official = ChoiceCombo(self, empty=N_("— nobody —"))
        form.add_row(N_("Inspected official"), self.official, "official_id")
        self.inspected = DateEdit(self, field="inspected_on", label=N_("Inspection date"))
        form.add_row(N_("Inspection date"), self.inspected, "inspected_on")
        self.subject = QLineEdit(self)
        self.subject.setPlaceholderText(_("What was inspected"))
        form.add_row(N_("Inspection subject"), self.subject, "subject")
        self.texts: dict[str, QPlainTextEdit] = {}
        for field, label in TEXT_FIELDS:
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
            self.texts[field] = edit
            form.add_row(label, edit, field)
        self.act_type = QComboBox(self)
        self.act_type.setObjectName("actType")
        for act_type, label in ACT_TYPE_LABELS.items():
            self.act_type.addItem(_(label), act_type.value)
        form.add_row(N_("Act type"), self.act_type, "act_type")
        self.act_number = QLineEdit(self)
        form.add_row(N_("Act number"), self.act_number, "act_number")
        self.act_date = DateEdit(self, field="act_date", label=N_("Act date"))
        self.act_date.set_value(date.today())
        form.add_row(N_("Act date"), self.act_date, "act_date")
        self.prosecutor = ChoiceCombo(self, empty=N_("— nobody —"))
        form.add_row(N_("Issued by"), self.prosecutor, "prosecutor_id")
        self.addressee = QLineEdit(self)
        self.addressee.setPlaceholderText(_("To whom the act is addressed"))
        form.add_row(N_("Addressee"), self.addressee, "addressee")
        self.due = DateEdit(self, field="response_due", label=N_("Response due"))
        form.add_row(N_("Response due"), self.due, "response_due")
        # The calendar's own refusal ("the deadline … is before …") names "deadline".
        form.alias("deadline", "response_due")
        self.preview = QLabel(self)
        self.preview.setObjectName("responseDuePreview")
        self.preview.setWordWrap(True)
        form.layout_.addRow("", self.preview)
        self.workgroup = ChoiceCombo(self, empty=N_("— no workgroup —"))
        form.add_row(N_("Workgroup"), self.workgroup, "workgroup_id")
        self.meeting = ChoiceCombo(self, empty=N_("— no meeting —"))
        form.add_row(N_("Meeting"), self.meeting, "meeting_id")
        self.finish_layout()
        lookups.ensure()
        self.agency.set_choices(lookups.agencies)
        self.official.set_choices(lookups.people)
        self.prosecutor.set_choices(lookups.people)
        self.workgroup.set_choices(lookups.workgroups)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.update_preview)
        self.act_type.currentIndexChanged.connect(lambda _i: self.update_preview())
        for edit in (self.act_date, self.due):
            edit.edited.connect(self._timer.start)
            edit.line.editingFinished.connect(self.update_preview)
        self.workgroup.chosen.connect(lambda _value: self._fill_meetings())
        if finding_id is not None:
            self._load(finding_id)
        else:
            self._fill_meetings()
        self.update_preview()
        self.resize(640, self.sizeHint().height())

    def _fill_meetings(self) -> None:
        group = self.workgroup.value()
        if not group:
            self.meeting.set_choices([])
            self.meeting.setEnabled(False)
            return
        page = meetings.list_meetings(self.context.uow(), ListQuery(
            filters={"workgroup_id": group}, limit=200))
        self.meeting.set_choices([Choice(r.id, tr("No. {number} of {date}", number=r.number,
                                                  date=format_date(r.held_on)))
                                  for r in page.rows])
        self.meeting.setEnabled(True)

    def _load(self, finding_id: str) -> None:
        finding = self.stored = findings.get_finding(self.context.uow(), finding_id).finding
        self.expected = revision(finding)
        self.agency.set_value(finding.agency_id)
        self.official.set_value(finding.official_id)
        self.inspected.set_value(finding.inspected_on)
        self.subject.setText(finding.subject)
        self.texts["violations"].setPlainText(finding.violations)
        self.texts["legal_norms"].setPlainText(finding.legal_norms)
        self.act_type.setCurrentIndex(max(0, self.act_type.findData(finding.act_type.value)))
        self.act_number.setText(finding.act_number)
        self.act_date.set_value(finding.act_date)
        self.prosecutor.set_value(finding.prosecutor_id)
        self.addressee.setText(finding.addressee)
        self.workgroup.set_value(finding.workgroup_id)
        self._fill_meetings()
        self.meeting.set_value(finding.meeting_id)
        # A date the preset gives is not an override: leave the field empty so it follows
        # a changed act date; one the prosecutor set stays.
        try:
            by_preset = findings.response_due(self.context.uow(), finding.act_type,
                                              finding.act_date)
        except DomainError:
            by_preset = None
        if finding.response_due != by_preset:
            self.due.set_value(finding.response_due)

    def reload(self) -> bool:
        if self.stored is None:
            return False
        self.due.set_value(None)
        self._load(self.stored.id)
        self.update_preview()
        return True

    # -- the due date --------------------------------------------------------------------
    def chosen_type(self) -> ActType:
        return ActType(self.act_type.currentData())

    def update_preview(self) -> None:
        """Show the response due date in the office calendar before anything is saved."""
        self._timer.stop()
        self.due_value = None
        act_type = self.chosen_type()
        preset = findings.presets(self.context.uow())[act_type]
        self.due.line.setToolTip(
            _("Set by the prosecutor for this act") if preset.rule == DeadlineRule.FIXED_DATE
            else _("Optional: a date of the prosecutor's instead of the statutory term"))
        try:
            act_date, fixed = self.act_date.value(), self.due.value()
        except DomainError as error:
            self.preview.setText(error_text(error))
            return
        if act_date is None:
            self.preview.setText(_("Response due: give the act's date"))
            return
        try:
            due = findings.response_due(self.context.uow(), act_type, act_date, fixed)
        except DomainError as error:
            self.preview.setText(error_text(error))
            return
        self.due_value = due
        if due is None:
            self.preview.setText(_("No response is due for this act."))
            return
        nominal = None
        if fixed is None and preset.rule == DeadlineRule.CALENDAR_DAYS:
            nominal = act_date + timedelta(days=preset.days)
        elif fixed is None and preset.rule == DeadlineRule.ONE_MONTH:
            nominal = add_months(act_date, 1)
        if nominal is not None and nominal != due:
            self.preview.setText(tr("Response due: {date} ({nominal} is not a working day)",
                                    date=format_date(due), nominal=format_date(nominal)))
        else:
            self.preview.setText(tr("Response due: {date}", date=format_date(due)))

    # -- saving --------------------------------------------------------------------------
    def _required(self, edit: DateEdit) -> date:
        value = edit.value()
        if value is None:
            raise ValidationError(N_("Give the date."), field=edit.field)
        return value

    def collect(self) -> Finding:
        values = dict(
            agency_id=self.agency.value(), official_id=self.official.value(),
            inspected_on=self._required(self.inspected), subject=self.subject.text(),
            violations=self.texts["violations"].toPlainText(),
            legal_norms=self.texts["legal_norms"].toPlainText(),
            act_type=self.chosen_type(), act_number=self.act_number.text(),
            act_date=self._required(self.act_date), prosecutor_id=self.prosecutor.value(),
            addressee=self.addressee.text(), workgroup_id=self.workgroup.value(),
            meeting_id=self.meeting.value() if self.workgroup.value() else None)
        if self.stored is not None:
            return Finding(id=self.stored.id, **values)  # type: ignore[arg-type]
        return Finding(**values)  # type: ignore[arg-type]

    def apply(self) -> None:
        finding = self.collect()
        due = self.due.value()
        uow, actor = self.context.uow, self.context.actor
        saved = findings.update_finding(uow(), actor, finding, due, self.expected) \
            if self.stored is not None \
            else findings.add_finding(uow(), actor, finding, due)
        self.saved_id = saved.id
