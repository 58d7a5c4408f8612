"""The font of the visible signature stamps: Liberation Serif scaled to 1000 units per em.

pyHanko 0.38 writes glyph widths in raw font units, so a 2048-upem TrueType font comes out
about twice too wide and gets clipped; a 1000-upem copy is drawn right (DESIGN §9).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from ..paths import resource

SOURCE_NAME = "LiberationSerif-Regular.ttf"
FAMILY = "Workgroup Stamp Serif"
POSTSCRIPT = "WorkgroupStampSerif-Regular"

# Liberation is under the SIL Open Font License with "Liberation" as a Reserved Font Name:
# a modified copy (and scaling the outlines is a modification) must not carry that name.
# So the family, full, unique and PostScript names are rewritten; the copyright and licence
# entries stay, as the OFL asks.
_NEW_NAMES = {
    1: FAMILY,  # family
    3: f"{POSTSCRIPT};upem1000",  # unique id
    4: f"{FAMILY} Regular",  # full name
    6: POSTSCRIPT,
    16: FAMILY,  # typographic family, where present
}


def _source() -> Path:
    return resource("fonts", SOURCE_NAME)


def stamp_font(cache_dir: Path) -> Path:
    """The path of the 1000-upem stamp font, built (about 1 s) on first use and then reused.

    The file name carries a digest of the source font, so a new source builds a new copy.
    Two processes may build at the same time: each writes a temporary file and renames it
    into place, and both results are the same.
    """
    source = _source()
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    target = cache_dir / f"{POSTSCRIPT}-upem1000-{digest}.ttf"
    if target.is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".stamp-font-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            _build(source, out)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return target


def _build(source: Path, out: object) -> None:
    from fontTools.ttLib import TTFont  # imported lazily: only the first build needs it
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(str(source), recalcTimestamp=False)
    scale_upem(font, 1000)
    if "FFTM" in font:  # FontForge's build timestamps: fontTools' subsetter warns about it
        del font["FFTM"]
    names = font["name"]
    for record in list(names.names):
        new = _NEW_NAMES.get(record.nameID)
        if new is not None:
            names.setName(new, record.nameID, record.platformID, record.platEncID,
                          record.langID)
    font.save(out)  # type: ignore[arg-type]
