"""Actions made from the decisions of a held meeting: tick the decisions, choose the
controller once for all, and see what was made and what was refused and why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...domain.action_views import DecisionChoice
from ...domain.actions import RULE_LABELS
from ...domain.deadlines import DeadlineRule
from ...domain.errors import DomainError, ValidationError
from ...domain.messages import N_
from ...i18n import _, error_text, tr
from ...services import actions
from .. import theme
from ..context import UiContext
from ..meetings.lookups import Lookups
from ..operations import Changed
from ..widgets.choice_combo import ChoiceCombo
from ..widgets.date_edit import format_date
from .form_dialog import FormDialog

HEADERS = (N_("No."), N_("Decision"), N_("Responsible agency"), N_("Due date"),
           N_("Actions made"))
NUMBER, TEXT, AGENCY, DUE, MADE = range(5)
UNDATED_RULES = (DeadlineRule.ONE_MONTH, DeadlineRule.CALENDAR_DAYS, DeadlineRule.WORKING_DAYS)


class FromDecisionsDialog(FormDialog):
    """``made`` holds the ids of the actions created; ``refused`` (number, message) pairs."""

    def __init__(self, context: UiContext, meeting_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, _("Make actions from decisions"), _("Make actions"), parent)
        self.setObjectName("fromDecisionsDialog")
        self.meeting_id = meeting_id
        self.lookups = Lookups(context)
        self.lookups.ensure()
        self.made: list[str] = []
        self.refused: list[tuple[str, str]] = []
        self.choices: list[DecisionChoice] = actions.decision_choices(context.uow(), meeting_id)
        intro = QLabel(_("One action is made from each ticked decision, with its text, "
                         "responsible agency and due date."), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.choices), len(HEADERS), self)
        theme.legible_check_boxes(self.table)
        self.table.setObjectName("decisionChoices")
        self.table.setAccessibleName(_("Decisions of the meeting"))
        self._fill()
        self.layout_.insertWidget(0, intro)
        self.layout_.insertWidget(1, self.table, 1)
        self.controller = ChoiceCombo(self, empty=N_("— nobody —"))
        self.controller.set_choices(self.lookups.people)
        self.form.add_row(N_("Controller"), self.controller, "controller_id")
        self.form.add_row(N_("Without a due date"), self._undated_row(), "deadline")
        self.result = QLabel(self)
        self.result.setObjectName("fromDecisionsResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.result)
        self.finish_layout(stretch=False)
        self.resize(820, 480)

    def _undated_row(self) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.undated_rule = QComboBox(holder)
        self.undated_rule.setAccessibleName(_("Deadline of a decision without a due date"))
        for rule in UNDATED_RULES:
            self.undated_rule.addItem(_(RULE_LABELS[rule]), rule.value)
        self.undated_days = QSpinBox(holder)
        self.undated_days.setRange(1, 365)
        self.undated_days.setValue(30)
        self.undated_days.setSuffix(" " + _("days"))
        self.undated_days.setAccessibleName(_("Number of days"))
        self.undated_rule.currentIndexChanged.connect(
            lambda _i: self.undated_days.setEnabled(self._undated() != DeadlineRule.ONE_MONTH))
        self.undated_days.setEnabled(False)
        row.addWidget(self.undated_rule)
        row.addWidget(self.undated_days)
        row.addStretch(1)
        return holder

    def _undated(self) -> DeadlineRule:
        return DeadlineRule(self.undated_rule.currentData())

    def _fill(self) -> None:
        table = self.table
        table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        for number, choice in enumerate(self.choices):
            first = QTableWidgetItem(choice.number)
            first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # Ticked: decisions that have no action yet and say who is responsible.
            fresh = choice.actions == 0 and choice.agency_id is not None
            first.setCheckState(Qt.CheckState.Checked if fresh else Qt.CheckState.Unchecked)
            agency = self.lookups.agency_name(choice.agency_id) if choice.agency_id else \
                _("— no agency —")
            cells = (first, QTableWidgetItem(choice.text), QTableWidgetItem(agency),
                     QTableWidgetItem(format_date(choice.due_date)),
                     QTableWidgetItem(str(choice.actions)))
            for column, cell in enumerate(cells):
                cell.setToolTip(choice.text)
                table.setItem(number, column, cell)
            cells[MADE].setTextAlignment(Qt.AlignmentFlag.AlignRight
                                         | Qt.AlignmentFlag.AlignVCenter)
        header = table.horizontalHeader()
        for column, width in ((NUMBER, 56), (AGENCY, 180), (DUE, 86), (MADE, 60)):
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)

    def set_checked(self, number: str, checked: bool) -> None:
        for row, choice in enumerate(self.choices):
            if choice.number == number:
                self.table.item(row, NUMBER).setCheckState(
                    Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked(self) -> list[DecisionChoice]:
        return [choice for row, choice in enumerate(self.choices)
                if self.table.item(row, NUMBER).checkState() == Qt.CheckState.Checked]

    def apply(self) -> None:
        wanted = self.checked()
        if not wanted:
            raise ValidationError(N_("Tick the decisions to make actions from."))
        self.made, self.refused = [], []
        for choice in wanted:
            try:
                self.made.append(self._make(choice))
            except DomainError as error:
                self.refused.append((choice.number, error_text(error)))
        if self.made:
            self.context.notifier.notify(Changed.ACTIONS)
        self._report()
        self._refresh_counts()

    def _make(self, choice: DecisionChoice) -> str:
        uow, actor = self.context.uow, self.context.actor
        if choice.agency_id is None:
            raise ValidationError(N_("The decision names no responsible agency."))
        draft = actions.draft_from_decision(uow(), self.meeting_id, choice.id)
        draft.controller_id = self.controller.value()
        if draft.deadline is None:
            draft.deadline_rule = self._undated()
            draft.deadline_days = self.undated_days.value() \
                if draft.deadline_rule != DeadlineRule.ONE_MONTH else 0
        action = actions.create_action(uow(), actor, draft)
        self.set_checked(choice.number, False)
        return action.id

    def _report(self) -> None:
        lines = [tr("Actions made: {count}.", count=len(self.made))]
        lines += [tr("{number}: not made — {reason}", number=number, reason=reason)
                  for number, reason in self.refused]
        self.result.setText("\n".join(lines))

    def submit(self) -> bool:
        """Make the actions; the dialog stays open to tell what was made and what was not
        (the decisions done are unticked). True when every ticked decision gave an action."""
        self.form.clear_errors()
        try:
            self.apply()
        except DomainError as error:
            self.form.show_error(error)
            return False
        return not self.refused

    def _refresh_counts(self) -> None:
        counts = {c.id: c.actions for c in actions.decision_choices(self.context.uow(),
                                                                    self.meeting_id)}
        for row, choice in enumerate(self.choices):
            self.table.item(row, MADE).setText(str(counts.get(choice.id, choice.actions)))

