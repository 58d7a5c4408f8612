"""The Audit page's filters: user, record kind, record id and the day from–to. A date or id
still being typed is not applied; a date that cannot be read shows red until it reads."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.messages import N_
from ...i18n import _
from ...services import audit
from .. import theme
from ..widgets.date_edit import DateEdit

TYPING_PAUSE_MS = 400


class AuditFilterBar(QWidget):
    """``changed`` fires once per settled user change (or per ``set_filters``)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = QComboBox(self)
        self.user.setObjectName("auditUserFilter")
        self.user.setAccessibleName(_("User"))
        self.user.setMinimumContentsLength(12)
        self.user.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind = QComboBox(self)
        self.kind.setObjectName("auditKindFilter")
        self.kind.setAccessibleName(_("Record kind"))
        self.kind.addItem(_("All record kinds"), "")
        for table, label in sorted(((t, _(label)) for t, label in audit.RECORD_KINDS.items()),
                                   key=lambda pair: pair[1].casefold()):
            self.kind.addItem(label, table)
        self.record = QLineEdit(self)
        self.record.setObjectName("auditRecordFilter")
        self.record.setAccessibleName(_("Record id"))
        self.record.setPlaceholderText(_("Record id (whole)"))
        self.record.setClearButtonEnabled(True)
        self.record.setMinimumWidth(self.record.fontMetrics().horizontalAdvance("0" * 38))
        self.date_from = DateEdit(self, field="from", label=N_("From"))
        self.date_from.setAccessibleName(_("Changes from"))
        self.date_to = DateEdit(self, field="to", label=N_("To"))
        self.date_to.setAccessibleName(_("Changes to"))
        for edit in (self.date_from, self.date_to):
            edit.line.setMinimumWidth(edit.line.maximumWidth())
        self.reset = QToolButton(self)
        self.reset.setObjectName("auditResetFilters")
        self.reset.setText(_("Reset filters"))
        self.reset.setToolTip(_("Show the whole trail again"))
        self.reset.clicked.connect(lambda: self.set_filters({}))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._typed)
        self._applied: dict[str, str] = {}
        self.fill_users([])
        self._arrange()
        self._connect()

    def _arrange(self) -> None:
        first = QHBoxLayout()
        first.setContentsMargins(0, 0, 0, 0)
        for caption, widget in ((_("&User"), self.user), (_("Record &kind"), self.kind),
                                (_("Record &id"), self.record)):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            first.addWidget(label)
            first.addWidget(widget, 1 if widget is self.record else 0)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        since = QLabel(_("Changes &from"), self)
        since.setBuddy(self.date_from)
        second.addWidget(since)
        second.addWidget(self.date_from)
        until = QLabel(_("t&o"), self)
        until.setBuddy(self.date_to)
        second.addWidget(until)
        second.addWidget(self.date_to)
        second.addSpacing(12)
        second.addWidget(self.reset)
        second.addStretch(1)
        self.second_row = second  # the page adds its count and buttons here
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(first)
        column.addLayout(second)

    def _connect(self) -> None:
        for combo in (self.user, self.kind):
            combo.currentIndexChanged.connect(lambda _index: self._typed())
        self.record.textEdited.connect(lambda _text: self._timer.start())
        self.record.editingFinished.connect(self._typed)
        for edit in (self.date_from, self.date_to):
            edit.edited.connect(self._timer.start)
            edit.line.editingFinished.connect(self._typed)

    def fill_users(self, users: list[str]) -> None:
        """The users who appear in the trail, keeping the chosen one."""
        keep = self.user.currentData() or ""
        with QSignalBlocker(self.user):
            self.user.clear()
            self.user.addItem(_("All users"), "")
            for name in users:
                self.user.addItem(name, name)
            if keep and self.user.findData(keep) < 0:
                self.user.addItem(keep, keep)  # filtered by a user with no entries (yet)
            self.user.setCurrentIndex(max(0, self.user.findData(keep)))

    # -- reading ---------------------------------------------------------------------------
    def _date(self, edit: DateEdit) -> tuple[date | None, bool]:
        try:
            value = edit.value()
        except DomainError:
            edit.line.setStyleSheet(theme.error_style())
            return None, False
        edit.line.setStyleSheet("")
        return value, True

    def _read(self) -> dict[str, str]:
        found = {"user": self.user.currentData() or "", "table": self.kind.currentData() or "",
                 "row_id": self.record.text().strip()}
        for key, edit in (("from", self.date_from), ("to", self.date_to)):
            day, readable = self._date(edit)
            if readable:
                found[key] = day.isoformat() if day else ""
            else:  # still being typed: the last day that read stays applied
                found[key] = self._applied.get(key, "")
        return {key: value for key, value in found.items() if value}

    def filters(self) -> dict[str, str]:
        """The filters applied, as ``entries_model.audit_query`` takes them."""
        return dict(self._applied)

    def _typed(self) -> None:
        self._timer.stop()
        found = self._read()
        if found != self._applied:
            self._applied = found
            self.changed.emit()

    # -- setting ---------------------------------------------------------------------------
    def set_filters(self, filters: dict[str, str]) -> None:
        """Show exactly ``filters`` (others back to "all"); one ``changed``."""
        blockers = [QSignalBlocker(w) for w in (self.user, self.kind, self.record)]
        wanted_user = filters.get("user", "")
        if wanted_user and self.user.findData(wanted_user) < 0:
            self.user.addItem(wanted_user, wanted_user)
        self.user.setCurrentIndex(max(0, self.user.findData(wanted_user)))
        self.kind.setCurrentIndex(max(0, self.kind.findData(filters.get("table", ""))))
        self.record.setText(filters.get("row_id", ""))
        for edit, key in ((self.date_from, "from"), (self.date_to, "to")):
            try:
                edit.set_value(date.fromisoformat(filters[key]) if filters.get(key) else None)
            except ValueError:
                edit.set_value(None)
        del blockers
        self._timer.stop()
        self._applied = self._read()
        self.changed.emit()
