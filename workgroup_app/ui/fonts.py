"""Fonts for the window: the system's, except where the system has none for Cyrillic."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from ..paths import resource


def ensure_cyrillic_font() -> list[str]:
    """A system without any font for Cyrillic (a minimal Linux install) would draw every
    Russian and Belarusian word as boxes. The fonts shipped for the documents then serve the
    window too, through Qt's fallback. Returns the families added (none on a usual system)."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.Cyrillic):
        return []
    added: list[str] = []
    for path in sorted(resource("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            added += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in added]
    return added
