"""The installer's files agree with the program (issue 9): the desktop entry, the file types
and the Windows associations name the suffixes the program writes, the app id is one, and
the AppStream metadata is well-formed. (CI builds the folder and runs it: `make smoke`.)"""

from __future__ import annotations

import configparser
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from workgroup_app import __version__
from workgroup_app.services.exchange import SUFFIX as BUNDLE_SUFFIX

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "installer" / "linux"
APP_ID = "org.workgroup.Workgroup"
CARD_SUFFIX = ".wgcard"  # ui/exchange/office_box.CARD_SUFFIX (the GUI is not imported here)


def test_the_desktop_entry_starts_the_window_with_a_file_of_our_types() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "workgroup-app %f" and desktop["Icon"] == APP_ID
    assert desktop["Name[ru]"] and desktop["Comment[ru]"]
    types = set(filter(None, desktop["MimeType"].split(";")))
    mime = ET.parse(LINUX / f"{APP_ID}.mime.xml").getroot()
    namespace = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    globs = {t.get("type"): t.find("m:glob", namespace).get("pattern")  # type: ignore[union-attr]
             for t in mime.findall("m:mime-type", namespace)}
    assert types == set(globs)
    assert sorted(globs.values()) == sorted([f"*{BUNDLE_SUFFIX}", f"*{CARD_SUFFIX}"])


def test_the_appstream_metadata_names_the_app_and_this_version() -> None:
    component = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert component.findtext("id") == APP_ID
    assert component.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    versions = [r.get("version") for r in component.iter("release")]
    assert versions[0] == __version__


def test_the_windows_installer_associates_our_types_and_this_version() -> None:
    script = (ROOT / "installer" / "windows" / "workgroup.iss").read_text(encoding="utf-8")
    assert re.search(r'#define AppVersion "(.+)"', script)[1] == __version__  # type: ignore
    for suffix in (BUNDLE_SUFFIX, CARD_SUFFIX):
        assert f'Subkey: "Software\\Classes\\{suffix}"' in script
    assert "{app}\\{#AppExe}\"\" \"\"%1\"\"\"" in script  # the file goes to the app


def test_the_card_suffix_here_is_the_programs() -> None:
    source = (ROOT / "workgroup_app" / "ui" / "exchange" / "office_box.py").read_text()
    assert f'CARD_SUFFIX = "{CARD_SUFFIX}"' in source
