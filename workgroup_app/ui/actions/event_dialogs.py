"""The dialogs that record what happens to an action: report, accept, return, extend,
reassign, cancel, comment. Each asks only what its event needs, with the date set to today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ...domain.action_life import EventKind
from ...domain.action_views import ActionDetail
from ...domain.errors import ValidationError
from ...domain.messages import N_
from ...i18n import _, tr
from ...services import actions
from ..context import UiContext
from ..meetings.lookups import Lookups
from ..widgets.choice_combo import ChoiceCombo
from ..widgets.date_edit import DateEdit, format_date
from .form_dialog import FormDialog

# kind: (window title, OK button, label of the text field or None)
KINDS: dict[EventKind, tuple[str, str, str | None]] = {
    EventKind.REPORTED: (N_("Report on the action"), N_("Submit the report"), N_("Report")),
    EventKind.ACCEPTED: (N_("Accept the report"), N_("Accept"), None),
    EventKind.RETURNED: (N_("Return the report for rework"), N_("Return"), N_("Reason")),
    EventKind.EXTENDED: (N_("Extend the deadline"), N_("Extend"), N_("Reason")),
    EventKind.REASSIGNED: (N_("Reassign the action"), N_("Reassign"), N_("Reason")),
    EventKind.CANCELLED: (N_("Cancel the action"), N_("Cancel the action"), N_("Reason")),
    EventKind.COMMENT: (N_("Add a comment"), N_("Add the comment"), N_("Comment")),
}


class FileField(QWidget):
    """A path typed or chosen with a file dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(_("No file attached"))
        self.line.setClearButtonEnabled(True)
        self.choose = QPushButton(_("Choose…"), self)
        self.choose.setAccessibleName(_("Choose a file to attach"))
        self.choose.clicked.connect(self._choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.choose)
        self.setFocusProxy(self.line)

    def setAccessibleName(self, name: str) -> None:
        """The form names the row; the line inside is what a screen reader meets."""
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Attach a file"))
        if path:
            self.line.setText(path)

    def path(self) -> Path | None:
        text = self.line.text().strip()
        return Path(text) if text else None


class EventDialog(FormDialog):
    """``next_id`` is set after accepting a recurring action: its next occurrence."""

    def __init__(self, context: UiContext, detail: ActionDetail, kind: EventKind,
                 lookups: Lookups, parent: QWidget | None = None) -> None:
        title, ok_label, text_label = KINDS[kind]
        super().__init__(context, _(title), _(ok_label), parent)
        self.setObjectName(f"eventDialog_{kind.value}")
        self.detail = detail
        self.kind = kind
        self.next_id: str | None = None
        summary = QLabel(detail.action.text, self)
        summary.setWordWrap(True)
        summary.setObjectName("eventSummary")
        self.form.layout_.addRow(summary)
        self.on = DateEdit(self, field="on", label=N_("Date"))
        self.on.set_value(date.today())
        self.form.add_row(N_("Date"), self.on, "on")
        self.text: QPlainTextEdit | None = None
        self.deadline: DateEdit | None = None
        self.person: ChoiceCombo | None = None
        self.agency: ChoiceCombo | None = None
        self.attachment: FileField | None = None
        self._kind_rows(lookups)
        if text_label is not None:
            self.text = QPlainTextEdit(self)
            self.text.setTabChangesFocus(True)
            self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
            self.form.add_row(text_label, self.text, "text")
        if kind == EventKind.REPORTED:
            self.attachment = FileField(self)
            self.form.add_row(N_("Attachment"), self.attachment, "attachment")
        self.finish_layout()
        self.resize(520, self.sizeHint().height())

    def _kind_rows(self, lookups: Lookups) -> None:
        kind, state = self.kind, self.detail.state
        if kind == EventKind.ACCEPTED:
            reported = next((e for e in reversed(self.detail.events)
                             if e.kind == EventKind.REPORTED and e.effective), None)
            if reported is not None:
                note = QLabel(tr("Report of {date}: {text}", date=format_date(reported.on),
                                 text=reported.text), self)
                note.setWordWrap(True)
                self.form.layout_.addRow(note)
        if kind in (EventKind.RETURNED, EventKind.EXTENDED):
            self.deadline = DateEdit(self, field="deadline", label=N_("New deadline"))
            self.deadline.line.setToolTip(tr("The deadline now: {date}",
                                             date=format_date(state.deadline)))
            self.form.add_row(N_("New deadline"), self.deadline, "deadline")
        if kind == EventKind.REASSIGNED:
            self.agency = ChoiceCombo(self, empty=N_("— no agency —"))
            self.agency.set_choices([c for c in lookups.agencies if c.id != state.agency_id])
            self.form.add_row(N_("New responsible agency"), self.agency, "agency_id")
            self.form.alias("agency", "agency_id")
        if kind in (EventKind.EXTENDED, EventKind.REASSIGNED):
            self.person = ChoiceCombo(self, empty=N_("— nobody —"))
            self.person.set_choices(lookups.people)
            label, field = (N_("Approved by"), "approved_by") if kind == EventKind.EXTENDED \
                else (N_("Official"), "official_id")
            self.form.add_row(label, self.person, field)

    def _on(self) -> date:
        on = self.on.value()
        if on is None:
            raise ValidationError(N_("Give the date."), field="on")
        return on

    def _text(self) -> str:
        return self.text.toPlainText() if self.text is not None else ""

    def apply(self) -> None:
        uow, actor, action_id = self.context.uow, self.context.actor, self.detail.action.id
        on, text, kind = self._on(), self._text(), self.kind
        if kind == EventKind.REPORTED:
            path = self.attachment.path() if self.attachment else None
            actions.report(uow(), actor, action_id, text, on, attachment=path)
        elif kind == EventKind.ACCEPTED:
            self.next_id = actions.accept(uow(), actor, action_id, on)
        elif kind == EventKind.RETURNED:
            new = self.deadline.value() if self.deadline else None
            actions.return_for_rework(uow(), actor, action_id, text, on, new_deadline=new)
        elif kind == EventKind.EXTENDED:
            actions.extend(uow(), actor, action_id, self._new_deadline(), text, on,
                           approved_by=self.person.value() if self.person else None)
        elif kind == EventKind.REASSIGNED:
            agency = self.agency.value() if self.agency else None
            if not agency:
                raise ValidationError(N_("Name the agency the action passes to."),
                                      field="agency_id")
            actions.reassign(uow(), actor, action_id, agency, on, reason=text,
                             official_id=self.person.value() if self.person else None)
        elif kind == EventKind.CANCELLED:
            actions.cancel(uow(), actor, action_id, text, on)
        else:
            actions.comment(uow(), actor, action_id, text, on)

    def _new_deadline(self) -> date:
        new = self.deadline.value() if self.deadline else None
        if new is None:
            raise ValidationError(N_("Give the new deadline."), field="deadline")
        return new
