"""The editor beside a directory-style list: an empty state that says what to do, a heading,
a ValidatedForm with inline errors, Revert and Save.

Subclasses build the form and convert between it and a domain record; the save flow (collect,
call the service, show its error beside the field, announce the saved id) lives here once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import new_id
from ...domain.errors import ConcurrentEditError, DomainError, NotFoundError
from ...domain.messages import N_
from ...domain.revisions import revision
from ...i18n import _
from ..access import read_only
from ..context import UiContext
from ..pages.base import RecordEditor
from ..widgets import concurrent_edit
from ..widgets.form import ErrorLabel, ValidatedForm

EMPTY, EDITING = 0, 1


class EditorForm(ValidatedForm):
    """A ValidatedForm that also shows errors for a field placed outside its rows (a table
    beside the form, under its own caption)."""

    def side_field(self, label: str, widget: QWidget, field: str) -> QWidget:
        """A captioned panel holding ``widget`` and its error line, for a side of the editor."""
        panel = QWidget(self)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_(label), panel)
        caption.setBuddy(widget)
        font = caption.font()
        font.setBold(True)
        caption.setFont(font)
        error = ErrorLabel(panel)
        error.setObjectName(f"error_{field}")
        column.addWidget(caption)
        column.addWidget(widget, 1)
        column.addWidget(error)
        widget.setAccessibleName(_(label))
        self._errors[field] = error
        self._widgets[field] = widget
        return panel


class FormEditor(RecordEditor):
    new_heading = N_("New record")  # msgid of the heading over a record not yet saved
    empty_text = N_("Select a record in the list, or press New.")
    read_only_empty_text = N_("Select a record in the list.")  # for a role that only reads

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._new_id = new_id()
        # The revision of the record shown, as opened (None: new); ``write`` passes it on.
        self.expected: str | None = None
        self.empty = QLabel(_(self.empty_text), self)
        self.empty.setObjectName("editorEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)  # drawn in the muted text colour of the style
        self.heading = QLabel(self)
        self.heading.setObjectName("editorHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.form = EditorForm(self)
        self.form.layout_.setFieldGrowthPolicy(
            self.form.layout_.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight
                                            | Qt.AlignmentFlag.AlignVCenter)
        self.build_form(self.form)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._editing_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.stack)
        self.clear()

    def _editing_page(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(scroll)
        self.fields = inner  # the heading, the form and its side panel
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 4, 0)
        column.addWidget(self.heading)
        column.addSpacing(6)
        side = self.side_panel()
        if side is None:
            column.addWidget(self.form)
            column.addStretch(1)
        else:
            body = QHBoxLayout()
            body.setSpacing(16)
            form_column = QVBoxLayout()
            form_column.addWidget(self.form)
            form_column.addStretch(1)
            body.addLayout(form_column, 1)
            body.addWidget(side, 1)
            column.addLayout(body, 1)
        scroll.setWidget(inner)
        page = QWidget(self)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addLayout(self.buttons())
        return page

    # -- for subclasses ----------------------------------------------------------------------
    def build_form(self, form: EditorForm) -> None:
        raise NotImplementedError

    def side_panel(self) -> QWidget | None:
        """A panel to the right of the form (e.g. a table made with ``form.side_field``)."""
        return None

    def fetch(self, record_id: str) -> Any:
        """Read the record through the services (NotFoundError when it is gone)."""
        raise NotImplementedError

    def fill(self, record: Any | None) -> None:
        """Show ``record`` in the fields; None means a new, blank one."""
        raise NotImplementedError

    def collect(self, record_id: str) -> Any:
        """A record made of what the fields hold; may raise ValidationError for a field."""
        raise NotImplementedError

    def write(self, record: Any) -> Any:
        """Save through the services and return the record as saved."""
        raise NotImplementedError

    def heading_for(self, record: Any) -> str:
        raise NotImplementedError

    # -- shared behaviour --------------------------------------------------------------------
    def set_read_only(self) -> None:
        super().set_read_only()
        self.empty.setText(_(self.read_only_empty_text))
        read_only(self.fields)

    @property
    def editing(self) -> bool:
        return self.stack.currentIndex() == EDITING

    def clear(self) -> None:
        self.record_id = None
        self.dirty = False
        self.form.clear_errors()
        self.stack.setCurrentIndex(EMPTY)

    def load(self, record_id: str | None) -> None:
        record = None
        if record_id is not None:
            try:
                record = self.fetch(record_id)
            except NotFoundError:
                self.clear()
                return
        self._show(record, record_id)

    def _show(self, record: Any | None, record_id: str | None) -> None:
        self.form.clear_errors()
        self.fill(record)
        self.expected = None if record is None else revision(record)
        self.record_id = record_id
        if record_id is None:
            self._new_id = new_id()
        self.heading.setText(_(self.new_heading) if record is None else self.heading_for(record))
        self.stack.setCurrentIndex(EDITING)
        self.dirty = False

    def save(self) -> bool:
        if not self.editing or self.read_only:
            return False
        try:
            record = self.write(self.collect(self.record_id or self._new_id))
        except ConcurrentEditError as error:
            return self._resolve(error)
        except DomainError as error:
            self.form.show_error(error)
            return False
        self._show(self.fetch(record.id), record.id)
        self.saved.emit(record.id)
        return True

    def _resolve(self, error: ConcurrentEditError) -> bool:
        """Someone else saved this record since it was opened: the user decides."""
        choice = concurrent_edit.ask(self, error)
        if choice is concurrent_edit.Choice.OVERWRITE:
            self.expected = error.revision
            return self.save()
        if choice is concurrent_edit.Choice.RELOAD and self.record_id is not None:
            self.load(self.record_id)
        else:
            self.form.show_error(error)
        return False
