"""The members of a workgroup: a small table of person, role and period, with Add and Remove.

Cells show plain text (elided when narrow); clicking a cell opens its editor there: a person
combo with type-to-search, a role combo, or a date with a calendar.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import WorkgroupMember
from ...domain.enums import MEMBER_ROLE_LABELS, MemberRole
from ...domain.errors import ValidationError
from ...domain.messages import N_
from ...domain.rules import parse_date
from ...domain.views import Choice
from ...i18n import _
from ..widgets.choice_combo import ChoiceCombo
from ..widgets.date_edit import DateEdit, format_date

PERSON, ROLE, SINCE, UNTIL = range(4)
HEADERS = (N_("Person"), N_("Role"), N_("Since"), N_("Until"))
DATE_LABELS = {SINCE: N_("Member since"), UNTIL: N_("Member until")}
ID = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


class _Grid(QTableWidget):
    def commit_open_editor(self) -> None:
        """Write what an open cell editor holds into the cell (before the table is read)."""
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)


class MemberDelegate(QStyledItemDelegate):
    def __init__(self, owner: MembersTable) -> None:
        super().__init__(owner)
        self.owner = owner

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        column = index.column()
        if column == PERSON:
            combo = ChoiceCombo(parent)
            combo.setMinimumContentsLength(6)
            combo.set_choices(self.owner.people)
            combo.chosen.connect(lambda _id: self.commitData.emit(combo))
            return combo
        if column == ROLE:
            roles = QComboBox(parent)
            for role, label in MEMBER_ROLE_LABELS.items():
                roles.addItem(_(label), role.value)
            roles.activated.connect(lambda _index: self.commitData.emit(roles))
            return roles
        edit = DateEdit(parent, field="members", label=DATE_LABELS[column])
        edit.setAutoFillBackground(True)
        edit.edited.connect(lambda: self.commitData.emit(edit))
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, ChoiceCombo):
            editor.set_value(index.data(ID))
        elif isinstance(editor, DateEdit):
            editor.setText(index.data(Qt.ItemDataRole.DisplayRole) or "")
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(ID))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: Index) -> None:
        # Read the editor first: each setData makes the view refill the open editor.
        if isinstance(editor, ChoiceCombo):
            value = editor.value()
            text = editor.label() if value else ""
        elif isinstance(editor, DateEdit):
            value, text = None, editor.text().strip()
        elif isinstance(editor, QComboBox):
            value, text = editor.currentData(), editor.currentText()
        else:
            return
        if value is not None or isinstance(editor, ChoiceCombo):
            model.setData(index, value, ID)
        model.setData(index, text)
        self.owner.edited.emit()


class MembersTable(QWidget):
    """``members()`` reads the rows back as WorkgroupMember records (ids kept)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people: list[Choice] = []
        self._names: dict[str, str] = {}
        self._ids: list[str] = []
        self.table = _Grid(0, len(HEADERS), self)
        self.table.setObjectName("membersTable")
        self.table.setAccessibleName(_("Members"))
        self.table.setHorizontalHeaderLabels([_(title) for title in HEADERS])
        self.table.setItemDelegate(MemberDelegate(self))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.CurrentChanged
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PERSON, QHeaderView.ResizeMode.Stretch)
        digits = self.fontMetrics().horizontalAdvance("00.00.0000")
        for column, width in ((ROLE, 130), (SINCE, digits + 40), (UNTIL, digits + 40)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.setMinimumHeight(180)
        self.add_button = QPushButton(_("Add member"), self)
        self.add_button.setObjectName("addMember")
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button = QPushButton(_("Remove member"), self)
        self.remove_button.setObjectName("removeMember")
        self.remove_button.clicked.connect(self.remove_current)
        self.remove_button.setEnabled(False)
        self.table.currentCellChanged.connect(
            lambda row, *_rest: self.remove_button.setEnabled(row >= 0))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_people(self, people: list[Choice]) -> None:
        self.people = people
        self._names = {choice.id: choice.label for choice in people}

    def set_members(self, members: list[WorkgroupMember]) -> None:
        self.table.setRowCount(0)
        self._ids = []
        for member in members:
            self.add(member)
        self.table.setCurrentCell(-1, -1)
        self.remove_button.setEnabled(False)

    def members(self) -> list[WorkgroupMember]:
        """The rows as records; a row without a person or with a bad date is an error."""
        self.table.commit_open_editor()
        result = []
        for row in range(self.table.rowCount()):
            person_id = self._cell(row, PERSON).data(ID)
            if not person_id:
                raise ValidationError(N_("Choose a person in line {row} of the members."),
                                      field="members", row=row + 1)
            result.append(WorkgroupMember(
                person_id, MemberRole(self._cell(row, ROLE).data(ID)), self._date(row, SINCE),
                self._date(row, UNTIL), id=self._ids[row]))
        return result

    def ensure_member(self, person_id: str, role: MemberRole, since: date | None) -> None:
        """An officer belongs to the members: add them with ``role``, or give a plain member
        the role."""
        for row in range(self.table.rowCount()):
            if self._cell(row, PERSON).data(ID) == person_id:
                cell = self._cell(row, ROLE)
                if cell.data(ID) == MemberRole.MEMBER.value:
                    cell.setData(ID, role.value)
                    cell.setText(_(MEMBER_ROLE_LABELS[role]))
                return
        self.add(WorkgroupMember(person_id, role, since=since))

    def add(self, member: WorkgroupMember | None = None) -> int:
        """Append a row (blank when ``member`` is None) and return its number."""
        member = member or WorkgroupMember(person_id="")
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._ids.append(member.id)
        person = QTableWidgetItem(self._names.get(member.person_id, ""))
        person.setData(ID, member.person_id or None)
        role = QTableWidgetItem(_(MEMBER_ROLE_LABELS[member.role]))
        role.setData(ID, member.role.value)
        self.table.setItem(row, PERSON, person)
        self.table.setItem(row, ROLE, role)
        self.table.setItem(row, SINCE, QTableWidgetItem(format_date(member.since)))
        self.table.setItem(row, UNTIL, QTableWidgetItem(format_date(member.until)))
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < self.table.rowCount():
            self.table.removeRow(row)
            del self._ids[row]
            self.remove_button.setEnabled(self.table.currentRow() >= 0)
            self.edited.emit()

    def editor_at(self, row: int, column: int) -> QWidget | None:
        """The open editor of a cell, if any (for keyboard-free scripting and tests)."""
        return self.table.indexWidget(self.table.model().index(row, column))

    def _add_clicked(self) -> None:
        row = self.add()
        self.table.setFocus()
        self.table.setCurrentCell(row, PERSON)  # opens the person's editor (CurrentChanged)
        self.edited.emit()

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem("")
            self.table.setItem(row, column, item)
        return item

    def _date(self, row: int, column: int) -> date | None:
        text = self._cell(row, column).text().strip()
        return parse_date(text, "members", DATE_LABELS[column]) if text else None
