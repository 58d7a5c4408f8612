"""The pane beside the register: the selected action's assignment, its state, its history,
and buttons for the events its state allows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Permission
from ...domain.action_life import ActionStatus, EventKind
from ...domain.action_views import ActionDetail
from ...domain.actions import EVENT_LABELS
from ...domain.errors import DomainError, NotFoundError
from ...domain.messages import N_
from ...i18n import _, error_text, tr
from ...services import action_reports, actions
from ..access import may, withhold
from ..context import UiContext
from ..meetings.lookups import Lookups
from ..operations import Changed
from ..pages.base import RecordEditor
from ..widgets.date_edit import format_date
from ..widgets.form import ErrorLabel
from .action_dialog import ActionDialog
from .event_dialogs import EventDialog
from .history import HistoryList, has_attachment
from .look import css, recurrence_text, rule_text, source_text, status_label, status_tint

EMPTY, SHOWING = 0, 1
HEADING_MAX = 260
# The event buttons in order: kind, label, shortcut shown in the tooltip.
BUTTONS = ((EventKind.REPORTED, N_("Report…"), "Ctrl+R"),
           (EventKind.ACCEPTED, N_("Accept…"), "Ctrl+Shift+A"),
           (EventKind.RETURNED, N_("Return…"), "Ctrl+Shift+R"),
           (EventKind.EXTENDED, N_("Extend…"), "Ctrl+Shift+E"),
           (EventKind.REASSIGNED, N_("Reassign…"), ""),
           (EventKind.CANCELLED, N_("Cancel…"), ""),
           (EventKind.COMMENT, N_("Comment…"), "Ctrl+Shift+M"))
WORKING = {EventKind.REPORTED, EventKind.EXTENDED, EventKind.REASSIGNED, EventKind.CANCELLED,
           EventKind.COMMENT}
# Who may record each event (as services/actions.py checks): accepting and returning are the
# controller's; a comment is anyone's who works on actions or controls them.
E, C = Permission.EDIT_ACTIONS, Permission.CONTROL_ACTIONS
EVENT_PERMISSIONS: dict[EventKind, tuple[Permission, ...]] = {
    EventKind.REPORTED: (E,), EventKind.ACCEPTED: (C,), EventKind.RETURNED: (C,),
    EventKind.EXTENDED: (E,), EventKind.REASSIGNED: (E,), EventKind.CANCELLED: (E,),
    EventKind.COMMENT: (E, C)}
ALLOWED = {ActionStatus.OPEN: WORKING,
           ActionStatus.REPORTED: WORKING | {EventKind.ACCEPTED, EventKind.RETURNED},
           ActionStatus.DONE: {EventKind.COMMENT},
           ActionStatus.CANCELLED: {EventKind.COMMENT}}
FACTS = (N_("Responsible agency"), N_("Co-executors"), N_("Official"), N_("Controller"),
         N_("Workgroup"), N_("Source"), N_("Deadline rule"), N_("Recurrence"),
         N_("Assigned on"), N_("Deadline"), N_("Status"), N_("Extensions"))


class ActionDetailPane(RecordEditor):
    """``dialog`` is the event or edit dialog opened last (tests drive it)."""

    def __init__(self, context: UiContext, lookups: Lookups,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("actionDetail")
        self.lookups = lookups
        self.detail: ActionDetail | None = None
        self.dialog: EventDialog | ActionDialog | None = None
        # What this role may record (the rest of the buttons are not offered), and edit.
        self.permitted = {kind for kind, needs in EVENT_PERMISSIONS.items()
                          if may(context, *needs)}
        self.may_edit = may(context, Permission.EDIT_ACTIONS)
        self.empty = QLabel(_("Select an action in the list, or press New action.")
                            if self.may_edit else _("Select an action in the list."), self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.heading = QLabel(self)
        self.heading.setObjectName("actionHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading.setFont(font)
        self.notice = QLabel(self)
        self.notice.setObjectName("actionNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.problem = ErrorLabel(self)
        self.problem.setObjectName("actionProblem")
        # Back to the finding the action checks (source FINDING); hidden for other actions.
        self.finding_link = QPushButton(self)
        self.finding_link.setObjectName("actionFindingLink")
        self.finding_link.setFlat(True)
        self.finding_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.finding_link.setToolTip(_("Open the finding on the Findings page"))
        self.finding_link.setAccessibleName(_("Open the finding on the Findings page"))
        self.finding_link.setStyleSheet("QPushButton { color: palette(link); text-align: left;"
                                        " border: none; padding: 0; }")
        underlined = self.finding_link.font()
        underlined.setUnderline(True)
        self.finding_link.setFont(underlined)
        self.finding_link.clicked.connect(self.open_finding)
        self.finding_link.hide()
        self.facts: dict[str, QLabel] = {}
        self.history = HistoryList(context, self)
        self.history.problem.connect(self.problem.show_text)
        self.history.itemSelectionChanged.connect(self._attachment_state)
        self.save_attachment = QPushButton(_("Save attachment…"), self)
        self.save_attachment.setObjectName("saveAttachment")
        self.save_attachment.clicked.connect(lambda: self.history.save_selected())
        self.event_buttons: dict[EventKind, QPushButton] = {}
        self.edit_button = QPushButton(_("Edit…"), self)
        self.edit_button.setObjectName("actionEdit")
        self.edit_button.setToolTip(_("Change the text, official, controller, co-executors "
                                      "or recurrence (Ctrl+E)"))
        self.edit_button.clicked.connect(self.open_edit)
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
        column.addWidget(self.notice)
        column.addWidget(self.problem)
        column.addWidget(self.finding_link, 0, Qt.AlignmentFlag.AlignLeft)
        facts = QFormLayout()
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        facts.setVerticalSpacing(3)
        for label in FACTS:
            value = QLabel(page)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(_(label))
            self.facts[label] = value
            facts.addRow(_(label) + ":", value)
        status = self.facts[N_("Status")]
        status.setWordWrap(False)
        status.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        column.addLayout(facts)
        column.addSpacing(4)
        column.addLayout(self._button_grid())
        caption = QLabel(_("History"), self)
        bold = caption.font()
        bold.setBold(True)
        caption.setFont(bold)
        caption.setBuddy(self.history)
        below = QHBoxLayout()
        below.addWidget(caption)
        below.addStretch(1)
        below.addWidget(self.save_attachment)
        column.addSpacing(4)
        column.addLayout(below)
        column.addWidget(self.history, 1)
        return page

    def _button_grid(self) -> QGridLayout:
        """Four to a row, only the commands this role may use: no gaps where others were."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        offered: list[QPushButton] = []
        for kind, label, keys in BUTTONS:
            button = QPushButton(_(label), self)
            button.setObjectName(f"event_{kind.value}")
            if keys:
                button.setToolTip(tr("{action} ({keys})", action=_(label).rstrip("…"),
                                     keys=keys))
            button.clicked.connect(lambda _checked=False, k=kind: self.open_event(k))
            self.event_buttons[kind] = button
            if kind in self.permitted:
                offered.append(button)
            else:
                withhold(button)
        if self.may_edit:
            offered.append(self.edit_button)
        else:
            withhold(self.edit_button)
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
            detail = actions.get_action(self.context.uow(), record_id)
        except NotFoundError:
            self.clear()
            return
        if record_id != self.record_id:
            self.notice.hide()
        self.problem.show_text("")
        self.record_id, self.detail = record_id, detail
        self._show(detail)
        self.stack.setCurrentIndex(SHOWING)

    def _show(self, detail: ActionDetail) -> None:
        action, state, today = detail.action, detail.state, date.today()
        # The whole text is in the tooltip and in Edit…; a very long one must not push the
        # history out of the pane.
        short = action.text if len(action.text) <= HEADING_MAX else \
            action.text[:HEADING_MAX].rstrip() + "…"
        self.heading.setText(short)
        self.heading.setToolTip(action.text)
        self.finding_link.setText(tr("From finding: {label}", label=detail.finding_label))
        self.finding_link.setVisible(bool(detail.finding_label and action.finding_id))
        source = source_text(action.source.value, detail.meeting_number,
                             detail.meeting_held_on, detail.decision_number)
        deadline = format_date(state.deadline)
        if detail.overdue(today):
            deadline = tr("{date} — overdue by {days} days", date=deadline,
                          days=(today - state.deadline).days)
        values = {
            N_("Responsible agency"): detail.agency_name, N_("Official"): detail.official_name,
            N_("Co-executors"): "; ".join(n for n in detail.co_agency_names if n),
            N_("Controller"): detail.controller_name, N_("Workgroup"): detail.workgroup_name,
            N_("Source"): source, N_("Deadline rule"): rule_text(action),
            N_("Recurrence"): recurrence_text(action),
            N_("Assigned on"): format_date(action.assigned_on), N_("Deadline"): deadline,
            N_("Status"): status_label(state.status), N_("Extensions"): str(state.extensions)}
        for label, value in values.items():
            self.facts[label].setText(value or "—")
        self._status_colour(detail, today)
        self.history.set_events(detail.events)
        allowed = ALLOWED[state.status]
        for kind, button in self.event_buttons.items():
            button.setEnabled(kind in allowed and kind in self.permitted)
        self._attachment_state()

    def _status_colour(self, detail: ActionDetail, today: date) -> None:
        soon, _person = action_reports.reminder_settings(self.context.uow())
        colour = status_tint(detail.state.status, detail.state.deadline, today, soon)
        label = self.facts[N_("Status")]
        style = "padding: 1px 6px; border-radius: 3px;"
        label.setStyleSheet(style + (f"background: {css(colour)};" if colour else ""))
        label.setEnabled(detail.state.status in (ActionStatus.OPEN, ActionStatus.REPORTED))

    def _attachment_state(self) -> None:
        self.save_attachment.setEnabled(has_attachment(self.history.selected_event()))

    def fact(self, label: str) -> str:
        """What the pane shows for ``label`` (an English msgid); for tests and screen readers."""
        return self.facts[label].text()

    def focus_actions(self) -> None:
        """Enter on the list: the keyboard goes to the first thing one can do."""
        for button in (*self.event_buttons.values(), self.edit_button):
            if button.isEnabled():
                button.setFocus()
                return

    # -- doing ---------------------------------------------------------------------------
    def open_finding(self) -> None:
        if self.detail is not None and self.detail.action.finding_id:
            self.context.open_list("findings", {"id": self.detail.action.finding_id})

    def open_event(self, kind: EventKind) -> EventDialog | None:
        """Open the dialog of ``kind`` (window-modal, not blocking) when the state allows it."""
        if self.detail is None or not self.event_buttons[kind].isEnabled():
            return None
        self.lookups.ensure()
        dialog = EventDialog(self.context, self.detail, kind, self.lookups, self)
        dialog.accepted.connect(lambda: self._event_done(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_edit(self) -> ActionDialog | None:
        if self.record_id is None or not self.may_edit:
            return None
        self.lookups.ensure()
        dialog = ActionDialog(self.context, self.lookups, action_id=self.record_id,
                              parent=self)
        dialog.accepted.connect(self._changed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _event_done(self, dialog: EventDialog) -> None:
        text = tr("Recorded: {event}.", event=_(EVENT_LABELS[dialog.kind]))
        if dialog.next_id is not None:
            text = self._next_text(dialog.next_id)
        self.notice.setText(text)
        self.notice.show()
        self._changed()

    def _next_text(self, next_id: str) -> str:
        try:
            following = actions.get_action(self.context.uow(), next_id)
        except DomainError as error:
            return error_text(error)
        return tr("Accepted. The next occurrence was created, due {date}.",
                  date=format_date(following.state.deadline))

    def _changed(self) -> None:
        self.load(self.record_id)
        self.context.notifier.notify(Changed.ACTIONS)

    # A pane that only shows: nothing to save or discard.
    def save(self) -> bool:
        return False

    def confirm_discard(self) -> bool:
        return True
