"""Receive: find the bundles addressed to this office on a drive, in a folder or a file; show
what they would bring (a dry run: exact, then rolled back); apply them; report.

Bundles for other offices are listed but left alone. Applying runs in one transaction per
bundle: Cancel while it runs rolls back the bundle being read (those before it stay)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.errors import DomainError
from ...domain.messages import N_
from ...domain.sync import OUTCOME_LABELS, BundleOutcome, Cancelled, FoundBundle, Outcome
from ...i18n import _, tr
from ...services import exchange_import
from ...services.exchange_status import TABLE_LABELS
from .. import theme
from ..context import UiContext
from ..operations import Changed
from .common import (
    bundle_number,
    fill_table,
    message,
    office_passphrase,
    outcome_message,
    show_error,
    text_table,
)
from .place_picker import PlacePicker
from .worker import CancelFn, Job, ProgressFn

FOUND_HEADERS = (N_("Sender"), N_("Bundle"), N_("State"), N_("File"))
OUTCOME_HEADERS = (N_("Sender"), N_("Bundle"), N_("Result"), N_("Brings"), N_("Conflicts"),
                   N_("Note"))
STATE_LABELS = {"new": N_("for this office, new"), "imported": N_("already imported"),
                "waiting": N_("held: waits for an earlier bundle"),
                "other office": N_("for another office: left alone"),
                "unreadable": N_("not a readable bundle")}
TO_APPLY = (Outcome.PREVIEW, Outcome.QUARANTINED)
SUMMARY_DRY = {Outcome.PREVIEW: N_("{count} bundle(s) would apply"),
               Outcome.QUARANTINED: N_("{count} would wait for an earlier bundle"),
               Outcome.REFUSED: N_("{count} refused"),
               Outcome.REPLAY: N_("{count} imported before")}
SUMMARY_DONE = {Outcome.APPLIED: N_("{count} bundle(s) applied"),
                Outcome.QUARANTINED: N_("{count} held until an earlier bundle comes"),
                Outcome.REFUSED: N_("{count} refused"),
                Outcome.REPLAY: N_("{count} imported before")}


def brings(outcome: BundleOutcome) -> str:
    """What a bundle brings, per kind of record: "Agency: 2 new, 1 changed; …"."""
    tables = [t for t in TABLE_LABELS if t in outcome.new or t in outcome.changed]
    tables += sorted(t for t in {*outcome.new, *outcome.changed} if t not in TABLE_LABELS)
    parts = []
    for table in tables:
        counts = []
        if outcome.new.get(table):
            counts.append(tr("{count} new", count=outcome.new[table]))
        if outcome.changed.get(table):
            counts.append(tr("{count} changed", count=outcome.changed[table]))
        label = _(TABLE_LABELS[table]) if table in TABLE_LABELS else table
        parts.append(tr("{kind}: {counts}", kind=label, counts=", ".join(counts)))
    if outcome.blobs:
        parts.append(tr("{count} file(s)", count=outcome.blobs))
    return "; ".join(parts) or ("—" if outcome.outcome in (Outcome.REFUSED, Outcome.REPLAY)
                                else _("nothing new"))


def outcome_row(outcome: BundleOutcome) -> list[str]:
    note = outcome_message(outcome.msgid, outcome.params, outcome.message)
    return [outcome.sender or "—", bundle_number(outcome.channel_seq),
            _(OUTCOME_LABELS[outcome.outcome]), brings(outcome),
            str(outcome.conflicts) if outcome.conflicts else "—", note]


class ImportDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.job: Job | None = None
        self.found: list[FoundBundle] = []
        self.outcomes: list[BundleOutcome] = []
        self.applied = False
        self.source: Path | None = None
        self.passphrase: str | None = None
        self.setWindowTitle(_("Receive from other offices"))
        self.setMinimumSize(720, 500)
        self.steps = QStackedWidget(self)
        self.steps.addWidget(self._choose_step())
        self.steps.addWidget(self._progress_step())
        self.steps.addWidget(self._outcome_step())
        self.check_button = QPushButton(_("&Check what they bring"), self)
        self.check_button.setObjectName("checkImport")
        self.check_button.clicked.connect(self.check)
        self.apply_button = QPushButton(_("&Apply"), self)
        self.apply_button.setObjectName("applyImport")
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setObjectName("cancelImport")
        self.cancel_button.clicked.connect(self.reject)
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.setObjectName("closeImport")
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.check_button, self.apply_button, self.cancel_button,
                       self.close_button):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(self.steps, 1)
        column.addLayout(buttons)
        self._show_step(0)
        self.scan()

    # -- the steps ---------------------------------------------------------------------------
    def _choose_step(self) -> QWidget:
        page = QWidget(self)
        self.places = PlacePicker(_("&Where the bundles are:"), writable=False, files=True,
                                  parent=page)
        self.places.chosen.connect(self.scan)
        caption = QLabel(_("Bundles found there:"), page)
        self.found_table = text_table("foundTable", FOUND_HEADERS, page, stretch=3)
        caption.setBuddy(self.found_table)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.places, 1)
        column.addWidget(caption)
        column.addWidget(self.found_table, 1)
        return page

    def _progress_step(self) -> QWidget:
        page = QWidget(self)
        self.progress_label = QLabel(page)
        self.progress_label.setObjectName("importProgressLabel")
        self.progress_label.setWordWrap(True)
        self.progress = QProgressBar(page)
        self.progress.setObjectName("importProgress")
        note = QLabel(_("Each bundle is verified first and applied all at once, or not at "
                        "all."), page)
        note.setWordWrap(True)
        note.setStyleSheet(theme.muted())
        column = QVBoxLayout(page)
        column.addStretch(1)
        column.addWidget(self.progress_label)
        column.addWidget(self.progress)
        column.addWidget(note)
        column.addStretch(1)
        return page

    def _outcome_step(self) -> QWidget:
        page = QWidget(self)
        self.summary = QLabel(page)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.outcome_table = text_table("outcomeTable", OUTCOME_HEADERS, page)
        self.outcome_table.setAccessibleName(_("Bundles received"))
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.outcome_table, 1)
        return page

    def _show_step(self, number: int) -> None:
        self.steps.setCurrentIndex(number)
        previewing = number == 2 and not self.applied
        self.check_button.setVisible(number == 0)
        self.apply_button.setVisible(previewing)
        self.apply_button.setEnabled(any(o.outcome in TO_APPLY for o in self.outcomes))
        self.cancel_button.setVisible(number in (0, 1) or previewing)
        self.cancel_button.setEnabled(True)
        self.close_button.setVisible(number == 2 and self.applied)
        for button in (self.check_button, self.apply_button, self.close_button,
                       self.cancel_button):
            button.setDefault(False)
        default = {0: self.check_button, 1: None,
                   2: self.apply_button if previewing else self.close_button}[number]
        if number == 2 and previewing and not self.apply_button.isEnabled():
            default = self.cancel_button
        if default is not None:
            default.setDefault(True)
            default.setFocus()
        self._update()

    def _update(self) -> None:
        if self.steps.currentIndex() == 0:
            self.check_button.setEnabled(any(
                (f.for_us and f.state != "imported") or f.state == "unreadable"
                for f in self.found))

    # -- looking -----------------------------------------------------------------------------
    def scan(self) -> None:
        """List the bundles at the chosen place from their headers (nothing is opened)."""
        self.source = self.places.path()
        self.found = []
        if self.source is not None:
            try:
                self.found = exchange_import.scan(self.context.uow(), self.source)
            except (DomainError, OSError) as error:
                show_error(self, _("Receive"), error)
        mine = sorted(self.found, key=lambda f: (not f.for_us, f.sender.casefold(),
                                                 f.channel_seq))
        fill_table(self.found_table,
                   [[f.sender or "—", bundle_number(f.channel_seq),
                     _(STATE_LABELS.get(f.state, f.state)), Path(f.path).name] for f in mine],
                   muted=[not f.for_us or f.state == "imported" for f in mine])
        self._update()

    # -- the work ----------------------------------------------------------------------------
    def check(self) -> None:
        """The dry run: verify and merge everything, report, roll back."""
        if self.source is None or self.job is not None:
            return
        answer = office_passphrase(self.context, self, _(
            "The bundles are opened with this office's key."))
        if not answer.ok:
            return
        self.passphrase = answer.value
        self._run(True, tr("Checking the bundles in {path}…", path=str(self.source)))

    def apply(self) -> None:
        if self.source is None or self.job is not None or self.applied:
            return
        self._run(False, tr("Applying the bundles from {path}…", path=str(self.source)))

    def _run(self, dry_run: bool, label: str) -> None:
        uow, keychain = self.context.uow, self.context.app.keychain
        work_dir = self.context.app.config.data_dir / "sync"
        source, passphrase = self.source, self.passphrase
        assert source is not None

        def work(progress: ProgressFn, cancelled: CancelFn) -> list[BundleOutcome]:
            return exchange_import.import_path(uow(), keychain, source, work_dir,
                                               dry_run=dry_run, passphrase=passphrase,
                                               progress=progress, cancelled=cancelled)

        self.progress.setRange(0, 0)
        self.progress_label.setText(label)
        self._show_step(1)
        self.job = Job(work, self._moved,
                       lambda result: self._finished(result, dry_run), self._failed)

    def _moved(self, done: int, total: int) -> None:
        if isValid(self):
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _finished(self, outcomes: list[BundleOutcome], dry_run: bool) -> None:
        self.job = None
        if not dry_run:
            self.applied = True
            # Anything may have come in: every page reloads what it shows.
            self.context.notifier.notify(Changed.ALL)
        if not isValid(self):
            return
        self.outcomes = outcomes
        fill_table(self.outcome_table, [outcome_row(o) for o in outcomes],
                   muted=[o.outcome == Outcome.REPLAY for o in outcomes])
        self.summary.setText(self._summary(outcomes, dry_run))
        self._show_step(2)

    def _summary(self, outcomes: list[BundleOutcome], dry_run: bool) -> str:
        counted = {kind: sum(1 for o in outcomes if o.outcome == kind) for kind in Outcome}
        labels = SUMMARY_DRY if dry_run else SUMMARY_DONE
        parts = [tr(labels[kind], count=counted[kind]) for kind in labels if counted[kind]]
        shown = ", ".join(parts) or _("no bundle for this office")
        text = tr("Nothing is changed yet: {parts}.", parts=shown) if dry_run \
            else tr("Done: {parts}.", parts=shown)
        conflicts = sum(o.conflicts for o in outcomes)
        if conflicts:
            text += " " + tr("{count} field(s) were changed both here and there: the later "
                             "change wins, the other value is kept under Conflicts.",
                             count=conflicts)
        if dry_run and (counted[Outcome.PREVIEW] or counted[Outcome.QUARANTINED]):
            text += " " + _("Press Apply to take them in.")
        return text

    def _failed(self, error: Exception) -> None:
        self.job = None
        if not isValid(self):
            return
        if isinstance(error, Cancelled):
            self.context.notifier.notify(Changed.ALL)  # bundles before it may have applied
            self._show_step(0)
            self.places.note.setText(message(error))
            self.places.note.setVisible(True)
            self.scan()
            return
        self._show_step(2 if self.outcomes else 0)
        show_error(self, _("Receive"), error)

    # -- closing -----------------------------------------------------------------------------
    def reject(self) -> None:
        """Escape or Cancel: while working, ask the work to stop — the bundle in progress
        rolls back whole; the dialog stays until it has."""
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(_("Cancelling…"))
            return
        super().reject()

    def busy(self) -> bool:
        return self.job is not None

    def closeEvent(self, event: Any) -> None:
        if self.job is not None:
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)
