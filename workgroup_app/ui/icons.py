"""The application's own icons (resources/icons), drawn as SVG so they stay sharp at any
scale; the desktop theme's icon where ours is missing."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from ..paths import resource


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "workgroup.svg")))


def page_icon(key: str, theme_name: str) -> QIcon:
    path = resource("icons", "pages", f"{key}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon.fromTheme(theme_name)
