"""What the overview shows before the office has any action: where actions come from."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...i18n import _


class EmptyState(QFrame):
    """``go`` carries the page key the user chose: "meetings" or "actions"."""

    go = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewEmpty")
        heading = QLabel(_("No actions to control yet"), self)
        heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(_(
            "Actions come from the decisions of meetings: open a held meeting and make actions "
            "of its decisions, naming the responsible agency and the deadline. Actions that "
            "come from elsewhere are entered directly on the Actions page.\n\nOnce there are "
            "actions, this page shows what is overdue and by how long, what falls due this "
            "week and what waits for your acceptance, by agency and by workgroup."), self)
        body.setObjectName("overviewEmptyText")
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setFixedWidth(640)
        meetings = QPushButton(_("Open the meetings"), self)
        meetings.setObjectName("emptyMeetings")
        meetings.clicked.connect(lambda: self.go.emit("meetings"))
        actions = QPushButton(_("Open the actions"), self)
        actions.setObjectName("emptyActions")
        actions.clicked.connect(lambda: self.go.emit("actions"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(meetings)
        buttons.addWidget(actions)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(heading)
        column.addSpacing(8)
        # Centred by stretches, not by an alignment flag: an aligned label gets only its size
        # hint's height and its wrapped text is cut.
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(body)
        centred.addStretch(1)
        column.addLayout(centred)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addStretch(2)
        self.text = body
