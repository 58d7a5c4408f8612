"""Exchange with offline offices on removable media (DESIGN §5): this office's identity and
card, the offices it trusts, Send and Receive, the status of each peer and the conflicts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Permission
from ...domain.messages import N_
from ...i18n import _, tr
from .. import theme
from ..access import may
from ..context import UiContext
from ..exchange.conflicts_box import ConflictsBox
from ..exchange.export_dialog import ExportDialog
from ..exchange.import_dialog import ImportDialog
from ..exchange.office_box import CARD_SUFFIX, OfficeBox
from ..exchange.offices_box import OfficesBox
from ..exchange.status_table import StatusTable
from ..operations import Changed
from .base import Page


class ExchangePage(Page):
    key = "exchange"
    title = N_("Exchange")
    shows = Changed.ALL  # every change waits to be sent; an import may bring anything

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._stale = False
        self.export_dialog: ExportDialog | None = None
        self.import_dialog: ImportDialog | None = None
        heading = QLabel("<h2>" + _("Exchange") + "</h2>", self)
        self.office_box = OfficeBox(context, self)
        self.office_box.changed.connect(self.refresh)
        self.offices_box = OfficesBox(context, self)
        self.offices_box.changed.connect(self.refresh)
        self.status = StatusTable(context, self)
        self.conflicts = ConflictsBox(context, self)
        self.conflicts.restored.connect(lambda: self.context.notifier.notify(Changed.ALL))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("exchangeTabs")
        self.tabs.addTab(self.offices_box, _("Trusted o&ffices"))
        self.tabs.addTab(self.status, _("St&atus"))
        self.tabs.addTab(self.conflicts, _("Co&nflicts"))
        # Sending and receiving are for a role that exchanges; the status is everyone's.
        self.may_exchange = may(context, Permission.EXCHANGE)
        self.transfer_box = self._transfer_box()
        self.transfer_box.setVisible(self.may_exchange)
        top = QHBoxLayout()
        top.addWidget(self.office_box, 3)
        top.addWidget(self.transfer_box, 2)
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addLayout(top)
        column.addWidget(self.tabs, 1)
        QWidget.setTabOrder(self.office_box.setup_button, self.office_box.export_button)
        QWidget.setTabOrder(self.office_box.export_button, self.send_button)
        QWidget.setTabOrder(self.send_button, self.receive_button)
        QWidget.setTabOrder(self.receive_button, self.tabs)
        self.refresh()

    def _transfer_box(self) -> QGroupBox:
        box = QGroupBox(_("On a removable drive"), self)
        self.send_button = QPushButton(_("Sen&d (export)…"), box)
        self.send_button.setObjectName("sendButton")
        self.send_button.setToolTip(_("Write what the other offices have not received yet to "
                                      "a drive or folder"))
        self.send_button.clicked.connect(self.open_export)
        self.receive_button = QPushButton(_("&Receive (import)…"), box)
        self.receive_button.setObjectName("receiveButton")
        self.receive_button.setToolTip(_("Take in the bundles other offices wrote for this "
                                         "one"))
        self.receive_button.clicked.connect(self.open_import)
        for button in (self.send_button, self.receive_button):
            button.setMinimumHeight(button.sizeHint().height() + 12)
        self.transfer_note = QLabel(box)
        self.transfer_note.setObjectName("transferNote")
        self.transfer_note.setWordWrap(True)
        self.transfer_note.setStyleSheet(theme.muted())
        column = QVBoxLayout(box)
        column.addWidget(self.send_button)
        column.addWidget(self.receive_button)
        column.addWidget(self.transfer_note)
        column.addStretch(1)
        return box

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self._stale = False
        self.office_box.load()
        has_identity = self.office_box.office is not None
        self.offices_box.load(has_identity)
        self.status.load()
        self.conflicts.load()
        trusted = sum(1 for o in self.offices_box.offices if o.revoked_at is None)
        self.send_button.setEnabled(self.may_exchange and has_identity and trusted > 0)
        self.receive_button.setEnabled(self.may_exchange and has_identity)
        if not has_identity:
            note = _("Set up this office's identity first.")
        elif not trusted:
            note = _("Import the card of another office before sending to it.")
        else:
            note = tr("Bundles go to {count} trusted office(s), each in its own file only "
                      "that office can open.", count=trusted)
        self.transfer_note.setText(note)
        open_conflicts = sum(1 for c in self.conflicts.conflicts if c.restored_at is None)
        self.tabs.setTabText(2, tr("Co&nflicts ({count})", count=open_conflicts)
                             if open_conflicts else _("Co&nflicts"))

    def _on_changed(self, what: Changed) -> None:
        if not what & self.shows:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # reloaded when the page is shown next

    def activated(self) -> None:
        if self._stale:
            self.refresh()

    # -- the dialogs -------------------------------------------------------------------------
    def open_export(self) -> ExportDialog:
        """Window-modal without a nested event loop (tests drive ``self.export_dialog``)."""
        self.export_dialog = ExportDialog(self.context, self)
        self.export_dialog.finished.connect(lambda _result: self.refresh())
        self.export_dialog.open()
        return self.export_dialog

    def open_import(self, path: Path | None = None) -> ImportDialog:
        """The Receive dialog; with ``path`` (a bundle opened from the file manager) it is
        the place chosen, its bundles listed."""
        self.import_dialog = ImportDialog(self.context, self)
        self.import_dialog.finished.connect(lambda _result: self.refresh())
        self.import_dialog.open()
        if path is not None:
            self.import_dialog.places.add_place(path)
            self.import_dialog.scan()
        return self.import_dialog

    def open_file(self, path: Path) -> QWidget | None:
        """A file handed to the program (the file manager's Open): an office card goes to
        the fingerprint check, anything else to Receive as a bundle."""
        if path.suffix.lower() == CARD_SUFFIX:
            return self.offices_box.open_card(path) if self.offices_box.may_manage else None
        return self.open_import(path)
