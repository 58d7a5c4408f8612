"""One audit entry in full: who, when, where, which record, and every changed field with its
value before and after."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.messages import N_
from ...i18n import _, tr
from ...services import audit
from ...services.audit import AuditLine

FACTS = (N_("Time"), N_("Office"), N_("Entry No."), N_("User"), N_("Role"), N_("Record kind"),
         N_("Record id"), N_("Operation"))


class AuditDetailsPane(QWidget):
    """``record_chosen`` carries the record id when "Only this record" is pressed."""

    record_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line: AuditLine | None = None
        self.placeholder = QLabel(_("Choose an entry to see what it changed."), self)
        self.placeholder.setWordWrap(True)
        self.facts: dict[str, QLabel] = {}
        form = QFormLayout()
        for msgid in FACTS:
            value = QLabel(self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.facts[msgid] = value
            form.addRow(_(msgid), value)
        self.facts[N_("Record id")].setObjectName("auditRecordId")
        self.changes = QTableWidget(0, 3, self)
        self.changes.setObjectName("auditChanges")
        self.changes.setAccessibleName(_("Changed fields"))
        self.changes.setHorizontalHeaderLabels([_("Field"), _("Before"), _("After")])
        self.changes.verticalHeader().hide()
        self.changes.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.changes.setWordWrap(True)
        header = self.changes.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.changes_caption = QLabel(self)
        self.only_record = QPushButton(_("Only this &record"), self)
        self.only_record.setObjectName("auditOnlyRecord")
        self.only_record.setToolTip(_("Show the whole history of this record"))
        self.only_record.clicked.connect(self._only_record)
        self.body = QWidget(self)
        facts = QVBoxLayout()
        facts.addLayout(form)
        facts.addStretch(1)
        facts.addWidget(self.only_record, 0, Qt.AlignmentFlag.AlignLeft)
        changes = QVBoxLayout()
        changes.addWidget(self.changes_caption)
        changes.addWidget(self.changes, 1)
        row = QHBoxLayout(self.body)  # below the list: the facts, and the changes beside them
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(facts, 2)
        row.addLayout(changes, 5)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        outer.addWidget(self.placeholder)
        outer.addWidget(self.body, 1)
        self.clear()

    def clear(self) -> None:
        self.line = None
        self.body.hide()
        self.placeholder.show()

    def show_line(self, line: AuditLine) -> None:
        self.line = line
        values = (audit.local_time(line.at), line.office, str(line.seq), line.user,
                  audit.role_label(line.role), audit.record_kind(line.table), line.row_id,
                  audit.operation_label(line.operation))
        for msgid, value in zip(FACTS, values, strict=True):
            self.facts[msgid].setText(value)
        fields = audit.changed_fields(line.changes)
        self.changes_caption.setText(tr("Changed fields: {count}", count=len(fields))
                                     if fields else _("No field changed."))
        self.changes.setRowCount(len(fields))
        for row, texts in enumerate(fields):
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.changes.setItem(row, column, item)
        self.placeholder.hide()
        self.body.show()

    def before_after(self) -> list[tuple[str, str, str]]:
        """The changes as shown: (field, before, after) per row."""
        return [tuple(self.changes.item(row, column).text() for column in range(3))
                for row in range(self.changes.rowCount())]  # type: ignore[misc]

    def _only_record(self) -> None:
        if self.line is not None:
            self.record_chosen.emit(self.line.row_id)
