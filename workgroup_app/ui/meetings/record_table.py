"""The view side of the record tables: editors per column kind, and the table with its buttons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import SPEECH_SECTION_LABELS, SpeechSection
from ...i18n import _, qt_day_pattern
from .. import theme
from .combos import ChoiceCombo
from .lookups import Lookups
from .record_model import Editor, Index, RecordColumn, RecordModel


class RecordDelegate(QStyledItemDelegate):
    """Editors per column kind: combos of people and agencies, dates, multi-line text."""

    def __init__(self, lookups: Lookups, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lookups = lookups

    def _column(self, index: Index) -> RecordColumn:
        return index.model().columns[index.column()]  # type: ignore[attr-defined]

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        theme.legible_check_outline(option)  # the Present column's boxes, on a dark palette

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        kind = self._column(index).editor
        if kind in (Editor.PERSON, Editor.PERSON_OR_NAME):
            combo = ChoiceCombo(parent, empty=_("— nobody —") if kind == Editor.PERSON else None,
                                typed=kind == Editor.PERSON_OR_NAME)
            combo.set_choices(self.lookups.people)
            return combo
        if kind == Editor.AGENCY:
            combo = ChoiceCombo(parent, empty=_("— no agency —"))
            combo.set_choices(self.lookups.agencies)
            return combo
        if kind == Editor.SECTION:
            box = QComboBox(parent)
            for section, label in SPEECH_SECTION_LABELS.items():
                box.addItem(_(label), section.value)
            return box
        if kind == Editor.DATE:
            edit = QDateEdit(parent)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(qt_day_pattern())
            return edit
        if kind == Editor.LONG_TEXT:
            text = QPlainTextEdit(parent)
            text.setTabChangesFocus(True)
            return text
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, ChoiceCombo):
            if isinstance(value, tuple):
                editor.set_value(value[0], value[1])
            else:
                editor.set_value(value)
        elif isinstance(editor, QDateEdit):
            start = value if isinstance(value, date) else date.today() + timedelta(days=30)
            editor.setDate(QDate(start.year, start.month, start.day))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value or ""))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(str(value))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: Index) -> None:
        kind = self._column(index).editor
        if isinstance(editor, ChoiceCombo):
            value: Any = ((editor.value(), editor.typed_text())
                          if kind == Editor.PERSON_OR_NAME else editor.value())
        elif isinstance(editor, QDateEdit):
            value = editor.date().toPython()
        elif isinstance(editor, QPlainTextEdit):
            value = editor.toPlainText()
        elif isinstance(editor, QComboBox):
            value = SpeechSection(editor.currentData())
        else:
            super().setModelData(editor, model, index)
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: Index) -> None:
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, QPlainTextEdit):
            rect = option.rect  # type: ignore[attr-defined]
            editor.setGeometry(rect.x(), rect.y(), rect.width(), max(rect.height(), 110))


class RecordTable(QWidget):
    """A table of records with its buttons underneath; Delete clears an optional date cell."""

    def __init__(self, model: RecordModel, lookups: Lookups, name: str,
                 parent: QWidget | None = None, wrap: bool = True) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QTableView(self)
        self.view.setObjectName(name)
        self.view.setModel(model)
        self.view.setItemDelegate(RecordDelegate(lookups, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setWordWrap(wrap)
        self.view.setAlternatingRowColors(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        self.view.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.installEventFilter(self)
        self._wrap = wrap
        # Rows grow with their text (measured again after any change of text or width);
        # without wrap they are one line each, the whole text in a tooltip.
        self._fit = QTimer(self)
        self._fit.setSingleShot(True)
        self._fit.setInterval(0)
        self._fit.timeout.connect(self.view.resizeRowsToContents)
        if wrap:
            for signal in (model.dataChanged, model.modelReset, model.rowsInserted,
                           header.sectionResized):
                signal.connect(lambda *_args: self._fit.start())
        else:
            self.view.verticalHeader().setDefaultSectionSize(
                self.view.fontMetrics().height() + 12)
        self.bar = QHBoxLayout()
        self.bar.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.bar)

    def set_widths(self) -> None:
        """Fixed widths from the columns; the column without one takes the rest."""
        header = self.view.horizontalHeader()
        for number, column in enumerate(self.model.columns):
            if column.width:
                header.resizeSection(number, max(column.width, header.sectionSizeHint(number)))
            else:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(all(column.width for column in self.model.columns))

    def add_button(self, text: str, name: str, slot: Callable[[], Any],
                   tip: str = "") -> QPushButton:
        button = QPushButton(_(text), self)
        button.setObjectName(name)
        if tip:
            button.setToolTip(_(tip))
        button.clicked.connect(lambda _checked=False: slot())
        self.bar.addWidget(button)
        return button

    def current_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.selectRow(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._wrap and watched is self.view and \
                event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self._fit.start()
        if watched is self.view and event.type() == QEvent.Type.KeyPress and \
                isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                self.view.state() != QAbstractItemView.State.EditingState:
            index = self.view.currentIndex()
            if index.isValid() and self.model.columns[index.column()].editor == Editor.DATE:
                return self.model.setData(index, None)
        return super().eventFilter(watched, event)
