"""Files attached to an action's report or a finding's documents: checked before reading."""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import ValidationError
from ..domain.messages import N_

MAX_ATTACHMENT = 50 * 1024 * 1024
NAME_MAX = 300


def read_attachment(path: Path) -> bytes:
    """The bytes of a regular file of at most 50 MB, or one clear refusal."""
    try:
        if not path.is_file():
            raise ValidationError(N_("The file '{path}' does not exist."), field="attachment",
                                  path=str(path))
        if path.stat().st_size > MAX_ATTACHMENT:
            raise ValidationError(N_("The file '{path}' is larger than {maximum} MB."),
                                  field="attachment", path=str(path),
                                  maximum=MAX_ATTACHMENT // (1024 * 1024))
        return path.read_bytes()
    except OSError as error:
        raise ValidationError(N_("The file {path} cannot be read: {reason}"),
                              field="attachment", path=str(path),
                              reason=error.strerror or str(error)) from None


def attachment_name(path: Path) -> str:
    return path.name[:NAME_MAX]
