"""Signing keys: the office CA, the certificates it issued to people or that were imported, and
the issuers this office trusts. Private keys stay in the keys folder of the data directory; the
OS keyring keeps their passphrases, and without one the user chooses and types them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.errors import DomainError, ValidationError
from ...domain.messages import N_
from ...domain.minutes import SIGNER_ROLE_LABELS, CertificateInfo, CertificateKind
from ...i18n import _, tr
from ...services import action_reports, directory, keys
from .. import theme
from ..context import UiContext
from ..operations import Changed
from ..widgets.date_edit import format_date
from ..widgets.passphrase_dialog import ask_passphrase
from . import ca_files
from .certificate_dialog import CertificateDialog, CertificateRequest
from .fingerprints import grouped
from .section import SettingsSection

KIND_LABELS = {CertificateKind.OFFICE_CA: N_("Office CA"),
               CertificateKind.SIGNER: N_("Signing"),
               CertificateKind.TRUSTED_ISSUER: N_("Trusted issuer")}
KIND_ORDER = list(KIND_LABELS)
COLUMNS = (N_("Kind"), N_("Subject"), N_("Person"), N_("Role"), N_("Valid"), N_("Key here"),
           N_("Status"))
STATUS_COLUMN = 6
SOON_DAYS = 60  # a certificate this close to its end is flagged so a new one is issued in time
NO_KEYRING = N_("No system keyring is available on this computer, so each new key is protected "
                "by a passphrase you choose, and that passphrase is asked for whenever the key "
                "is used.")
NOT_CREATED = N_("Nothing was created: no passphrase was given.")


def status_of(info: CertificateInfo, now: datetime) -> tuple[str, QColor | None]:
    """The status text and the row's highlight, if any."""
    if now < info.not_before:
        return _("not yet valid"), theme.qcolour(theme.WARNING_BACK)
    if now > info.not_after:
        return _("expired"), theme.qcolour(theme.ERROR_BACK)
    days = (info.not_after - now).days
    if days <= SOON_DAYS:
        return tr("expires in {days} days", days=days), theme.qcolour(theme.WARNING_BACK)
    return _("valid now"), None


