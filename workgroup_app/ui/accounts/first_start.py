"""The first start of a store without accounts: this office, then the first administrator, who
is signed in when the wizard ends. Cancel leaves the program (the store stays as it was, but
for the office identity if that page was passed)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from ...bootstrap import AppContext
from ...i18n import _
from .admin_page import AdminPage
from .office_page import OfficePage


class FirstStartWizard(QWizard):
    """``signed_in`` carries the new administrator before the wizard closes."""

    signed_in = Signal(object, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartWizard")
        self.setWindowTitle(_("Welcome to Workgroup"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(620, 520)
        self.office_page = OfficePage(context)
        self.admin_page = AdminPage(context)
        self.addPage(self.office_page)
        self.addPage(self.admin_page)

    def accept(self) -> None:
        """Finish: the admin page makes the account; then the main window opens before the
        wizard goes (QWizard.done checks the page again, which keeps its account)."""
        if not self.validateCurrentPage() or self.admin_page.actor is None:
            return
        self.signed_in.emit(self.admin_page.actor, "")
        super().accept()
