""""Make action…": the actions' own dialog, filled from the finding's draft (check that the
violations are eliminated, for the inspected agency); what it creates stays linked to the
finding both ways."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QWidget

from ...domain.actions import Action
from ...i18n import _
from ...services import findings
from ..actions.action_dialog import ActionDialog
from ..context import UiContext
from ..meetings.lookups import Lookups


class FindingActionDialog(ActionDialog):
    def __init__(self, context: UiContext, lookups: Lookups, finding_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, lookups, parent=parent)
        self.setWindowTitle(_("New action from the finding"))
        self.draft = findings.draft_action(context.uow(), finding_id)
        self.text.setPlainText(self.draft.text)
        self.agency.set_value(self.draft.agency_id)
        self.controller.set_value(self.draft.controller_id)
        self.workgroup.set_value(self.draft.workgroup_id)
        self.assigned.set_value(self.draft.assigned_on)
        self.update_preview()

    def collect(self) -> Action:
        # The form knows nothing of findings: the link comes from the draft.
        return replace(super().collect(), source=self.draft.source,
                       finding_id=self.draft.finding_id, meeting_id=None)
