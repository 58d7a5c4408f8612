"""The user guide's pictures are made by the application on the demo office (issue 9)."""

from __future__ import annotations

import struct
from pathlib import Path

from tools import doc_screenshots


def test_a_page_of_the_guide_is_pictured_by_the_app(tmp_path: Path) -> None:
    assert doc_screenshots.main(["--out", str(tmp_path), "--pages", "meetings"]) == 0
    picture = (tmp_path / "meetings.png").read_bytes()
    assert picture[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", picture[16:24]) == (1280, 800)
    assert len(picture) > 30_000  # the page drawn, not an empty window
    guide = (Path(doc_screenshots.ROOT) / "docs" / "user-guide.md").read_text(encoding="utf-8")
    for page, _user in doc_screenshots.PAGES:
        if page != "settings":
            assert f"images/{page}.png" in guide, page
