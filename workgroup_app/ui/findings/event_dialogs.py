"""The dialogs that record what follows an act: the response (with its result when known and
the letter attached), the result, measures taken, escalation, closing, a comment. Each asks
only what its event needs, with the date set to today."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QSpinBox, QWidget

from ...domain.errors import ValidationError
from ...domain.finding_views import FindingDetail
from ...domain.findings import (
    ESCALATION_LABELS,
    RESULT_LABELS,
    Escalation,
    FindingEvent,
    FindingEventKind,
    ResponseResult,
)
from ...domain.messages import N_
from ...i18n import _
from ...services import findings
from ..actions.event_dialogs import FileField
from ..actions.form_dialog import FormDialog
from ..context import UiContext
from ..widgets.date_edit import DateEdit
from .look import act_text

K = FindingEventKind
# kind: (window title, OK button, label of the text field)
KINDS: dict[FindingEventKind, tuple[str, str, str]] = {
    K.RESPONSE: (N_("Record the response"), N_("Record the response"), N_("Response")),
    K.RESULT: (N_("Record the result"), N_("Record the result"), N_("Comment")),
    K.MEASURES: (N_("Record the measures taken"), N_("Record the measures"),
                 N_("Other measures")),
    K.ESCALATED: (N_("Escalate"), N_("Escalate"), N_("Grounds")),
    K.CLOSED: (N_("Close the finding"), N_("Close the finding"), N_("Comment")),
    K.COMMENT: (N_("Add a comment"), N_("Add the comment"), N_("Comment")),
    K.ATTACHED: (N_("Add a document"), N_("Add the document"), N_("What the document is")),
}


class FindingEventDialog(FormDialog):
    def __init__(self, context: UiContext, detail: FindingDetail, kind: FindingEventKind,
                 parent: QWidget | None = None) -> None:
        title, ok_label, text_label = KINDS[kind]
        super().__init__(context, _(title), _(ok_label), parent)
        self.setObjectName(f"findingEvent_{kind.value}")
        self.detail = detail
        self.kind = kind
        finding = detail.finding
        summary = QLabel(f"{act_text(finding.act_type, finding.act_number, finding.act_date)}"
                         f" — {finding.subject}", self)
        summary.setWordWrap(True)
        summary.setObjectName("eventSummary")
        self.form.layout_.addRow(summary)
        self.on = DateEdit(self, field="on", label=N_("Date"))
        self.on.set_value(date.today())
        self.form.add_row(N_("Date"), self.on, "on")
        self.result: QComboBox | None = None
        self.escalation: QComboBox | None = None
        self.disciplined: QSpinBox | None = None
        self.repealed: QSpinBox | None = None
        self.attachment: FileField | None = None
        self._kind_rows()
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.form.add_row(text_label, self.text, "text")
        if kind in (K.RESPONSE, K.ATTACHED):
            self.attachment = FileField(self)
            self.form.add_row(N_("Attachment"), self.attachment, "attachment")
        self.finish_layout()
        self.resize(520, self.sizeHint().height())

    def _kind_rows(self) -> None:
        kind = self.kind
        if kind in (K.RESPONSE, K.RESULT):
            self.result = QComboBox(self)
            self.result.setObjectName("findingResult")
            self.result.addItem(_("— not known yet —") if kind == K.RESPONSE
                                else _("— choose —"), "")
            for result, label in RESULT_LABELS.items():
                self.result.addItem(_(label), result.value)
            current = self.detail.state.result
            if current is not None:
                self.result.setCurrentIndex(self.result.findData(current.value))
            self.form.add_row(N_("Result"), self.result, "result")
        if kind == K.MEASURES:
            self.disciplined = QSpinBox(self)
            self.disciplined.setObjectName("findingDisciplined")
            self.disciplined.setRange(0, 9999)
            self.form.add_row(N_("Officials disciplined"), self.disciplined, "disciplined")
            self.repealed = QSpinBox(self)
            self.repealed.setObjectName("findingActsRepealed")
            self.repealed.setRange(0, 9999)
            self.form.add_row(N_("Acts repealed or amended"), self.repealed, "acts_repealed")
        if kind == K.ESCALATED:
            self.escalation = QComboBox(self)
            self.escalation.setObjectName("findingEscalation")
            for escalation, label in ESCALATION_LABELS.items():
                self.escalation.addItem(_(label), escalation.value)
            self.form.add_row(N_("Where to"), self.escalation, "escalation")

    def _on(self) -> date:
        on = self.on.value()
        if on is None:
            raise ValidationError(N_("Give the date."), field="on")
        return on

    def _result(self) -> ResponseResult | None:
        value = self.result.currentData() if self.result is not None else ""
        return ResponseResult(value) if value else None

    def apply(self) -> None:
        uow, actor, finding_id = self.context.uow, self.context.actor, self.detail.finding.id
        on, text, kind = self._on(), self.text.toPlainText(), self.kind
        if kind == K.RESPONSE:
            path = self.attachment.path() if self.attachment else None
            findings.respond(uow(), actor, finding_id, on, text, self._result(), path)
        elif kind == K.MEASURES:
            findings.measures(uow(), actor, finding_id, on,
                              self.disciplined.value() if self.disciplined else 0,
                              self.repealed.value() if self.repealed else 0, text)
        elif kind == K.ESCALATED:
            to = Escalation(self.escalation.currentData()) if self.escalation else None
            if to is None:
                raise ValidationError(N_("Choose where the matter goes."), field="escalation")
            findings.escalate(uow(), actor, finding_id, on, to, text)
        elif kind == K.CLOSED:
            findings.close(uow(), actor, finding_id, on, text)
        elif kind == K.ATTACHED:
            path = self.attachment.path() if self.attachment else None
            if path is None:
                raise ValidationError(N_("Choose the file."), field="attachment")
            findings.attach(uow(), actor, finding_id, on, path, text)
        else:  # a result or a comment: recorded as they are, checked by the domain
            findings.record(uow(), actor, finding_id, FindingEvent(
                kind, on, text, result=self._result()))
