"""The speeches of an agenda item: the report heard (СЛУШАЛИ) and the discussion (ВЫСТУПИЛИ)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from ...domain.entities import Speech
from ...domain.enums import SPEECH_SECTION_LABELS, SpeechSection
from ...domain.messages import N_
from ...i18n import _, tr
from .lookups import Lookups
from .record_model import Editor, RecordColumn, RecordModel
from .record_table import RecordTable

TEXT_COLUMN = 3


def _speaker_label(lookups: Lookups, speech: Speech | None) -> str:
    if speech is None:
        return ""
    name = lookups.person_name(speech.person_id) if speech.person_id else speech.speaker_name
    return name or _("the speaker")


def _put_speaker(speech: Speech, value: Any) -> None:
    person_id, name = value if isinstance(value, tuple) else (value, "")
    speech.person_id = person_id or None
    speech.speaker_name = "" if person_id else (name or "").strip()


def speech_columns(lookups: Lookups) -> list[RecordColumn]:
    def speaker(s: Speech) -> str:
        return lookups.person_name(s.person_id) if s.person_id else s.speaker_name

    def position(s: Speech) -> str:
        if s.speaker_position or not s.person_id:
            return s.speaker_position
        info = lookups.person_info(s.person_id)
        return ", ".join(part for part in (info.position, info.agency) if part)

    def set_section(s: Speech, v: Any) -> None:
        s.section = SpeechSection(v)

    def set_position(s: Speech, v: Any) -> None:
        s.speaker_position = str(v or "").strip()

    def set_text(s: Speech, v: Any) -> None:
        s.text = str(v or "")

    return [
        RecordColumn(N_("Section"), lambda s: _(SPEECH_SECTION_LABELS[s.section]),
                     Editor.SECTION, get=lambda s: s.section.value, put=set_section, width=96),
        RecordColumn(N_("Speaker"), speaker, Editor.PERSON_OR_NAME,
                     get=lambda s: (s.person_id, s.speaker_name), put=_put_speaker, width=160,
                     tip=N_("Choose a person of the directory or type the speaker's name")),
        RecordColumn(N_("Position"), position, Editor.TEXT, get=lambda s: s.speaker_position,
                     put=set_position, width=140,
                     tip=N_("Leave empty to print the position from the directory")),
        RecordColumn(N_("Summary"), lambda s: " ".join(s.text.split()), Editor.LONG_TEXT,
                     get=lambda s: s.text, put=set_text,
                     tip=N_("Write what was said in the box below the table")),
    ]


class SpeechesEditor(QWidget):
    """The table lists the speeches one line each; the box under it holds the selected one's
    text, which may run to several paragraphs."""

    edited = Signal()

    def __init__(self, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lookups = lookups
        self.model = RecordModel(speech_columns(lookups), self)
        self.model.edited.connect(self.edited)
        self.table = RecordTable(self.model, lookups, "speechesTable", self, wrap=False)
        self.table.view.setAccessibleName(_("Heard and spoke"))
        self.table.set_widths()
        self.table.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("speechText")
        self.text.setAccessibleName(_("Text of the speech"))
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(self._text_changed)
        self.add_heard_button = self.table.add_button(
            N_("Add report (Heard)"), "speechAddHeard",
            lambda: self.add(SpeechSection.HEARD), N_("Add the report of a speaker"))
        self.add_spoke_button = self.table.add_button(
            N_("Add statement (Spoke)"), "speechAddSpoke",
            lambda: self.add(SpeechSection.SPOKE), N_("Add a statement in the discussion"))
        self.remove_button = self.table.add_button(
            N_("Remove"), "speechRemove", self.remove_selected, N_("Remove the selected speech"))
        self.table.bar.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        splitter.setSizes([160, 140])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._row_changed(QModelIndex())

    def set_speeches(self, speeches: list[Speech]) -> None:
        self.lookups.prefetch(s.person_id for s in speeches)
        self.model.set_records(speeches)
        self.table.select_row(0)
        self._row_changed(self.model.index(0, 0) if speeches else QModelIndex())

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        row = current.row() if current.isValid() else -1
        speech = self.model.records[row] if 0 <= row < len(self.model.records) else None
        with QSignalBlocker(self.text):
            self.text.setPlainText(speech.text if speech else "")
        self.text.setEnabled(speech is not None)
        self.text.setPlaceholderText(
            tr("What {speaker} said", speaker=_speaker_label(self.lookups, speech))
            if speech else _("Choose or add a speech to write its text"))

    def _text_changed(self) -> None:
        row = self.table.current_row()
        if 0 <= row < self.model.rowCount():
            self.model.setData(self.model.index(row, TEXT_COLUMN), self.text.toPlainText())

    def add(self, section: SpeechSection) -> int:
        row = self.model.append(Speech(section=section))
        self.table.select_row(row)
        self._row_changed(self.model.index(row, 0))
        self.table.view.setCurrentIndex(self.model.index(row, 1))
        self.table.view.edit(self.model.index(row, 1))
        return row

    def remove_selected(self) -> None:
        self.model.remove(self.table.current_row())
