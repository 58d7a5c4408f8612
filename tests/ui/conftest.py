"""Fixtures of the GUI tests: Qt offscreen, a temporary store per test, the main window.

Qt must learn the platform before it loads, so QT_QPA_PLATFORM is set here, at import time.
QSettings are sent to a temporary folder so no test reads or writes the user's settings.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from workgroup_app import i18n
from workgroup_app.bootstrap import open_context
from workgroup_app.config import AppConfig
from workgroup_app.ui import operations
from workgroup_app.ui.context import UiContext


@pytest.fixture(scope="session", autouse=True)
def _private_qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, folder)


@pytest.fixture
def ui_context(tmp_path: Path, qapp: Any) -> Iterator[UiContext]:
    """A UiContext over a fresh temporary store, in English."""
    app_context = open_context(AppConfig.build(database=str(tmp_path / "s.sqlite"),
                                               language="en"))
    yield UiContext(app_context)
    app_context.close()
    i18n.set_language("en")


@pytest.fixture
def main_window(qtbot: Any, ui_context: UiContext) -> Iterator[Any]:
    """The main window as ``workgroup-app`` builds it, over the ``ui_context`` store."""
    from workgroup_app.ui.app import create_main_window

    window = create_main_window(ui_context.app)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    yield window
    # pytest-qt has closed the window by now; background work (the store check of Settings)
    # must end before ``ui_context`` closes the store.
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What the static message boxes said (they would block a test)."""
    said: dict[str, list[str]] = {"information": [], "warning": []}
    for kind in said:
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda _parent, _title, text, kind=kind: said[kind].append(text)))
    return said


@pytest.fixture(autouse=True)
def _every_dialog_shown_names_its_controls(request: pytest.FixtureRequest) -> Iterator[None]:
    """Any dialog a GUI test shows is checked as it appears: every control must have a name a
    screen reader can say and take a Tab stop (issue 9). Collected here, asserted after the
    test, so each dialog is checked where it is really used."""
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        yield
        return
    from .accessibility_checks import DialogWatch

    qapp = request.getfixturevalue("qapp")
    watch = DialogWatch()
    qapp.installEventFilter(watch)
    yield
    qapp.removeEventFilter(watch)
    assert watch.problems == [], "dialog controls without a name or a Tab stop:\n" + \
        "\n".join(sorted(set(watch.problems)))
