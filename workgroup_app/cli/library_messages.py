"""click's own messages (Usage:, Options, Error: No such option …) in the chosen language.

click marks them with gettext's global functions, which read compiled catalogues of the
language named by LANGUAGE. The project keeps its translations of them as text, in
``resources/locale/<lang>/lib/*.po``; they are compiled once into the user's cache folder
(named by a digest of the sources, so an update compiles anew) and gettext is pointed there
for the run of a command. Should that fail — a read-only cache, a damaged file — click
simply speaks English: its messages are a convenience, never a reason to refuse a command.
"""

from __future__ import annotations

import gettext
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_cache_dir

from .. import i18n
from ..paths import resource

DOMAIN = "workgroup-libraries"
log = logging.getLogger(__name__)


def library_catalogue_files(language: str) -> list[Path]:
    folder = resource("locale", language, "lib")
    return sorted(folder.glob("*.po")) if folder.is_dir() else []


def _sources() -> dict[str, list[Path]]:
    return {language: library_catalogue_files(language) for language in i18n.LANGUAGES}


def _digest(sources: dict[str, list[Path]]) -> str:
    digest = hashlib.sha256()
    for language, paths in sources.items():
        for path in paths:
            digest.update(f"{language}/{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _write(folder: Path, sources: dict[str, list[Path]]) -> None:
    """``<folder>/<lang>/LC_MESSAGES/<DOMAIN>.mo`` for every language with catalogues."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for language, paths in sources.items():
        merged = Catalog(locale=language)
        for path in paths:
            with path.open("rb") as handle:
                for message in read_po(handle, locale=language):
                    if message.id and message.string:
                        merged[message.id] = message
        if len(merged):
            target = folder / language / "LC_MESSAGES"
            target.mkdir(parents=True)
            with (target / f"{DOMAIN}.mo").open("wb") as handle:
                write_mo(handle, merged)


def compiled_folder() -> Path:
    """The compiled catalogues, made on first use; a finished folder is only ever renamed
    into place, so two commands starting at once never see half of one."""
    sources = _sources()
    cache = Path(user_cache_dir("Workgroup", "Workgroup")) / "messages"
    folder = cache / _digest(sources)
    if not folder.is_dir():
        cache.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix="building-", dir=cache))
        try:
            _write(building, sources)
            building.rename(folder)
        except OSError:
            if not folder.is_dir():  # another command may have finished first
                raise
        finally:
            shutil.rmtree(building, ignore_errors=True)
    return folder


@contextmanager
def library_messages(language: str) -> Iterator[None]:
    """click speaks ``language`` inside the block; gettext's domain and LANGUAGE are put back
    after it (the tests run commands in one process). English needs nothing."""
    folder = None
    if language != "en":
        try:
            folder = compiled_folder()
        except Exception as error:  # any failure leaves click in English, quietly
            log.debug("click's messages stay in English: %s", error)
    if folder is None:
        yield
        return
    domain = gettext.textdomain()
    before = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(folder))
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
