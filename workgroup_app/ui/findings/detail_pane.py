"""The pane beside the register: the selected finding's act and state, buttons for the events
its state allows, its history and the actions made from it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Permission
from ...domain.errors import NotFoundError
from ...domain.finding_views import FindingDetail
from ...domain.findings import FINDING_EVENT_LABELS, FindingEventKind, FindingStatus
from ...domain.messages import N_
from ...i18n import _, tr
from ...services import findings
from ..access import may, withhold
from ..actions.look import css
from ..context import UiContext
from ..meetings.lookups import Lookups
from ..operations import Changed
from ..pages.base import RecordEditor
from ..widgets.date_edit import format_date
from ..widgets.form import ErrorLabel
from .event_dialogs import FindingEventDialog
from .facts import FindingFacts
from .finding_dialog import FindingDialog
from .history import FindingHistory
from .look import (
    act_text,
    action_status_label,
    status_label,
    status_tint,
)
from .make_action import FindingActionDialog

EMPTY, SHOWING = 0, 1
K = FindingEventKind
BUTTONS = ((K.RESPONSE, N_("Response…")), (K.RESULT, N_("Result…")),
           (K.MEASURES, N_("Measures…")), (K.ESCALATED, N_("Escalate…")),
           (K.CLOSED, N_("Close…")), (K.COMMENT, N_("Comment…")),
           (K.ATTACHED, N_("Document…")))
WORKING = {K.MEASURES, K.ESCALATED, K.CLOSED, K.COMMENT, K.ATTACHED}
ALLOWED = {FindingStatus.AWAITING: WORKING | {K.RESPONSE},
           FindingStatus.RESPONDED: WORKING | {K.RESULT},
           FindingStatus.CLOSED: {K.COMMENT}}
HISTORY_TAB, ACTIONS_TAB = 1, 2


class FindingDetailPane(RecordEditor):
    """``dialog`` is the dialog opened last (tests drive it)."""

    def __init__(self, context: UiContext, lookups: Lookups,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("findingDetail")
        self.lookups = lookups
        self.detail: FindingDetail | None = None
        self.dialog: FindingEventDialog | FindingDialog | FindingActionDialog | None = None
        # Events and edits are the findings' editors'; an action made from a finding is an
        # action like any other (services.actions.create_action checks EDIT_ACTIONS).
        self.may_edit = may(context, Permission.EDIT_FINDINGS)
        self.may_make_action = may(context, Permission.EDIT_ACTIONS)
        self.empty = QLabel(_("Select a finding in the list, or press New finding.")
                            if self.may_edit else _("Select a finding in the list."), self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.heading = QLabel(self)
        self.heading.setObjectName("findingHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading.setFont(font)
        self.state_line = QLabel(self)
        self.state_line.setObjectName("findingState")
        self.state_line.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setObjectName("findingNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.problem = ErrorLabel(self)
        self.facts = FindingFacts(self)
        self.history = FindingHistory(context, self)
        self.history.problem.connect(self.problem.show_text)
        self.history.itemSelectionChanged.connect(self._attachment_state)
        self.save_attachment = QPushButton(_("Save attachment…"), self)
        self.save_attachment.setObjectName("findingSaveAttachment")
        self.save_attachment.clicked.connect(lambda: self.history.save_selected())
        self.linked = QListWidget(self)
        self.linked.setObjectName("findingActions")
        self.linked.setAccessibleName(_("Actions from this finding"))
        self.linked.itemActivated.connect(lambda _item: self.open_actions())
        self.show_actions = QPushButton(_("Show in Actions"), self)
        self.show_actions.setObjectName("findingShowActions")
        self.show_actions.setToolTip(_("Open the Actions page with the actions of this finding"))
        self.show_actions.clicked.connect(self.open_actions)
        self.event_buttons: dict[FindingEventKind, QPushButton] = {}
        self.make_action = QPushButton(_("Make action…"), self)
        self.make_action.setObjectName("findingMakeAction")
        self.make_action.setToolTip(_("An action to check that the violations are eliminated"))
        self.make_action.clicked.connect(self.open_make_action)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.edit_button.setObjectName("findingEdit")
        self.edit_button.setToolTip(_("Change the finding and its act (Ctrl+E)"))
        self.edit_button.clicked.connect(self.open_edit)
        self.tabs = QTabWidget(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._showing_page())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 0, 0, 0)
        outer.addWidget(self.stack)
        self.clear()

    # -- building ------------------------------------------------------------------------
    def _showing_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.state_line)
        column.addWidget(self.notice)
        column.addWidget(self.problem)
        column.addLayout(self._button_grid())
        self.tabs.addTab(self.facts, _("Details"))
        self.tabs.addTab(self._side_tab(self.history, self.save_attachment), _("History"))
        self.tabs.addTab(self._side_tab(self.linked, self.show_actions), _("Actions"))
        column.addWidget(self.tabs, 1)
        return page

    def _side_tab(self, main: QWidget, button: QPushButton) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(main, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        column.addLayout(row)
        return tab

    def _button_grid(self) -> QGridLayout:
        """Four to a row, only the commands this role may use: no gaps where others were."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        buttons: list[QPushButton] = []
        for kind, label in BUTTONS:
            button = QPushButton(_(label), self)
            button.setObjectName(f"findingEvent_{kind.value}")
            button.clicked.connect(lambda _checked=False, k=kind: self.open_event(k))
            self.event_buttons[kind] = button
            buttons.append(button)
        offered = [*buttons, self.edit_button] if self.may_edit else []
        if self.may_make_action:
            offered.insert(len(buttons) if self.may_edit else 0, self.make_action)
        for button in (*buttons, self.make_action, self.edit_button):
            if button not in offered:
                withhold(button)
        for number, button in enumerate(offered):
            grid.addWidget(button, number // 4, number % 4)
        return grid

    # -- showing -------------------------------------------------------------------------
    def clear(self) -> None:
        self.record_id, self.detail, self.dirty = None, None, False
        self.stack.setCurrentIndex(EMPTY)

    def load(self, record_id: str | None) -> None:
        if record_id is None:
            self.clear()
            return
        try:
            detail = findings.get_finding(self.context.uow(), record_id)
        except NotFoundError:
            self.clear()
            return
        if record_id != self.record_id:
            self.notice.hide()
        self.problem.show_text("")
        self.record_id, self.detail = record_id, detail
        self._show(detail)
        self.stack.setCurrentIndex(SHOWING)

    def due_text(self, detail: FindingDetail, today: date) -> str:
        due = detail.finding.response_due
        if due is None:
            return _("No response due")
        if detail.state.overdue(due, today):
            return tr("{date} — overdue by {days} days", date=format_date(due),
                      days=(today - due).days)
        return format_date(due)

    def _show(self, detail: FindingDetail) -> None:
        finding, state, today = detail.finding, detail.state, date.today()
        self.heading.setText(act_text(finding.act_type, finding.act_number, finding.act_date))
        due = self.due_text(detail, today)
        self.facts.fill(detail, due)
        self.state_line.setText(tr("{status} · response due {due}",
                                   status=status_label(state.status), due=due))
        colour = status_tint(state.status, finding.response_due, today)
        self.state_line.setStyleSheet("padding: 2px 6px; border-radius: 3px;" + (
            f"background: {css(colour)};" if colour else ""))
        self.history.set_events(list(detail.events), detail.skipped)
        self._show_actions(detail)
        allowed = ALLOWED[state.status]
        for kind, button in self.event_buttons.items():
            button.setEnabled(kind in allowed and self.may_edit)
        self.make_action.setEnabled(state.status != FindingStatus.CLOSED
                                    and self.may_make_action)
        self._attachment_state()

    def _show_actions(self, detail: FindingDetail) -> None:
        self.linked.clear()
        for action in detail.actions:
            item = QListWidgetItem(f"{format_date(action.deadline)} — {action.text} "
                                   f"({action_status_label(action.status)})")
            item.setData(Qt.ItemDataRole.UserRole, action.id)
            item.setToolTip(action.text)
            self.linked.addItem(item)
        self.show_actions.setEnabled(bool(detail.actions))
        self.tabs.setTabText(HISTORY_TAB, tr("History ({count})", count=len(detail.events)))
        self.tabs.setTabText(ACTIONS_TAB, tr("Actions ({count})", count=len(detail.actions)))

    def _attachment_state(self) -> None:
        event = self.history.selected_event()
        self.save_attachment.setEnabled(event is not None and bool(event.attachment_sha256))

    def fact(self, label: str) -> str:
        """What the pane shows for ``label`` (an English msgid); for tests and screen readers."""
        return self.facts.fact(label)

    # -- doing ---------------------------------------------------------------------------
    def open_event(self, kind: FindingEventKind) -> FindingEventDialog | None:
        """Open the dialog of ``kind`` (window-modal, not blocking) when the state allows it."""
        if self.detail is None or not self.event_buttons[kind].isEnabled():
            return None
        dialog = FindingEventDialog(self.context, self.detail, kind, self)
        dialog.accepted.connect(lambda: self._event_done(dialog.kind))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_edit(self) -> FindingDialog | None:
        if self.record_id is None or not self.may_edit:
            return None
        dialog = FindingDialog(self.context, self.lookups, self.record_id, parent=self)
        dialog.accepted.connect(lambda: self._changed(Changed.FINDINGS))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_make_action(self) -> FindingActionDialog | None:
        if self.record_id is None or not self.make_action.isEnabled():
            return None
        dialog = FindingActionDialog(self.context, self.lookups, self.record_id, parent=self)
        dialog.accepted.connect(self._action_made)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_actions(self) -> None:
        """The Actions page, filtered to the actions of this finding (every status)."""
        if self.record_id is not None:
            self.context.open_list("actions", {"finding": self.record_id, "status": ""})

    def _event_done(self, kind: FindingEventKind) -> None:
        self.notice.setText(tr("Recorded: {event}.", event=_(FINDING_EVENT_LABELS[kind])))
        self.notice.show()
        self._changed(Changed.FINDINGS)

    def _action_made(self) -> None:
        self.notice.setText(_("The action is made and linked to this finding."))
        self.notice.show()
        self.tabs.setCurrentIndex(ACTIONS_TAB)
        self._changed(Changed.FINDINGS | Changed.ACTIONS)

    def _changed(self, what: Changed) -> None:
        self.load(self.record_id)
        self.context.notifier.notify(what)

    # A pane that only shows: nothing to save or discard.
    def save(self) -> bool:
        return False

    def confirm_discard(self) -> bool:
        return True
