"""The stamp font: a renamed 1000-upem copy of Liberation Serif, built once per cache folder."""

from __future__ import annotations

import threading
from pathlib import Path

from fontTools.ttLib import TTFont

from workgroup_app.security.stamp_font import FAMILY, POSTSCRIPT, stamp_font


def test_two_racing_builds_give_one_renamed_1000_upem_font(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    results: list[Path] = []
    threads = [threading.Thread(target=lambda: results.append(stamp_font(cache)))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and results[0] == results[1]
    assert [p.name for p in cache.iterdir()] == [results[0].name]  # no temporary files left

    font = TTFont(str(results[0]))
    assert font["head"].unitsPerEm == 1000
    names = font["name"]
    assert names.getDebugName(1) == FAMILY
    assert names.getDebugName(6) == POSTSCRIPT
    for name_id in (1, 3, 4, 6):  # the OFL's Reserved Font Name is gone from every name
        assert "Liberation" not in names.getDebugName(name_id)
    assert "Open Font License" in names.getDebugName(13)  # the licence stays
    assert font.getBestCmap()[ord("Ж")]  # Cyrillic is still there


def test_a_built_font_is_reused(tmp_path: Path) -> None:
    first = stamp_font(tmp_path)
    stamp = first.stat().st_mtime_ns
    assert stamp_font(tmp_path) == first
    assert first.stat().st_mtime_ns == stamp
