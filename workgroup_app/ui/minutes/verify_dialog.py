"""Check the signatures of any signed minutes PDF, this office's or another's.

``VerificationPanel`` shows a report (a banner and one row per signature) and is embedded by
the minutes window too; ``VerifyDialog`` picks or receives a dropped file and checks it off the
UI thread (pyHanko's validation runs its own event loop)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.errors import DomainError
from ...domain.messages import N_
from ...domain.minutes import (
    SIGNATURE_VERDICT_LABELS,
    SIGNER_ROLE_LABELS,
    SignatureCheck,
    SignatureVerdict,
    VerificationReport,
)
from ...i18n import _, error_text, tr
from ...services import minutes
from .. import theme
from ..context import UiContext
from ..operations import run_in_background
from ..widgets.date_edit import format_date

_BANNER = "QLabel {{ background: {back}; color: {fore}; border: 1px solid {fore}; " \
          "border-radius: 4px; padding: 8px; font-weight: bold; }}"
# (background, text) per look, each a (light, dark) pair: see theme.py
BANNER_COLOURS = {"good": (theme.GOOD_BACK, theme.GOOD), "bad": (theme.ERROR_BACK, theme.ERROR),
                  "idle": (theme.NEUTRAL_BACK, theme.MUTED)}
VERDICT_COLOURS = {SignatureVerdict.VALID: theme.GOOD, SignatureVerdict.INVALID: theme.ERROR,
                   SignatureVerdict.CHANGED: theme.ERROR, SignatureVerdict.UNTRUSTED: theme.WARNING,
                   SignatureVerdict.UNSIGNED: theme.WARNING}


def banner_style(look: str) -> str:
    back, fore = BANNER_COLOURS[look]
    return _BANNER.format(back=theme.colour(back), fore=theme.colour(fore))
VERDICT_ICONS = {
    SignatureVerdict.VALID: QStyle.StandardPixmap.SP_DialogApplyButton,
    SignatureVerdict.INVALID: QStyle.StandardPixmap.SP_MessageBoxCritical,
    SignatureVerdict.CHANGED: QStyle.StandardPixmap.SP_MessageBoxCritical,
    SignatureVerdict.UNTRUSTED: QStyle.StandardPixmap.SP_MessageBoxWarning,
    SignatureVerdict.UNSIGNED: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
# What a verdict means and what to do about it, shown under the table when it occurs.
VERDICT_ADVICE = {
    SignatureVerdict.INVALID: N_("Invalid: the file's bytes no longer match the signature, or "
                                 "the signature cannot be read. Ask for the original file."),
    SignatureVerdict.CHANGED: N_("Changed after signing: the signed content is intact, but the "
                                 "file was altered afterwards. Ask for the original file."),
    SignatureVerdict.UNTRUSTED: N_("Untrusted issuer: the signature is intact, but its "
                                   "certificate comes from a certification authority this "
                                   "office does not trust, for example another office's. Ask "
                                   "that office to confirm the certificate's SHA-256 (point at "
                                   "the row to see it)."),
    SignatureVerdict.UNSIGNED: N_("Not signed yet: the document has a place for this "
                                  "signature, but nobody has signed it."),
}
COLUMNS = (N_("Role"), N_("Signer"), N_("Issuer"), N_("Signed at"), N_("Verdict"))
VERDICT_COLUMN = 4


def grouped_hex(value: str, size: int = 4) -> str:
    """A long hex digest in groups, so people can read it aloud and compare it."""
    value = value.upper()
    return " ".join(value[i:i + size] for i in range(0, len(value), size))


def local_time(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    local = moment.astimezone()
    return f"{format_date(local.date())} {local:%H:%M:%S}"


def role_label(check: SignatureCheck) -> str:
    role = check.role
    return _(SIGNER_ROLE_LABELS[role]) if role is not None else check.field


def summary(report: VerificationReport) -> str:
    """The banner's text: all good, or which signature has which problem."""
    if report.all_valid:
        if len(report.checks) == 1:
            return _("The signature is valid.")
        return tr("All {count} signatures are valid.", count=len(report.checks))
    if _only_waiting(report):
        waiting = ", ".join(role_label(c) for c in report.checks
                            if c.verdict == SignatureVerdict.UNSIGNED)
        signed = sum(c.verdict == SignatureVerdict.VALID for c in report.checks)
        return tr("Signed so far: {signed} of {count}, valid. Not signed yet: {waiting}.",
                  signed=signed, count=len(report.checks), waiting=waiting)
    problems = [f"{role_label(c)}: {_(SIGNATURE_VERDICT_LABELS[c.verdict])}"
                for c in report.checks if c.verdict != SignatureVerdict.VALID]
    return tr("Signature problems: {problems}.", problems="; ".join(problems))


def _only_waiting(report: VerificationReport) -> bool:
    """Every signature so far is valid; some fields still wait for theirs."""
    verdicts = {c.verdict for c in report.checks}
    return SignatureVerdict.VALID in verdicts and \
        verdicts <= {SignatureVerdict.VALID, SignatureVerdict.UNSIGNED}


