"""Automatic backups in the backups folder of the data directory, and the store's restore.

``AutomaticBackups`` is what services/backups.py asks for (its ``BackupPort``): take one now,
list and prune them, prepare and carry out a restore. Whether and when to take one is the
service's decision; the one taken before a migration is made here, since no unit of work can
exist on a store whose schema is not yet this program's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from ..domain.backups import (
    KEEP_SETTING,
    BackupError,
    BackupFile,
    BackupReason,
    PreparedRestore,
    backup_name,
    keep_from_text,
    parse_name,
    series,
)
from ..domain.encryption import StoreKey
from ..domain.messages import N_
from . import maintenance, migrate
from .action_repository import SettingsRepository
from .capture import OFFICE_KEY
from .database import SQLITE_MAGIC, Store, make_engine, sqlite_path, to_url

Clock = Callable[[], datetime]
log = logging.getLogger(__name__)


class StoreOwner(Protocol):
    """Who holds the open store (the application context): a restore replaces it."""

    store: Store

    def uow(self) -> Any: ...


def _series(path: Path, office_id: str) -> str:
    return series(path.stem, office_id)


def take(engine: Engine, store_path: Path, office_id: str, folder: Path,
         reason: BackupReason, now: datetime) -> BackupFile:
    """Write and check one automatic backup of the store behind ``engine``."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(N_("The backup could not be written: {reason}."),
                          reason=exc.strerror or str(exc)) from None
    name = backup_name(store_path.stem, office_id, now, reason)
    target, count = folder / name, 1
    while target.exists():  # two in one second: a number keeps both
        count += 1
        target = folder / name.replace(f"{reason.value}.", f"{reason.value}-{count}.")
    maintenance.write_copy(engine, target, office_id)
    return BackupFile(target, now.replace(microsecond=0), reason, target.stat().st_size)


def listing(folder: Path, store_path: Path, office_id: str) -> list[BackupFile]:
    """This store's automatic backups, oldest first."""
    prefix = _series(store_path, office_id)
    found = []
    for path in folder.glob(f"{prefix}*") if folder.is_dir() else []:
        parsed = parse_name(path.name, prefix)
        if parsed is not None and path.is_file():
            found.append(BackupFile(path, parsed[0], parsed[1], path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name))


def prune(folder: Path, store_path: Path, office_id: str, keep: int) -> list[Path]:
    """Delete this store's automatic backups beyond the newest ``keep``; others' files and
    backups the user made elsewhere are never touched."""
    backups = listing(folder, store_path, office_id)
    doomed = [b.path for b in backups[:max(len(backups) - keep, 0)]]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


class AutomaticBackups:
    """The backups of the store ``owner`` holds, kept in ``folder``."""

    def __init__(self, owner: StoreOwner, folder: Path, *, enabled: bool = True,
                 clock: Clock = datetime.now) -> None:
        self.owner = owner
        self.folder = folder
        self.enabled = enabled  # automatic ones: off with WORKGROUP_AUTO_BACKUP=0
        self.clock = clock

    @property
    def supported(self) -> bool:
        """A file store: a server database is backed up with the server's tools."""
        return self.owner.store.path is not None

    def _where(self) -> tuple[Path, str]:
        store = self.owner.store
        return maintenance.store_file(store), store.office_id

    def make(self, reason: BackupReason) -> BackupFile:
        store = self.owner.store
        path, office_id = self._where()
        return take(store.engine, path, office_id, self.folder, reason, self.clock())

    def list(self) -> list[BackupFile]:
        if not self.supported:
            return []
        return listing(self.folder, *self._where())

    def prune(self, keep: int) -> list[Path]:
        return prune(self.folder, *self._where(), keep)

    def has_data(self) -> bool:
        return maintenance.has_data(self.owner.store.engine)

    def prepare(self, source: Path) -> PreparedRestore:
        return maintenance.prepare_restore(self.owner.store, source)

    def discard(self, prepared: PreparedRestore) -> None:
        maintenance.discard(prepared)

    def replace(self, prepared: PreparedRestore) -> None:
        self.owner.store = maintenance.replace_store(self.owner.store, prepared)

    def uow(self) -> Any:
        return self.owner.uow()


# -- before a migration ----------------------------------------------------------------------

def before_migration(database: str, folder: Path, now: datetime,
                     key: StoreKey | None = None) -> BackupFile | None:
    """Back up an existing store with data that opening it will migrate; None when there is
    nothing to keep (a new or empty store, one up to date, a server database, a store this
    program does not know — opening it refuses — or automatic backups set to 0). ``key``
    opens an encrypted store; its backup is encrypted with the same key."""
    path = sqlite_path(to_url(database))
    if path is None or not path.is_file() or (key is None and not _plain_sqlite(path)):
        return None  # opening says what a file that is no SQLite file is (or reads it its way)
    engine = make_engine(to_url(database), key)
    try:
        pending = _pending(engine)
        if pending is None or not maintenance.has_data(engine):
            return None
        office_id, keep = pending
        made = take(engine, path, office_id, folder, BackupReason.BEFORE_MIGRATION, now)
        prune(folder, path, office_id, keep)
        return made
    finally:
        engine.dispose()


def _pending(engine: Engine) -> tuple[str, int] | None:
    """(office id, how many to keep) of a store a migration will change and whose automatic
    backups are on; None otherwise."""
    keep_key = SettingsRepository.PREFIX + KEEP_SETTING
    try:
        with engine.connect() as connection:
            revision = _revision(connection)
            if revision is None or revision == migrate.head():
                return None
            values = dict(connection.execute(text(
                "SELECT key, value FROM local_state WHERE key IN (:office, :keep)"),
                {"office": OFFICE_KEY, "keep": keep_key}).all())
    except DBAPIError as error:
        # A SQLite file this program cannot read (locked, damaged): opening it says why.
        log.warning("No backup before the migration: the store could not be read (%s)",
                    error.orig if error.orig is not None else error)
        return None
    keep = keep_from_text(values.get(keep_key, ""))
    office_id = values.get(OFFICE_KEY)
    return (office_id, keep) if keep and office_id else None


def _revision(connection: Any) -> str | None:
    """The schema revision of a Workgroup store this program knows, else None."""
    if not {"alembic_version", "local_state"} <= set(inspect(connection).get_table_names()):
        return None
    revision = migrate.current_revision(connection)
    known = {rev.revision for rev in migrate.script().walk_revisions()}
    return revision if revision in known else None


def _plain_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False
