"""The versions of a meeting's minutes: number, status, the start of the SHA-256 of the stored
file, and who signed when. Choosing a row shows that version. Also the one-line status of a
version the window shows above the preview."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...domain.messages import N_
from ...domain.minutes import (
    MINUTES_STATUS_LABELS,
    SIGNER_ROLE_LABELS,
    MinutesSignature,
    MinutesVersion,
)
from ...domain.minutes_life import MinutesStatus
from ...i18n import _, format_day, tr

HEADERS = (N_("Version"), N_("Status"), N_("SHA-256"), N_("Signatures"))
SHORT_HASH = 12


def format_moment(moment: datetime) -> str:
    """A stored UTC moment in the local time of this computer."""
    local = moment.astimezone()
    return f"{format_day(local.date())} {local:%H:%M}"


def signature_text(signature: MinutesSignature) -> str:
    return tr("{name}, {time}", name=signature.signer, time=format_moment(signature.at))


class VersionsTable(QTableWidget):
    version_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setObjectName("minutesVersions")
        self.setAccessibleName(_("Versions of the minutes"))
        self.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.versions: list[MinutesVersion] = []
        self.currentCellChanged.connect(self._row_changed)

    def set_versions(self, versions: list[MinutesVersion], chosen: int | None) -> None:
        """Fill the rows and select version ``chosen`` (the newest when None) quietly."""
        self.blockSignals(True)
        self.versions = list(versions)
        self.setRowCount(len(versions))
        for row, version in enumerate(versions):
            signers = "; ".join(signature_text(s) for s in version.signatures)
            cells = (str(version.version), _(MINUTES_STATUS_LABELS[version.status]),
                     version.sha256[:SHORT_HASH] if version.sha256 else "—", signers)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(version.sha256 if column == 2 and version.sha256 else text)
                self.setItem(row, column, cell)
        numbers = [v.version for v in versions]
        target = numbers.index(chosen) if chosen in numbers else len(numbers) - 1
        if target >= 0:
            self.selectRow(target)
        self.blockSignals(False)

    def chosen_version(self) -> int | None:
        row = self.currentRow()
        return self.versions[row].version if 0 <= row < len(self.versions) else None

    def _row_changed(self, row: int, _column: int, previous: int, _previous_column: int
                     ) -> None:
        if row != previous and 0 <= row < len(self.versions):
            self.version_chosen.emit(self.versions[row].version)


def status_text(version: MinutesVersion | None) -> str:
    """One line on a version: status, number, who signed when, what it supersedes and why."""
    if version is None:
        return tr("{status} · version {number} · not approved yet",
                  status=_(MINUTES_STATUS_LABELS[MinutesStatus.DRAFT]), number=1)
    parts = [_(MINUTES_STATUS_LABELS[version.status]),
             tr("version {number}", number=version.version)]
    parts += [f"{_(SIGNER_ROLE_LABELS[s.role])}: {signature_text(s)}"
              for s in version.signatures]
    if version.supersedes_version is not None:
        parts.append(tr("supersedes version {number}", number=version.supersedes_version))
    if version.amendment_reason:
        parts.append(tr("reason: {reason}", reason=version.amendment_reason))
    return " · ".join(parts)
