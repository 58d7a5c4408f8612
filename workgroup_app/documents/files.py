"""Writing a report file so that a failure never leaves half a file, or spoils an older one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import ValidationError
from ..domain.messages import N_

FIELD = "out"
NO_FOLDER = N_("The folder '{folder}' does not exist.")
IS_FOLDER = N_("'{path}' is a folder; give a file name for the report.")
WRONG_SUFFIX = N_("The file name '{name}' should end in {suffix}.")
NEW_FILE_MODE = 0o644  # mkstemp makes 0600; a report is an ordinary file to share


def check_output(path: Path, suffix: str | None = None) -> Path:
    """The path, if a report may be written there: its folder exists, it is not a folder, and
    its name ends in ``suffix`` (case aside) when one is expected."""
    path = Path(path)
    if path.is_dir():
        raise ValidationError(IS_FOLDER, field=FIELD, path=str(path))
    folder = path.parent
    if not folder.is_dir():
        raise ValidationError(NO_FOLDER, field=FIELD, folder=str(folder))
    if suffix is not None and path.suffix.lower() != suffix.lower():
        raise ValidationError(WRONG_SUFFIX, field=FIELD, name=path.name, suffix=suffix)
    return path


def atomic_write(path: Path, write: Callable[[Path], None], *,
                 suffix: str | None = None) -> None:
    """Call ``write`` with a temporary file beside ``path``, then put it in place in one step.

    The temporary file lives in the same folder so ``os.replace`` is a rename on one file
    system (atomic). If ``write`` raises, the temporary file goes and an existing ``path``
    keeps its old content.
    """
    path = check_output(path, suffix)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temp = Path(name)
    try:
        write(temp)
        mode = path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
