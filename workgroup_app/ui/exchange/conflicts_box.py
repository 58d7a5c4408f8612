"""Values overwritten when two offices changed the same field: every office keeps the same
winner; the value that lost is listed here and can be written back as a new change."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Permission
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...domain.sync import ConflictInfo
from ...i18n import _, tr
from ...services import exchange_status
from .. import theme
from ..access import may, withhold
from ..context import UiContext
from .common import fill_table, moment, selected_data, show_error, text_table

VALUE_WIDTH = 260  # pixels at most for a kept or overwritten value
HEADERS = (N_("Record"), N_("Field"), N_("Kept value"), N_("Overwritten value"), N_("When"),
           N_("Restored"))


def kind(conflict: ConflictInfo) -> str:
    label = exchange_status.TABLE_LABELS.get(conflict.table)
    return _(label) if label else conflict.table


def field_label(column: str) -> str:
    """The column as the editors label it ("short_name" -> "Short name"), translated when
    a catalogue has that label."""
    return _(column.replace("_", " ").capitalize())


def conflict_row(conflict: ConflictInfo) -> list[str]:
    return [tr("{kind}: {record}", kind=kind(conflict), record=conflict.record),
            field_label(conflict.column),
            tr("{value} ({office})", value=conflict.kept, office=conflict.kept_office),
            tr("{value} ({office})", value=conflict.lost, office=conflict.lost_office),
            moment(conflict.seen_at),
            moment(conflict.restored_at) if conflict.restored_at else "—"]


class ConflictsBox(QWidget):
    """``restored`` fires after a value is written back (a record of some page changed)."""

    restored = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.conflicts: list[ConflictInfo] = []
        intro = QLabel(_("Where two offices changed the same field, the later change is kept "
                         "at every office and the other value is listed here. Restoring it "
                         "writes it back as a new change of this office, sent on the next "
                         "export."), self)
        intro.setWordWrap(True)
        intro.setStyleSheet(theme.muted())
        self.table = text_table("conflictsTable", HEADERS, self, stretch=0)
        for number in (2, 3):  # long values are cut; the whole is in the tooltip
            self.table.horizontalHeader().setSectionResizeMode(
                number, QHeaderView.ResizeMode.Interactive)
        self.table.setAccessibleName(_("Conflicts"))
        self.table.itemSelectionChanged.connect(self._update)
        self.show_restored = QCheckBox(_("Show res&tored"), self)
        self.show_restored.setObjectName("showRestored")
        self.show_restored.toggled.connect(lambda _on: self.load())
        self.restore_button = QPushButton(_("Restore the &overwritten value…"), self)
        self.restore_button.setObjectName("restoreConflict")
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        # Writing a value back is a change sent to every office: only a role that exchanges.
        self.may_restore = may(context, Permission.EXCHANGE)
        if not self.may_restore:
            withhold(self.restore_button)
        self.count = QLabel(self)
        self.count.setObjectName("conflictsCount")
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.show_restored)
        row.addWidget(self.restore_button)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.table, 1)
        column.addLayout(row)

    def load(self) -> None:
        current = selected_data(self.table)
        self.conflicts = exchange_status.conflicts(
            self.context.uow(), include_restored=self.show_restored.isChecked())
        fill_table(self.table, [conflict_row(c) for c in self.conflicts],
                   muted=[c.restored_at is not None for c in self.conflicts],
                   data=[c.id for c in self.conflicts])
        for number, conflict in enumerate(self.conflicts):
            for column, value, office, when in (
                    (2, conflict.kept, conflict.kept_office, conflict.kept_at),
                    (3, conflict.lost, conflict.lost_office, conflict.lost_at)):
                self.table.item(number, column).setToolTip(
                    value + "\n" + tr("Written at {office}, {when}", office=office,
                                      when=moment(when)))
            if conflict.id == current:
                self.table.selectRow(number)
        for number in (2, 3):
            self.table.resizeColumnToContents(number)
            self.table.setColumnWidth(number, min(self.table.columnWidth(number), VALUE_WIDTH))
        open_ = sum(1 for c in self.conflicts if c.restored_at is None)
        self.count.setText(tr("Conflicts: {count}", count=open_) if self.conflicts
                           else _("No conflicts."))
        self._update()

    def selected(self) -> ConflictInfo | None:
        wanted = selected_data(self.table)
        return next((c for c in self.conflicts if c.id == wanted), None)

    def _update(self) -> None:
        conflict = self.selected()
        self.restore_button.setEnabled(self.may_restore and conflict is not None
                                       and conflict.restored_at is None)

    def restore_selected(self, confirmed: bool = False) -> bool:
        conflict = self.selected()
        if conflict is None or conflict.restored_at is not None or not self.may_restore:
            return False
        if not confirmed:
            answer = QMessageBox.question(self, _("Restore the overwritten value"), tr(
                "Write “{lost}” back into {field} of {record}, replacing “{kept}”? Every "
                "office gets it on the next exchange.", lost=conflict.lost,
                field=field_label(conflict.column),
                record=tr("{kind}: {record}", kind=kind(conflict), record=conflict.record),
                kept=conflict.kept),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            exchange_status.restore_conflict(self.context.uow(), conflict.id)
        except DomainError as error:
            show_error(self, _("Restore the overwritten value"), error)
            self.load()
            return False
        self.load()
        self.restored.emit()
        return True
