"""What the desktop sees of the program (issue 9): its version, its icons, and the files a
file manager hands it — an exchange bundle to receive, an office card to check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from workgroup_app import __version__
from workgroup_app.paths import resource
from workgroup_app.ui.icons import app_icon, page_icon
from workgroup_app.ui.pages.registry import PAGES


def test_the_window_program_tells_its_version() -> None:
    done = subprocess.run([sys.executable, "-m", "workgroup_app.ui.app", "--version"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == f"workgroup-app {__version__}"


def test_every_page_and_the_application_have_an_icon_of_their_own(qapp: Any) -> None:
    assert resource("icons", "workgroup.svg").is_file()
    assert not app_icon().pixmap(64, 64).isNull()
    for entry in PAGES:
        assert resource("icons", "pages", f"{entry.key}.svg").is_file(), entry.key
        assert not page_icon(entry.key, entry.icon).pixmap(24, 24).isNull(), entry.key


def test_a_bundle_opened_from_the_file_manager_is_listed_in_receive(
        main_window: Any, tmp_path: Path) -> None:
    bundle = tmp_path / "grodno-to-minsk.osb"
    bundle.write_bytes(b"not really a bundle")
    main_window.open_file(bundle)
    page = main_window.current_page()
    assert page.key == "exchange"
    dialog = page.import_dialog
    assert dialog.isVisible() and dialog.places.path() == bundle
    assert dialog.found_table.rowCount() == 1  # listed, as unreadable: nothing applied
    dialog.reject()


def test_a_card_opened_from_the_file_manager_goes_to_the_fingerprint_check(
        main_window: Any, tmp_path: Path, told: dict[str, list[str]]) -> None:
    card = tmp_path / "grodno.wgcard"
    card.write_bytes(b"{}")
    main_window.open_file(card)
    assert main_window.current_page().key == "exchange"
    QApplication.processEvents()
    assert told["warning"], "a damaged card is refused with a message"


def _inked_box(pixmap: Any) -> tuple[float, float, float, float]:
    """Where the drawing is, as fractions of the pixmap's width and height."""
    image = pixmap.toImage()
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y).alpha() > 40:
                xs.append(x)
                ys.append(y)
    w, h = image.width(), image.height()
    return min(xs) / w, min(ys) / h, (max(xs) + 1) / w, (max(ys) + 1) / h


def test_page_icons_are_whole_on_a_high_dpi_screen(qapp: Any) -> None:
    """At twice the pixels, an icon is the same drawing, finer — not twice as big and cut."""
    from PySide6.QtCore import QByteArray
    from PySide6.QtSvg import QSvgRenderer

    from workgroup_app.paths import resource
    from workgroup_app.ui.icons import draw_svg

    svg = resource("icons", "pages", "overview.svg").read_bytes()
    renderer = QSvgRenderer(QByteArray(svg))
    normal, sharp = draw_svg(renderer, 24, 1.0), draw_svg(renderer, 24, 2.0)
    assert (sharp.width(), sharp.height()) == (48, 48)
    assert sharp.deviceIndependentSize().width() == 24
    for a, b in zip(_inked_box(normal), _inked_box(sharp), strict=True):
        assert abs(a - b) < 0.06
