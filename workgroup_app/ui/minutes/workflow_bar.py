"""The steps of the minutes as buttons, each enabled only where the workflow allows it:
approve a draft, reopen or sign approved minutes (chair first, then secretary), amend signed
ones, make extracts from any fixed version."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QPushButton, QVBoxLayout, QWidget

from ...domain.minutes_life import MinutesStatus
from ...i18n import _

FIXED = (MinutesStatus.APPROVED, MinutesStatus.SIGNED_BY_CHAIR, MinutesStatus.SIGNED)


class WorkflowBar(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Steps"), parent)
        self.setObjectName("minutesWorkflow")
        column = QVBoxLayout(self)

        def button(name: str, text: str, tip: str) -> QPushButton:
            made = QPushButton(text, self)
            made.setObjectName(name)
            made.setToolTip(tip)
            column.addWidget(made)
            return made

        self.approve = button("minutesApprove", _("Approve"),
                              _("Fix the protocol as it is now; the meeting's content is "
                                "locked"))
        self.reopen = button("minutesReopen", _("Reopen…"),
                             _("Back to a draft, so the meeting can be edited; the reason is "
                               "recorded"))
        self.sign_chair = button("minutesSignChair", _("Sign as chair"),
                                 _("The chair of the meeting signs first, with their own "
                                   "certificate"))
        self.sign_secretary = button("minutesSignSecretary", _("Sign as secretary"),
                                     _("The secretary signs after the chair"))
        self.amend = button("minutesAmend", _("Amend…"),
                            _("Start a new version that will supersede the signed one"))
        self.extract = button("minutesExtract", _("Extract…"),
                              _("One item's decisions for one agency, as its own PDF"))

    def update_state(self, status: MinutesStatus | None, *, idle: bool, built: bool) -> None:
        """``status`` of the newest version (None: never approved); ``built``: the draft's
        document could be made, so the meeting is complete."""
        draft = status in (None, MinutesStatus.DRAFT)
        self.approve.setEnabled(idle and draft and built)
        self.reopen.setEnabled(idle and status == MinutesStatus.APPROVED)
        self.sign_chair.setEnabled(idle and status == MinutesStatus.APPROVED)
        self.sign_secretary.setEnabled(idle and status == MinutesStatus.SIGNED_BY_CHAIR)
        self.amend.setEnabled(idle and status == MinutesStatus.SIGNED)
        self.extract.setEnabled(idle and status in FIXED)
