"""DESIGN §9: PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a void
method and aborts after a few thousand calls. This canary makes 20,000 such calls."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget


def test_twenty_thousand_void_calls_leave_the_process_sound(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    for number in range(20_000):
        widget.setEnabled(number % 2 == 0)
        widget.setObjectName(f"canary{number}")
    assert widget.objectName() == "canary19999"
    assert widget.isEnabled() is False
