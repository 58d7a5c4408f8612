"""This office: set up its identity once; then its name, region and fingerprint, large enough
to read aloud by phone, and its card to export for the other offices."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Permission
from ...domain.errors import DomainError
from ...domain.sync import OfficeInfo
from ...i18n import _, tr
from ...services import offices
from .. import theme
from ..access import may
from ..context import UiContext
from ..operations import Changed
from ..settings.office_box import COUNTRY_NAMES
from .common import fingerprint_label, office_passphrase, show_error, show_fingerprint
from .setup_dialog import SetupDialog

CARD_SUFFIX = ".wgcard"
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def card_file_name(office: str) -> str:
    name = UNSAFE.sub(" ", office).strip(" .") or "office"
    return f"{name}{CARD_SUFFIX}"


class OfficeBox(QGroupBox):
    """``changed`` fires when the identity is made."""

    changed = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(_("This office"), parent)
        self.context = context
        self.office: OfficeInfo | None = None
        self.dialog: SetupDialog | None = None
        # Setting up the identity and exporting the card are the administrator's.
        self.may_manage = may(context, Permission.MANAGE_OFFICES)
        self.intro = QLabel(_("This office has no exchange identity yet. Set it up once: "
                              "other offices will know it by its card and fingerprint.")
                            if self.may_manage else
                            _("This office has no exchange identity yet; an administrator "
                              "sets it up."), self)
        self.intro.setObjectName("noIdentity")
        self.intro.setWordWrap(True)
        self.setup_button = QPushButton(_("&Set up this office's identity…"), self)
        self.setup_button.setObjectName("setupIdentity")
        self.setup_button.clicked.connect(self.open_setup)
        self.details = QWidget(self)
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.name = QLabel(self.details)
        self.name.setObjectName("officeName")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.region = QLabel(self.details)
        self.region.setObjectName("officeRegion")
        self.fingerprint = fingerprint_label("officeFingerprint", self.details)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Region"), self.region)
        form.addRow(_("Fingerprint"), self.fingerprint)
        hint = QLabel(_("Read this fingerprint to the other office when it imports this "
                        "office's card."), self.details)
        hint.setWordWrap(True)
        hint.setStyleSheet(theme.muted())
        form.addRow("", hint)
        self.export_button = QPushButton(_("E&xport office card…"), self)
        self.export_button.setObjectName("exportCard")
        self.export_button.clicked.connect(self.choose_card_file)
        buttons = QHBoxLayout()
        buttons.addWidget(self.setup_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.intro)
        column.addWidget(self.details)
        column.addLayout(buttons)
        column.addStretch(1)

    def load(self) -> None:
        self.office = offices.own_office(self.context.uow())
        has = self.office is not None
        self.intro.setVisible(not has)
        self.setup_button.setVisible(not has and self.may_manage)
        self.setup_button.setEnabled(self.may_manage)
        self.details.setVisible(has)
        self.export_button.setVisible(has and self.may_manage)
        self.export_button.setEnabled(self.may_manage)
        if self.office is not None:
            self.name.setText(self.office.name)
            country = COUNTRY_NAMES.get(self.office.country)
            region = ", ".join(p for p in (self.office.region,
                                           _(country) if country else self.office.country) if p)
            self.region.setText(region or "—")
            show_fingerprint(self.fingerprint, self.office.fingerprint)

    # -- set up ------------------------------------------------------------------------------
    def open_setup(self) -> SetupDialog:
        """Window-modal, without a nested event loop (tests drive ``self.dialog``)."""
        self.dialog = SetupDialog(self.context, self)
        self.dialog.accepted.connect(self._set_up)
        self.dialog.open()
        return self.dialog

    def _set_up(self) -> None:
        self.load()
        self.changed.emit()
        self.context.notifier.notify(Changed.SETTINGS)  # the office CA may be new

    # -- the card ----------------------------------------------------------------------------
    def choose_card_file(self) -> None:
        if self.office is None or not self.may_manage:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export office card"), str(Path.home() / card_file_name(self.office.name)),
            tr("Office cards (*{suffix})", suffix=CARD_SUFFIX))
        if name:
            path = Path(name)
            self.export_card(path if path.suffix else path.with_suffix(CARD_SUFFIX))

    def export_card(self, path: Path) -> bool:
        answer = office_passphrase(self.context, self, _(
            "The card is signed with this office's key."))
        if not answer.ok:
            return False
        try:
            data = offices.export_card(self.context.uow(), self.context.app.keychain,
                                       answer.value)
            path.write_bytes(data)
        except (DomainError, OSError) as error:
            show_error(self, _("Export office card"), error)
            return False
        QMessageBox.information(self, _("Export office card"), tr(
            "The card is saved to {path}. Give it to the other office (on a drive or by "
            "mail), then read them this fingerprint by phone:\n\n{fingerprint}",
            path=str(path), fingerprint=self.fingerprint.text()))
        return True
