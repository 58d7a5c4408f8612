"""The *Details* tab of a finding: every field of the finding and its act, then its state,
as captions and values that wrap within the pane."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QWidget

from ...domain.finding_views import FindingDetail
from ...domain.messages import N_
from ...i18n import _
from ..widgets.date_edit import format_date
from .look import act_text, escalation_label, result_label, status_label

FACTS = (N_("Inspected agency"), N_("Inspected official"), N_("Inspection date"),
         N_("Inspection subject"), N_("Violations found"), N_("Legal norms"), N_("Act"),
         N_("Issued by"), N_("Addressee"), N_("Response due"), N_("Workgroup"), N_("Meeting"),
         N_("Status"), N_("Responded on"), N_("Result"), N_("Officials disciplined"),
         N_("Acts repealed or amended"), N_("Escalation"), N_("Closed on"))


class FindingFacts(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        holder = QWidget()
        # A grid, not a form layout: it gives wrapped captions the height they need.
        grid = QGridLayout(holder)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        top = Qt.AlignmentFlag.AlignTop
        for row, label in enumerate(FACTS):
            value = QLabel(holder)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(_(label))
            self.values[label] = value
            caption = QLabel(_(label) + ":", holder)
            # Long Russian captions wrap instead of squeezing the values.
            caption.setWordWrap(True)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | top)
            caption.setMaximumWidth(caption.fontMetrics().averageCharWidth() * 28)
            grid.addWidget(caption, row, 0, top)
            grid.addWidget(value, row, 1, top)
        grid.setRowStretch(len(FACTS), 1)
        self.setWidgetResizable(True)
        # Long values wrap within the pane instead of widening it.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidget(holder)

    def fill(self, detail: FindingDetail, due: str) -> None:
        """Fill in ``detail``; ``due`` is the due date as the pane words it."""
        finding, state = detail.finding, detail.state
        values = {
            N_("Inspected agency"): detail.agency_name,
            N_("Inspected official"): detail.official_name,
            N_("Inspection date"): format_date(finding.inspected_on),
            N_("Inspection subject"): finding.subject,
            N_("Violations found"): finding.violations, N_("Legal norms"): finding.legal_norms,
            N_("Act"): act_text(finding.act_type, finding.act_number, finding.act_date),
            N_("Issued by"): detail.prosecutor_name, N_("Addressee"): finding.addressee,
            N_("Response due"): due, N_("Workgroup"): detail.workgroup_name,
            N_("Meeting"): detail.meeting_label, N_("Status"): status_label(state.status),
            N_("Responded on"): format_date(state.responded_on),
            N_("Result"): result_label(state.result),
            N_("Officials disciplined"): str(state.disciplined) if state.disciplined else "",
            N_("Acts repealed or amended"):
                str(state.acts_repealed) if state.acts_repealed else "",
            N_("Escalation"): escalation_label(state.escalation),
            N_("Closed on"): format_date(state.closed_on)}
        for label, value in values.items():
            self.values[label].setText(value or "—")

    def fact(self, label: str) -> str:
        return self.values[label].text()
