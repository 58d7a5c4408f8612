"""Asks why the minutes are reopened or amended: the reason is recorded with the step, so
the dialog does not let an empty one through."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _


class ReasonDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, explanation: str,
                 ok_label: str) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(460)
        intro = QLabel(explanation, self)
        intro.setWordWrap(True)
        caption = QLabel(_("Reason:"), self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("reasonText")
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(_("Reason"))
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        caption.setBuddy(self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_label)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(caption)
        column.addWidget(self.text)
        column.addWidget(self.buttons)
        self.text.textChanged.connect(self._check)
        self._check()

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    def _check(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def accept(self) -> None:
        if self.reason():
            super().accept()


def ask_reason(parent: QWidget | None, title: str, explanation: str,
               ok_label: str) -> str | None:
    """The reason typed, or None when the user cancels."""
    dialog = ReasonDialog(parent, title, explanation, ok_label)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason()
    finally:
        dialog.deleteLater()
