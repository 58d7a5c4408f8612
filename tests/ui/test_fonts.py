"""A system with no font for Cyrillic still shows Russian and Belarusian text (issue 9)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QFontDatabase

from workgroup_app.ui.fonts import ensure_cyrillic_font


def test_a_usual_system_keeps_its_own_fonts(qapp: Any) -> None:
    assert QFontDatabase.families(QFontDatabase.WritingSystem.Cyrillic)  # DejaVu here
    assert ensure_cyrillic_font() == []


def test_without_a_cyrillic_font_the_shipped_ones_are_registered(
        qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *_args: []))
    try:
        added = ensure_cyrillic_font()
        assert added == ["Liberation Serif"]
        monkeypatch.undo()
        assert QFontDatabase.WritingSystem.Cyrillic in QFontDatabase.writingSystems(
            "Liberation Serif")
    finally:
        QFontDatabase.removeAllApplicationFonts()  # the rest of the session has the system's
