"""The offices this office exchanges with: trust one by its card, revoke trust."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Permission
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...domain.sync import OfficeInfo
from ...i18n import _, tr
from ...services import offices
from .. import theme
from ..access import may, withhold
from ..context import UiContext
from ..operations import Changed
from ..widgets.date_edit import format_date
from .card_dialog import CardDialog
from .common import (
    fill_table,
    fingerprint_font,
    selected_data,
    show_error,
    text_table,
)
from .office_box import CARD_SUFFIX

HEADERS = (N_("Name"), N_("Region"), N_("Fingerprint"), N_("Trust"), N_("CA"))


def _local_day(moment: datetime) -> str:
    """A UTC moment's day on this computer, as the user's calendar has it."""
    return format_date(moment.astimezone().date())


class OfficesBox(QWidget):
    """``changed`` fires when an office is trusted or revoked."""

    changed = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.offices: list[OfficeInfo] = []
        self.dialog: CardDialog | None = None
        self.table = text_table("officesTable", HEADERS, self, stretch=0)
        self.table.setAccessibleName(_("Trusted offices"))
        self.table.setMinimumHeight(120)
        self.table.itemSelectionChanged.connect(self._update)
        self.empty = QLabel(_("No other office yet. Import the card of each office this one "
                              "exchanges with."), self)
        self.empty.setObjectName("noOffices")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(theme.muted())
        self.import_button = QPushButton(_("&Import a card…"), self)
        self.import_button.setObjectName("importCard")
        self.import_button.clicked.connect(self.choose_card)
        self.revoke_button = QPushButton(_("Re&voke trust…"), self)
        self.revoke_button.setObjectName("revokeOffice")
        self.revoke_button.clicked.connect(lambda: self.revoke_selected())
        # Trusting and revoking are the administrator's; the list is everyone's to read.
        self.may_manage = may(context, Permission.MANAGE_OFFICES)
        if not self.may_manage:
            withhold(self.import_button, self.revoke_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty, 1)
        buttons.addStretch(0)  # keeps the buttons right when the note is hidden
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.revoke_button)
        column = QVBoxLayout(self)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)

    def load(self, has_identity: bool) -> None:
        current = selected_data(self.table)
        self.offices = sorted((o for o in offices.list_offices(self.context.uow())
                               if not o.is_self), key=lambda o: o.name.casefold())
        rows = []
        for office in self.offices:
            trust = tr("trusted since {day}", day=_local_day(office.added_at)) \
                if office.revoked_at is None else \
                tr("revoked on {day}", day=_local_day(office.revoked_at))
            rows.append([office.name, office.region or "—", office.fingerprint, trust,
                         _("yes") if office.has_ca else "—"])
        fill_table(self.table, rows, muted=[o.revoked_at is not None for o in self.offices],
                   data=[o.site_id for o in self.offices])
        font = fingerprint_font(0)
        for row in range(self.table.rowCount()):
            self.table.item(row, 2).setFont(font)
        self.table.resizeColumnsToContents()
        for row, office in enumerate(self.offices):
            if office.site_id == current:
                self.table.selectRow(row)
        self.empty.setVisible(not self.offices)
        self.import_button.setEnabled(has_identity and self.may_manage)
        self.import_button.setToolTip("" if has_identity else
                                      _("Set up this office's identity first."))
        self._update()

    def selected(self) -> OfficeInfo | None:
        site = selected_data(self.table)
        return next((o for o in self.offices if o.site_id == site), None)

    def _update(self) -> None:
        office = self.selected()
        self.revoke_button.setEnabled(self.may_manage and office is not None
                                      and office.revoked_at is None)

    # -- trusting ----------------------------------------------------------------------------
    def choose_card(self) -> CardDialog | None:
        if not self.may_manage:
            return None
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import an office card"), str(Path.home()),
            tr("Office cards (*{suffix});;All files (*)", suffix=CARD_SUFFIX))
        return self.open_card(Path(name)) if name else None

    def open_card(self, path: Path) -> CardDialog | None:
        """Read the card and show it for the fingerprint check (window-modal)."""
        try:
            data = path.read_bytes()
            preview = offices.preview_card(self.context.uow(), data)
        except (DomainError, OSError) as error:
            show_error(self, _("Import an office card"), error)
            return None
        self.dialog = CardDialog(self.context, data, preview, self)
        self.dialog.accepted.connect(self._trusted)
        self.dialog.open()
        return self.dialog

    def _trusted(self) -> None:
        self.changed.emit()
        # The office's CA is trusted now too: Settings lists it among the issuers.
        self.context.notifier.notify(Changed.SETTINGS)

    # -- revoking ----------------------------------------------------------------------------
    def revoke_selected(self, confirmed: bool = False) -> bool:
        office = self.selected()
        if office is None or office.revoked_at is not None or not self.may_manage:
            return False
        if not confirmed:
            answer = QMessageBox.question(self, _("Revoke trust"), tr(
                "Stop trusting {office}? Its bundles will be refused and nothing more is sent "
                "to it. The protocols it has signed keep verifying.", office=office.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            offices.revoke(self.context.uow(), office.site_id)
        except DomainError as error:
            show_error(self, _("Revoke trust"), error)
            return False
        self.changed.emit()
        return True
