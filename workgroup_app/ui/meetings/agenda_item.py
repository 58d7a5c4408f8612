"""One agenda item: its title ("On …"), the speeches, the decisions and a dissenting opinion."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import AgendaItem
from ...i18n import _, tr
from .decisions_table import DecisionsEditor
from .lookups import Lookups
from .speeches_table import SpeechesEditor


class TitleEdit(QPlainTextEdit):
    """A title of two or three lines that wraps instead of scrolling; Enter moves on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        lines = self.fontMetrics().lineSpacing()
        margin = int(self.document().documentMargin())
        self.setFixedHeight(lines * 3 + 2 * (self.frameWidth() + margin) + 4)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """A pasted title becomes one line."""
        self.insertPlainText(" ".join(source.text().split()))


class ItemPanel(QWidget):
    """Edits the AgendaItem it is given in place; ``title_changed`` lets the list follow."""

    title_changed = Signal(str)
    edited = Signal()

    def __init__(self, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: AgendaItem | None = None
        self.position = 0
        self.title = TitleEdit(self)
        self.title.setObjectName("agendaTitle")
        self.title.setPlaceholderText(_("On …"))
        self.title.setAccessibleName(_("Title of the agenda item"))
        self.title.textChanged.connect(self._title_changed)
        self.caption = QLabel(self)
        self.caption.setBuddy(self.title)
        self.speeches = SpeechesEditor(lookups, self)
        self.decisions = DecisionsEditor(lookups, self)
        self.dissent = QPlainTextEdit(self)
        self.dissent.setObjectName("agendaDissent")
        self.dissent.setAccessibleName(_("Dissenting opinion"))
        self.dissent.setPlaceholderText(_(
            "The dissenting opinion of a member who disagrees with the decision, if any: "
            "who, and what they disagree with."))
        self.dissent.textChanged.connect(self._dissent_changed)
        dissent_page = QWidget(self)
        dissent_layout = QVBoxLayout(dissent_page)
        dissent_layout.addWidget(self.dissent)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("agendaItemTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.speeches, "")
        self.tabs.addTab(self.decisions, "")
        self.tabs.addTab(dissent_page, "")
        self.speeches.edited.connect(self._part_edited)
        self.decisions.edited.connect(self._part_edited)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.caption, self.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        self._label_tabs()
        self.set_item(None, 0)

    def set_item(self, item: AgendaItem | None, position: int) -> None:
        self.item = item
        self.position = position
        with QSignalBlocker(self.title), QSignalBlocker(self.dissent):
            self.title.setText(item.title if item else "")
            self.dissent.setPlainText(item.dissent if item else "")
        self.speeches.set_speeches(item.speeches if item else [])
        self.decisions.set_decisions(item.decisions if item else [], max(position, 1))
        self.setEnabled(item is not None)
        self._caption()
        self._label_tabs()

    def set_position(self, position: int) -> None:
        self.position = position
        self.decisions.set_item_position(position)
        self._caption()

    def _caption(self) -> None:
        self.caption.setText(tr("Item {number}:", number=self.position) if self.item
                             else _("Item:"))

    def _title_changed(self) -> None:
        if self.item is not None:
            self.item.title = self.title.text()
            self.title_changed.emit(self.item.title)
            self.edited.emit()

    def _dissent_changed(self) -> None:
        if self.item is not None:
            self.item.dissent = self.dissent.toPlainText()
            self._label_tabs()
            self.edited.emit()

    def _part_edited(self) -> None:
        self._label_tabs()
        self.edited.emit()

    def _label_tabs(self) -> None:
        item = self.item
        decisions = len(item.decisions) if item else 0
        speeches = len(item.speeches) if item else 0
        self.tabs.setTabText(0, tr("Heard and spoke ({count})", count=speeches) if speeches
                             else _("Heard and spoke"))
        self.tabs.setTabText(1, tr("Decided ({count})", count=decisions) if decisions
                             else _("Decided"))
        dissent = bool(item and item.dissent.strip())
        self.tabs.setTabText(2, _("Dissenting opinion") + (" ✱" if dissent else ""))
