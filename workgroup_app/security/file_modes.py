"""Files of secrets readable by their owner only: 0600 files in 0700 folders on POSIX,
whatever the umask, and existing ones put right when they are used. (Windows keeps a user's
profile private by its ACLs; nothing is changed there.)"""

from __future__ import annotations

import logging
import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
_POSIX = os.name != "nt"
_log = logging.getLogger(__name__)


def _restrict(path: Path, mode: int) -> None:
    try:
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except FileNotFoundError:
        return
    except OSError as error:  # another user's file, a read-only disk: say so, work on
        _log.warning("cannot make %s private: %s", path.name, error.strerror)


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and its missing parents) and keep it readable by its owner only."""
    folder.mkdir(parents=True, exist_ok=True)
    if _POSIX:
        _restrict(folder, PRIVATE_FOLDER)


def private_file(path: Path) -> None:
    if _POSIX:
        _restrict(path, PRIVATE_FILE)


def secure_folder(folder: Path) -> None:
    """The folder private, and every file directly in it (key folders: made by us)."""
    private_folder(folder)
    if _POSIX:
        for entry in folder.iterdir():
            if entry.is_file() and not entry.is_symlink():
                _restrict(entry, PRIVATE_FILE)


def open_private(path: Path) -> int:
    """A descriptor of ``path`` opened for writing from empty, mode 0600 even where it
    existed with another mode or the umask would give less."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    if _POSIX:
        os.fchmod(descriptor, PRIVATE_FILE)
    return descriptor
