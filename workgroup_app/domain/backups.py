"""Backups of the store: why one was taken, how automatic ones are named, what a restore
found in a file. Pure rules; the copying lives in storage/, the decisions in services/."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from .errors import DomainError, StoreError
from .messages import N_

DEFAULT_KEEP = 10  # automatic backups kept per store; 0 turns them off
MAX_KEEP = 1000
KEEP_SETTING = "backup_keep"  # an office setting (local_state, never replicated)
SUFFIX = ".sqlite"
_STAMP = "%Y-%m-%dT%H%M%S"


class BackupReason(StrEnum):
    DAILY = "daily"
    BEFORE_MIGRATION = "before-migration"
    BEFORE_IMPORT = "before-import"
    BEFORE_RESTORE = "before-restore"


REASON_LABELS = {
    BackupReason.DAILY: N_("daily"),
    BackupReason.BEFORE_MIGRATION: N_("before an upgrade"),
    BackupReason.BEFORE_IMPORT: N_("before an import"),
    BackupReason.BEFORE_RESTORE: N_("before a restore"),
}


class BackupError(StoreError):
    """A backup could not be written or verified, or a file cannot be restored."""


@dataclass(frozen=True, slots=True)
class BackupFile:
    """An automatic backup in the backups folder."""

    path: Path
    taken_at: datetime  # local time, from the name
    reason: BackupReason
    size: int


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a file offered for restoring holds, once copied and checked."""

    source: Path
    office_id: str
    revision: str | None
    taken_at: datetime  # from an automatic backup's name, else the file's modification time
    newer: bool  # made by a newer version of the program (a schema it does not know)


@dataclass(frozen=True, slots=True)
class PreparedRestore:
    """A checked copy of a backup, beside the store, waiting to take its place."""

    info: BackupInfo
    temp: Path


def series(store_name: str, office_id: str) -> str:
    """The common start of the names of one store's automatic backups: the store's file name
    and the office, so two stores sharing a data folder never prune each other's copies."""
    return f"{store_name}-{office_id[:8]}-"


def backup_name(store_name: str, office_id: str, taken_at: datetime,
                reason: BackupReason) -> str:
    """``workgroup-5f0c2a91-2026-11-28T093012-before-import.sqlite``: names sort by time."""
    return f"{series(store_name, office_id)}{taken_at.strftime(_STAMP)}-{reason.value}{SUFFIX}"


_NAME = re.compile(r"(?P<stamp>\d{4}-\d{2}-\d{2}T\d{6})-(?P<reason>[a-z-]+?)(?:-\d+)?"
                   + re.escape(SUFFIX))


def parse_name(name: str, prefix: str) -> tuple[datetime, BackupReason] | None:
    """(when, why) of an automatic backup of the series ``prefix``; None for other files."""
    if not name.startswith(prefix):
        return None
    match = _NAME.fullmatch(name[len(prefix):])
    if match is None:
        return None
    try:
        return (datetime.strptime(match["stamp"], _STAMP), BackupReason(match["reason"]))
    except ValueError:
        return None


def taken_from_name(name: str) -> datetime | None:
    """When an automatic backup was taken, read from its name (whatever store it was of)."""
    match = re.search(r"\d{4}-\d{2}-\d{2}T\d{6}", name)
    try:
        return datetime.strptime(match[0], _STAMP) if match else None
    except ValueError:
        return None


def keep_from_text(text: str) -> int:
    """The stored keep-count setting; an unreadable value counts as the default."""
    try:
        value = int(text)
    except ValueError:
        return DEFAULT_KEEP
    return value if 0 <= value <= MAX_KEEP else DEFAULT_KEEP


def reason_of(error: BaseException) -> str:
    """A failure quoted inside another message: the system's reason, a message id without
    fields (which the presentation translates), or the English text."""
    if isinstance(error, DomainError):
        return str(error.params.get("reason") or (error.english() if error.params
                                                  else error.msgid))
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
