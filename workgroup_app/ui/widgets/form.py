"""Forms with inline validation: each field has a red line under it for its own message, and a
banner at the top takes messages that belong to no single field."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...i18n import _, error_text
from .. import theme


class ErrorLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(theme.error_style())
        self.setWordWrap(True)
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


FIELDS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit)


def _name_wrapped_field(holder: QWidget, name: str) -> None:
    """A row that wraps its field (a path and a Choose button): the field inside takes the
    row's name, which a screen reader would otherwise not find."""
    for child in holder.findChildren(QWidget):
        if isinstance(child, FIELDS) and not child.accessibleName():
            child.setAccessibleName(name)
            return


class ValidatedForm(QWidget):
    """A QFormLayout whose rows know their field names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = ErrorLabel(self)
        self.banner.setObjectName("formBanner")
        outer.addWidget(self.banner)
        self.layout_ = QFormLayout()
        outer.addLayout(self.layout_)
        self._errors: dict[str, ErrorLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def add_row(self, label: str, widget: QWidget, field: str | None = None) -> QWidget:
        """Add a labelled row; ``label`` is an English msgid, translated here (and the
        widget's accessible name, which a label beside a wrapped widget would not give)."""
        if label and not widget.accessibleName():
            widget.setAccessibleName(_(label))
        if label and type(widget) is QWidget:
            _name_wrapped_field(widget, _(label))
        if field is None:
            self.layout_.addRow(_(label), widget)
            return widget
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = ErrorLabel(holder)
        error.setObjectName(f"error_{field}")
        column.addWidget(error)
        caption = QLabel(_(label), self)
        caption.setBuddy(widget)
        self.layout_.addRow(caption, holder)
        widget.setAccessibleName(_(label))
        self._errors[field] = error
        self._widgets[field] = widget
        return widget

    def clear_errors(self) -> None:
        self.banner.show_text("")
        for label in self._errors.values():
            label.show_text("")

    def show_error(self, error: DomainError) -> None:
        """Put the message beside its field when the form has it, else in the banner."""
        self.clear_errors()
        text = error_text(error)
        label = self._errors.get(error.field or "")
        if label is None:
            self.banner.show_text(text)
            return
        label.show_text(text)
        widget = self._widgets[error.field or ""]
        widget.setFocus()

    def error_text(self, field: str | None = None) -> str:
        """What the form shows now for ``field`` (or in the banner); for tests and a11y."""
        label = self.banner if field is None else self._errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""
