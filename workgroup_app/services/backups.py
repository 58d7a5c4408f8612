"""Backups: when the automatic ones are taken and how many are kept, and restoring a backup —
the rules and the permission check the GUI and the CLI share.

Automatic backups go to the backups folder of the data directory: before a migration changes
a store with data (bootstrap takes that one: no unit of work exists before it), before a sync
import that has a new bundle to apply, and the first time a store with data is opened on a
day. The newest ``keep`` of them stay (an office setting; 0 turns them off). A restore takes a
copy of this office's own backup only, after a copy of the store as it is, and then starts a
new exchange epoch, so the other offices send back what the restored copy lacks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from ..domain.access import Permission
from ..domain.backups import (
    DEFAULT_KEEP,
    KEEP_SETTING,
    MAX_KEEP,
    BackupError,
    BackupFile,
    BackupInfo,
    BackupReason,
    PreparedRestore,
    keep_from_text,
    reason_of,
)
from ..domain.errors import DomainError, ValidationError
from ..domain.messages import N_
from . import exchange_epochs
from .ports import UnitOfWork


class BackupPort(Protocol):
    """What the store side offers (storage/automatic_backups.py)."""

    folder: Path
    enabled: bool  # automatic backups allowed here (WORKGROUP_AUTO_BACKUP=0 turns them off)
    clock: Callable[[], datetime]

    @property
    def supported(self) -> bool: ...

    def make(self, reason: BackupReason) -> BackupFile: ...

    def list(self) -> list[BackupFile]: ...

    def prune(self, keep: int) -> list[Path]: ...

    def has_data(self) -> bool: ...

    def prepare(self, source: Path) -> PreparedRestore: ...

    def discard(self, prepared: PreparedRestore) -> None: ...

    def replace(self, prepared: PreparedRestore) -> None: ...

    def uow(self) -> UnitOfWork: ...


@dataclass(frozen=True, slots=True)
class Overview:
    folder: Path
    keep: int
    automatic: bool  # whether automatic backups are taken (on here and keep > 0)
    backups: list[BackupFile]  # oldest first


@dataclass(frozen=True, slots=True)
class Restored:
    info: BackupInfo
    safety: BackupFile  # the store as it was just before


# -- the setting -----------------------------------------------------------------------------

def keep_count(uow: UnitOfWork) -> int:
    with uow:
        return keep_from_text(uow.settings.get(KEEP_SETTING, str(DEFAULT_KEEP)))


def set_keep_count(uow: UnitOfWork, count: int) -> None:
    uow.actor.require(Permission.MANAGE_SETTINGS)
    if not 0 <= count <= MAX_KEEP:
        raise ValidationError(N_("Keep between 0 and {maximum} automatic backups."),
                              field="keep", maximum=MAX_KEEP)
    with uow:
        uow.settings.set(KEEP_SETTING, str(count))
        uow.commit()


def overview(uow: UnitOfWork, port: BackupPort) -> Overview:
    keep = keep_count(uow)
    return Overview(port.folder, keep, port.enabled and port.supported and keep > 0,
                    port.list())


# -- automatic backups -----------------------------------------------------------------------

def automatic(uow: UnitOfWork, port: BackupPort, reason: BackupReason) -> BackupFile | None:
    """Take an automatic backup now and prune the oldest; None when they are off."""
    keep = keep_count(uow)
    if not (port.enabled and port.supported) or keep == 0:
        return None
    made = port.make(reason)
    port.prune(keep)
    return made


def daily(uow: UnitOfWork, port: BackupPort) -> BackupFile | None:
    """The day's backup, when no automatic backup of this store was taken today and the
    store holds data. Cheap when there is nothing to do: a look at the folder's names."""
    if not (port.enabled and port.supported):
        return None
    today = port.clock().date()
    if any(b.taken_at.date() == today for b in port.list()) or not port.has_data():
        return None
    return automatic(uow, port, BackupReason.DAILY)


def before_import(uow: UnitOfWork) -> None:
    """The backup before a sync import applies anything. It failing stops the import, which
    has changed nothing yet. A unit of work without backups (a test's fake) takes none."""
    port: BackupPort | None = getattr(uow, "backups", None)
    if port is None:
        return
    try:
        automatic(uow, port, BackupReason.BEFORE_IMPORT)
    except (DomainError, OSError) as error:
        raise BackupError(N_("The import did not start: the automatic backup before it could "
                             "not be made ({reason}). Nothing was changed."),
                          reason=reason_of(error)) from None



# -- restoring -------------------------------------------------------------------------------

def prepare_restore(uow: UnitOfWork, port: BackupPort, source: Path) -> PreparedRestore:
    """Copy ``source`` beside the store and check it: a sound Workgroup store, of a schema
    this program knows, of this very office. Nothing of the store changes; a refusal leaves
    no copy behind. Needs the right to change the office's settings (the administrator)."""
    uow.actor.require(Permission.MANAGE_SETTINGS)
    prepared = port.prepare(source)
    try:
        _check(prepared.info, uow.office_id)
    except BaseException:
        port.discard(prepared)
        raise
    return prepared


def _check(info: BackupInfo, office_id: str) -> None:
    if info.newer:
        raise BackupError(N_("'{name}' was made by a newer version of Workgroup (schema "
                             "{revision}); install that version to restore it."),
                          name=info.source.name, revision=info.revision)
    if info.office_id != office_id:
        # Which office it is of is not said: the file may not be the user's to read.
        raise BackupError(N_("'{name}' is a backup of another office's store, not of this "
                             "office's: it cannot be restored here. Nothing was changed."),
                          name=info.source.name)


def cancel_restore(port: BackupPort, prepared: PreparedRestore) -> None:
    port.discard(prepared)


def restore(uow: UnitOfWork, port: BackupPort, prepared: PreparedRestore,
            now: datetime | None = None) -> Restored:
    """Put a prepared backup in place of the store: first a backup of the store as it is
    (always, whatever the automatic setting), then the swap, then a new exchange epoch."""
    try:
        uow.actor.require(Permission.MANAGE_SETTINGS)
        _check(prepared.info, uow.office_id)
        try:
            safety = port.make(BackupReason.BEFORE_RESTORE)
        except (DomainError, OSError) as error:
            raise BackupError(N_("Nothing was restored: the backup of the store as it is "
                                 "could not be made ({reason})."),
                              reason=reason_of(error)) from None
        port.replace(prepared)
    except BaseException:
        port.discard(prepared)
        raise
    try:
        _restart_epoch(port.uow(), now or datetime.now(UTC))
    except (DomainError, OSError) as error:
        raise BackupError(N_("The backup is in place, but this office's exchange could not be "
                             "told so ({reason}): exchange with every office twice, both "
                             "ways."), reason=reason_of(error)) from None
    return Restored(prepared.info, safety)


def _restart_epoch(uow: UnitOfWork, now: datetime) -> None:
    """The store went back to an older copy: say so to the other offices at once (a new
    epoch), rather than hoping a later acknowledgement reveals it — changes made here after
    the restore could hide it, and then this office's writes lost with the old copy would
    never come back. Peers that see the new epoch send everything, those writes included."""
    with uow:
        exchange_epochs.restart(uow, now)
        uow.commit()