@contextmanager
def _waiting() -> Iterator[None]:
    """Key generation and PKCS#12 encryption take a moment: show it."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class KeysBox(SettingsSection):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Signing keys"), "Keys", parent)
        self.certificates: list[CertificateInfo] = []
        self.ca: CertificateInfo | None = None
        self.dialog: CertificateDialog | None = None
        self.notice = QLabel(_(NO_KEYRING), self)
        self.notice.setObjectName("keyringNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(theme.warning_style())
        self.ca_state = QLabel(self)
        self.ca_state.setObjectName("caState")
        self.ca_state.setWordWrap(True)
        self.ca_fingerprint = self._selectable("caFingerprint")
        self.ca_until = self._selectable("caValidUntil")
        self.create_ca_button = QPushButton(_("Create the office CA…"), self)
        self.create_ca_button.setObjectName("createCa")
        self.create_ca_button.clicked.connect(lambda: self.create_ca())
        ca_row = QWidget(self)
        row = QHBoxLayout(ca_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.ca_state, 1)
        row.addWidget(self.create_ca_button)
        self.form.add_row(N_("Office CA"), ca_row)
        self.form.add_row(N_("Fingerprint (SHA-256)"), self.ca_fingerprint)
        self.form.add_row(N_("Valid until"), self.ca_until)
        self.table = self._table()
        self.issue_button = QPushButton(_("Issue certificate…"), self)
        self.issue_button.setObjectName("issueCertificate")
        self.issue_button.clicked.connect(self.open_issue_dialog)
        self.import_button = QPushButton(_("Import PKCS#12…"), self)
        self.import_button.setObjectName("importPkcs12")
        self.import_button.clicked.connect(self.open_import_dialog)
        self.trust_button = QPushButton(_("Trust another office's CA…"), self)
        self.trust_button.setObjectName("trustCa")
        self.trust_button.setToolTip(_("Accept minutes signed at another office: choose the "
                                       "CA certificate it sent and compare the fingerprint "
                                       "with that office."))
        self.trust_button.clicked.connect(self._trust_ca)
        self.export_button = QPushButton(_("Export our CA…"), self)
        self.export_button.setObjectName("exportCa")
        self.export_button.clicked.connect(self._export_ca)
        self.result = QLabel(self)
        self.result.setObjectName("keysResult")
        self.result.setWordWrap(True)
        self.result.setStyleSheet(theme.muted())
        buttons = QHBoxLayout()
        buttons.addWidget(self.result, 1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.trust_button)
        buttons.addWidget(self.export_button)
        column = QVBoxLayout(self)
        column.addWidget(self.notice)
        column.addWidget(self.form)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        self.load()

    def _selectable(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS), self)
        table.setObjectName("certificates")
        table.setAccessibleName(_("Signing keys"))
        table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setMinimumHeight(140)
        header = table.horizontalHeader()
        for index in range(len(COLUMNS)):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return table

    @property
    def keyring_available(self) -> bool:
        return self.context.app.keychain.keyring_available

    # -- showing ---------------------------------------------------------------------------
    def load(self) -> None:
        uow = self.context.uow
        self.notice.setVisible(not self.keyring_available)
        self.ca = keys.office_ca(uow())
        self.certificates = sorted(keys.list_certificates(uow()),
                                   key=lambda c: (KIND_ORDER.index(c.kind), c.subject))
        has_ca = self.ca is not None
        if self.ca is None:
            self.ca_state.setText(_("None yet. Create it once: it issues the signing "
                                    "certificates of chairs and secretaries."))
        else:
            self.ca_state.setText(self.ca.subject)
            self.ca_fingerprint.setText(grouped(self.ca.fingerprint))
            self.ca_until.setText(format_date(self.ca.not_after.date()))
        for widget in (self.ca_fingerprint, self.ca_until):
            self.form.layout_.setRowVisible(widget, has_ca)
        self.create_ca_button.setVisible(not has_ca)
        self.issue_button.setEnabled(has_ca)
        self.export_button.setEnabled(has_ca)
        self.issue_button.setToolTip("" if has_ca else _("Create the office CA first."))
        self._fill_table(self._people())

    def _people(self) -> dict[str, str]:
        return {c.id: c.label for c in directory.person_choices(self.context.uow())}

    def _fill_table(self, people: dict[str, str]) -> None:
        now = datetime.now(UTC)
        self.table.setRowCount(len(self.certificates))
        for row, info in enumerate(self.certificates):
            status, highlight = status_of(info, now)
            cells = (_(KIND_LABELS[info.kind]), info.subject,
                     people.get(info.person_id or "", ""),
                     _(SIGNER_ROLE_LABELS[info.role]) if info.role else "",
                     f"{format_date(info.not_before.date())} – "
                     f"{format_date(info.not_after.date())}",
                     _("yes") if info.has_key else "—", status)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tr("Issuer: {issuer}\nSHA-256: {digest}", issuer=info.issuer,
                                   digest=grouped(info.fingerprint)))
                if highlight is not None:
                    item.setBackground(highlight)
                self.table.setItem(row, column, item)

    def rows(self) -> list[list[str]]:
        """The table as text, for tests and screen readers' sake."""
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]

    # -- the office CA -----------------------------------------------------------------------
    def create_ca(self, confirmed: bool = False) -> bool:
        self.form.clear_errors()
        self.result.setText("")
        office = action_reports.office_name(self.context.uow())
        if not office.strip():
            self.form.show_error(ValidationError(N_(
                "Give the office's name in the Office box first: the CA certificate carries "
                "it.")))
            return False
        if not confirmed and self.keyring_available:
            answer = QMessageBox.question(self, _("Create the office CA"), tr(
                "Create the certification authority of “{office}”? It is made once and "
                "issues the signing certificates of this office.", office=office))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        passphrase = None
        if not self.keyring_available:
            passphrase = ask_passphrase(self, _("Passphrase of the office CA"), tr(
                "{reason} Choose the passphrase of the office CA; it is asked for each time "
                "a certificate is issued.", reason=_(NO_KEYRING)), confirm=True)
            if passphrase is None:
                self.result.setText(_(NOT_CREATED))
                return False
        return self._run(lambda: keys.ca_init(self.context.uow(), self.context.app.keychain,
                                              office_name=office, passphrase=passphrase),
                         _("The office CA is created."), self.form.show_error)

    # -- issuing and importing ---------------------------------------------------------------
    def open_issue_dialog(self) -> CertificateDialog:
        return self._open_dialog(importing=False)

    def open_import_dialog(self) -> CertificateDialog:
        return self._open_dialog(importing=True)

    def _open_dialog(self, importing: bool) -> CertificateDialog:
        people = directory.person_choices(self.context.uow())
        submit = self.import_certificate if importing else self.issue_certificate
        self.dialog = CertificateDialog(self, people, submit, importing=importing)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()  # window-modal without a nested event loop
        return self.dialog

    def issue_certificate(self, request: CertificateRequest) -> bool:
        """Issue through the services; False when the user cancels a passphrase question."""
        chain = self.context.app.keychain
        if self.ca is None:
            raise ValidationError(N_("Create the office CA first."))
        ca_passphrase = None
        if keys.needs_passphrase(chain, self.ca.id):
            ca_passphrase = ask_passphrase(self, _("Passphrase of the office CA"), _(
                "The office CA signs the new certificate; type its passphrase."))
            if ca_passphrase is None:
                return False
        passphrase = self._new_key_passphrase()
        if passphrase is None and not self.keyring_available:
            return False
        return self._run(lambda: keys.issue(
            self.context.uow(), chain, request.person_id, request.role,
            ca_passphrase=ca_passphrase, passphrase=passphrase, years=request.years),
            _("The certificate is issued."), _raise)

    def import_certificate(self, request: CertificateRequest) -> bool:
        assert request.file is not None  # the dialog asks for it
        try:
            data = request.file.read_bytes()
        except OSError as error:
            raise ValidationError(N_("The file cannot be read: {reason}"), field="file",
                                  reason=error.strerror or str(error)) from error
        passphrase = self._new_key_passphrase()
        if passphrase is None and not self.keyring_available:
            return False
        return self._run(lambda: keys.import_pkcs12(
            self.context.uow(), self.context.app.keychain, data, request.file_passphrase,
            request.person_id, request.role, passphrase=passphrase),
            _("The certificate is imported."), _raise)

    def _trust_ca(self) -> None:
        if ca_files.ask_and_trust(self.context, self):
            self.load()
            self.context.notifier.notify(Changed.SETTINGS)

    def _export_ca(self) -> None:
        ca_files.ask_and_export(self.context, self)

    def _new_key_passphrase(self) -> str | None:
        """None where the keyring keeps the key's passphrase (or the user cancelled)."""
        if self.keyring_available:
            return None
        return ask_passphrase(self, _("Passphrase of the new key"), tr(
            "{reason} Choose the passphrase of this key; its holder types it when signing.",
            reason=_(NO_KEYRING)), confirm=True)

    def _run(self, work: Callable[[], object], done: str,
             on_error: Callable[[DomainError], None]) -> bool:
        """Do ``work``; on success reload and tell everyone, on a refusal hand it on."""
        try:
            with _waiting():
                work()
        except DomainError as error:
            on_error(error)
            return False
        if isValid(self):
            self.load()
            self.result.setText(done)
        self.context.notifier.notify(Changed.SETTINGS)
        return True


def _raise(error: DomainError) -> None:
    """Inside a dialog the refusal goes back to it, to show beside its field."""
    raise error
