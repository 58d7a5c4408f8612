"""Several agencies ticked in a short list (the co-executors of an action)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ...domain.views import Choice
from .. import theme

ID_ROLE = Qt.ItemDataRole.UserRole


class AgencyChecklist(QListWidget):
    def __init__(self, parent: QWidget | None = None, rows: int = 5) -> None:
        super().__init__(parent)
        self.setObjectName("coAgencies")
        theme.legible_check_boxes(self)
        self.setUniformItemSizes(True)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * rows + 16)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * (rows - 1) + 16)

    def set_choices(self, choices: list[Choice]) -> None:
        keep = set(self.values())
        self.clear()
        for choice in choices:
            item = QListWidgetItem(choice.label, self)
            item.setData(ID_ROLE, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.id in keep
                               else Qt.CheckState.Unchecked)

    def values(self) -> list[str]:
        return [self.item(n).data(ID_ROLE) for n in range(self.count())
                if self.item(n).checkState() == Qt.CheckState.Checked]

    def set_values(self, ids: list[str]) -> None:
        wanted = set(ids)
        for n in range(self.count()):
            item = self.item(n)
            item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in wanted
                               else Qt.CheckState.Unchecked)
        checked = [n for n in range(self.count()) if self.item(n).data(ID_ROLE) in wanted]
        if checked:
            self.scrollToItem(self.item(checked[0]))
