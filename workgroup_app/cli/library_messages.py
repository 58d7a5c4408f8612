"""click's own messages (Usage:, Options, Error: No such option …) in the chosen language.

click marks them with gettext's global functions, which read compiled catalogues of the
language named by LANGUAGE. The project keeps its translations of them as text, in
``resources/locale/<lang>/lib/*.po``; for the run of a command they are compiled into a
private temporary folder and gettext is pointed there.
"""

from __future__ import annotations

import atexit
import gettext
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import i18n
from ..paths import resource

DOMAIN = "workgroup-libraries"
_compiled: Path | None = None


def library_catalogue_files(language: str) -> list[Path]:
    folder = resource("locale", language, "lib")
    return sorted(folder.glob("*.po")) if folder.is_dir() else []


def _compile() -> Path:
    """Every language's library catalogues as ``<folder>/<lang>/LC_MESSAGES/<DOMAIN>.mo``,
    once per process."""
    global _compiled
    if _compiled is None:
        from babel.messages.catalog import Catalog
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        folder = Path(tempfile.mkdtemp(prefix="workgroup-messages-"))
        atexit.register(shutil.rmtree, folder, True)
        for language in i18n.LANGUAGES:
            merged = Catalog(locale=language)
            for path in library_catalogue_files(language):
                with path.open("rb") as handle:
                    for message in read_po(handle, locale=language):
                        if message.id and message.string:
                            merged[message.id] = message
            if len(merged):
                target = folder / language / "LC_MESSAGES"
                target.mkdir(parents=True)
                with (target / f"{DOMAIN}.mo").open("wb") as handle:
                    write_mo(handle, merged)
        _compiled = folder
    return _compiled


@contextmanager
def library_messages(language: str) -> Iterator[None]:
    """click speaks ``language`` inside the block; gettext's domain and LANGUAGE are put back
    after it (the tests run commands in one process)."""
    domain = gettext.textdomain()
    before = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(_compile()) if language != "en" else None)
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language
    try:
        yield
    finally:
        gettext.textdomain(domain)
        if before is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = before