class VerificationPanel(QWidget):
    """A verification report: a green or red banner, a row per signature, the file's digest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: VerificationReport | None = None
        self.banner = QLabel(self)
        self.banner.setObjectName("verifyBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("verifyChecks")
        self.table.setAccessibleName(_("Signature checks"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Names share the width and elide when tight; role, time and verdict always show whole.
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.advice = QLabel(self)
        self.advice.setObjectName("verifyAdvice")
        self.advice.setWordWrap(True)
        self.digest = QLabel(self)
        self.digest.setObjectName("verifyDigest")
        self.digest.setWordWrap(True)
        self.digest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.digest.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.table, 1)
        column.addWidget(self.advice)
        column.addWidget(self.digest)
        column.addStretch(0)  # takes the room while the table is hidden
        self.show_message(_("No file checked yet."))

    def show_message(self, text: str) -> None:
        """A neutral state: nothing checked yet, or a check under way."""
        self._reset()
        self.banner.setText(text)
        self.banner.setStyleSheet(banner_style("idle"))

    def show_error(self, message: str) -> None:
        """The file could not be checked at all (not a PDF, damaged, no signatures)."""
        self._reset()
        self.banner.setText(message)
        self.banner.setStyleSheet(banner_style("bad"))

    def show_report(self, report: VerificationReport) -> None:
        self.report = report
        self.banner.setText(summary(report))
        look = "good" if report.all_valid else "idle" if _only_waiting(report) else "bad"
        self.banner.setStyleSheet(banner_style(look))
        self.table.setRowCount(len(report.checks))
        for row, check in enumerate(report.checks):
            self._fill_row(row, check)
        self.table.show()
        verdicts = {c.verdict for c in report.checks}
        advice = [_(text) for verdict, text in VERDICT_ADVICE.items() if verdict in verdicts]
        self.advice.setText("\n".join(advice))
        self.advice.setVisible(bool(advice))
        self.digest.setText(tr("SHA-256 of the file ({size} bytes): {digest}", size=report.size,
                               digest=grouped_hex(report.sha256)))

    def _fill_row(self, row: int, check: SignatureCheck) -> None:
        fingerprint = tr("Certificate SHA-256: {digest}",
                         digest=grouped_hex(check.fingerprint)) if check.fingerprint else ""
        cells = (role_label(check), check.signer or "—", check.issuer or "—",
                 local_time(check.signed_at), _(SIGNATURE_VERDICT_LABELS[check.verdict]))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip("\n".join(t for t in (text, fingerprint, check.detail) if t))
            self.table.setItem(row, column, item)
        verdict = self.table.item(row, VERDICT_COLUMN)
        verdict.setForeground(theme.qcolour(VERDICT_COLOURS[check.verdict]))
        verdict.setIcon(self.style().standardIcon(VERDICT_ICONS[check.verdict]))
        font = verdict.font()
        font.setBold(True)
        verdict.setFont(font)

    def _reset(self) -> None:
        self.report = None
        self.table.setRowCount(0)
        self.table.hide()
        self.advice.hide()
        self.digest.setText("")


class VerifyDialog(QDialog):
    """Choose or drop a PDF; its signatures are checked against the issuers this office
    trusts."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path: Path | None = None
        self.setObjectName("verifyDialog")
        self.setWindowTitle(_("Verify a signed PDF"))
        self.setAcceptDrops(True)
        self.resize(920, 380)
        intro = QLabel(_("Choose a signed minutes PDF, or drop it on this window. Each "
                         "signature is checked: who signed, when, with whose certificate, and "
                         "whether the file changed after signing."), self)
        intro.setWordWrap(True)
        self.source = QLabel(self)
        self.source.setObjectName("verifySource")
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(_("Choose a PDF…"), self)
        self.choose_button.setObjectName("chooseVerifyFile")
        self.choose_button.clicked.connect(self.choose_file)
        self.panel = VerificationPanel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.source, 1)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(row)
        column.addWidget(self.panel, 1)
        column.addWidget(buttons)

    def choose_file(self) -> None:
        start = str(self.path.parent) if self.path else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a signed PDF"), start, _("PDF files (*.pdf);;All files (*)"))
        if path:
            self.check_file(Path(path))

    def check_file(self, path: Path) -> None:
        """Read ``path`` and check its signatures in the background."""
        self.path = path
        self.source.setText(path.name)
        self.source.setToolTip(str(path))
        self.choose_button.setEnabled(False)
        self.panel.show_message(_("Checking the signatures…"))
        app = self.context.app
        # Reading too happens off the UI thread: the file may be large or on a slow stick.
        run_in_background(lambda: minutes.verify(app.uow(), minutes.read_pdf(path)),
                          self._checked, self._failed)

    def _checked(self, report: VerificationReport) -> None:
        if not isValid(self):  # closed while the check ran
            return
        self.choose_button.setEnabled(True)
        self.panel.show_report(report)

    def _failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        self.choose_button.setEnabled(True)
        if isinstance(error, DomainError):
            self.panel.show_error(error_text(error))
        else:
            self.panel.show_error(tr("The file could not be checked: {reason}",
                                     reason=str(error)))

    # -- drag and drop -----------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.check_file(path)


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    return files[0] if len(files) == 1 else None


def open_verify_dialog(context: UiContext, parent: QWidget | None = None) -> VerifyDialog:
    """Show the dialog without blocking the main window; it deletes itself when closed."""
    dialog = VerifyDialog(context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
