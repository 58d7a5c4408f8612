"""Pages whose work is not built yet say so plainly: what will be here and what to use now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...i18n import _
from ..context import UiContext
from .base import Page


class ComingPage(Page):
    def __init__(self, context: UiContext, key: str, title: str, text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.key = key
        self.title = title
        heading = QLabel(f"<h2>{_(title)}</h2>")
        body = QLabel(_(text))
        body.setObjectName(f"{key}Coming")
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)


# key -> (title, text) of each sidebar page not built yet; none at present.
COMING: dict[str, tuple[str, str]] = {}
