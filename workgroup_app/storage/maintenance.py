"""Database chores for `workgroup db …`: integrity check, backup, restore, schema comparison.

Every copy is made and read through connections made the way the store's own are — the same
driver and the same on-connect steps (engine "connect" listeners) — so a store whose
connections are keyed (an encrypted store) is copied and checked with its key, and the copy
stays as the store is. Each copy is checked before it gets its final name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text

from ..domain.backups import (
    BackupError,
    BackupInfo,
    PreparedRestore,
    reason_of,
    taken_from_name,
)
from ..domain.errors import DomainError
from ..domain.messages import N_
from . import migrate, sqlite_dialect
from .capture import OFFICE_KEY
from .database import Store, open_store
from .models import Base

BLOCK = 4 * 1024 * 1024
_STORE_TABLES = {"alembic_version", "local_state"}


@dataclass(frozen=True, slots=True)
class CheckReport:
    revision: str | None
    head: str
    integrity: str
    foreign_key_problems: int
    schema_differences: int

    @property
    def ok(self) -> bool:
        return (self.revision == self.head and self.integrity == "ok"
                and self.foreign_key_problems == 0 and self.schema_differences == 0)


def schema_differences(engine: Engine) -> list[object]:
    from alembic.autogenerate import compare_metadata  # only for a check: slow to import
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def check(store: Store) -> CheckReport:
    with store.engine.connect() as connection:
        revision = migrate.current_revision(connection)
        integrity, fk_problems = sqlite_dialect.integrity(connection)
    return CheckReport(revision, migrate.head(), str(integrity), fk_problems,
                       len(schema_differences(store.engine)))


def store_file(store: Store) -> Path:
    if store.engine.dialect.name != "sqlite" or store.path is None:
        raise BackupError(N_("Backups of a server database are made with the server's own "
                             "tools (pg_dump)."))
    return store.path


# -- connections like the store's ------------------------------------------------------------

def connect_like(engine: Engine, path: Path) -> Any:
    """A DBAPI connection to ``path`` made as the engine makes its own. The engine must have
    connected once already (its one-time first-connect step is then a no-op)."""
    connection = engine.dialect.loaded_dbapi.connect(str(path), check_same_thread=False)
    try:
        for listener in engine.pool.dispatch.connect:
            listener(connection, None)
    except BaseException:
        connection.close()
        raise
    return connection


def _driver_errors(engine: Engine) -> tuple[type[BaseException], ...]:
    return (OSError, engine.dialect.loaded_dbapi.Error)


def has_data(engine: Engine) -> bool:
    """Whether any table holds a record (the schema and the office id alone are no data)."""
    with engine.connect() as connection:
        names = [n for n in inspect(connection).get_table_names() if n not in _STORE_TABLES]
        return any(connection.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first()
                   for name in names)


# -- writing a backup ------------------------------------------------------------------------

def backup(store: Store, destination: Path) -> Path:
    """Copy the store to a file the user named, with SQLite's online backup, and prove it."""
    own = store_file(store)
    destination = destination.expanduser().resolve()
    if destination == own.resolve():
        raise BackupError(N_("The backup cannot overwrite the database itself."))
    if destination.is_dir():
        raise BackupError(N_("'{path}' is a folder; give a file name for the backup."),
                          path=str(destination))
    if not destination.parent.exists():
        raise BackupError(N_("The folder '{path}' does not exist."),
                          path=str(destination.parent))
    write_copy(store.engine, destination, store.office_id)
    return destination


def write_copy(engine: Engine, destination: Path, office_id: str) -> None:
    """Copy the store behind ``engine`` (pages, not SQL, while it may be in use), check the
    copy — integrity, and a store of office ``office_id`` — and only then name it."""
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    raw = engine.raw_connection()
    try:
        target = connect_like(engine, partial)
        try:
            raw.driver_connection.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()
        found = read_store_file(engine, partial, single_file=True)
        if found[0] != office_id:
            raise BackupError(N_("The backup copy does not read as this office's store."))
        _sync(partial)
        partial.replace(destination)
        _sync_folder(destination.parent)
    except _driver_errors(engine) as exc:
        raise BackupError(N_("The backup could not be written: {reason}."),
                          reason=reason_of(exc)) from None
    finally:
        raw.close()
        _remove(partial)


def read_store_file(engine: Engine, path: Path, *,
                    single_file: bool = False) -> tuple[str, str | None]:
    """(office id, schema revision) of the store file at ``path`` after its integrity check;
    ``BackupError`` for a damaged file or one that is no Workgroup store. ``single_file``
    turns the copy to rollback-journal mode: one file, readable from read-only media."""
    try:
        connection = connect_like(engine, path)
    except _driver_errors(engine):
        raise _not_a_store(path) from None
    try:
        if single_file:
            connection.execute("PRAGMA journal_mode=DELETE")
        result = connection.execute("PRAGMA integrity_check").fetchone()
        if not result or result[0] != "ok":
            raise BackupError(N_("'{name}' is damaged: it failed its integrity check."),
                              name=path.name)
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables >= _STORE_TABLES:
            raise _not_a_store(path)
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        office = connection.execute("SELECT value FROM local_state WHERE key = ?",
                                    (OFFICE_KEY,)).fetchone()
    except _driver_errors(engine):
        raise _not_a_store(path) from None
    finally:
        connection.close()
    if not office or not office[0]:
        raise _not_a_store(path)
    return str(office[0]), str(revision[0]) if revision else None


def _not_a_store(path: Path) -> BackupError:
    return BackupError(N_("'{name}' is not a Workgroup store, or it is damaged."),
                       name=path.name)


# -- restoring -------------------------------------------------------------------------------

def prepare_restore(store: Store, source: Path) -> PreparedRestore:
    """Copy ``source`` beside the store and check the copy (what is checked is what will be
    put in place). The store itself is not touched."""
    own = store_file(store)
    source = source.expanduser()
    if not source.exists():
        raise BackupError(N_("There is no file '{path}'."), path=str(source))
    if source.is_dir():
        raise BackupError(N_("'{path}' is a folder; give the backup file."), path=str(source))
    if source.resolve() == own.resolve():
        raise BackupError(N_("'{path}' is the store itself, not a backup."), path=str(source))
    if not source.is_file():
        raise _not_a_store(source)
    temp = own.with_name(f".{own.name}.restore-{uuid.uuid4().hex[:12]}.partial")
    try:
        _copy(source, temp)
        wal = source.with_name(source.name + "-wal")  # a copy taken with its journal
        if wal.is_file():
            _copy(wal, temp.with_name(temp.name + "-wal"))
        shutil.copymode(own, temp)
        office_id, revision = read_store_file(store.engine, temp, single_file=True)
        _sync(temp)
    except BaseException:
        _remove(temp)
        raise
    known = {rev.revision for rev in migrate.script().walk_revisions()}
    taken = taken_from_name(source.name) or datetime.fromtimestamp(source.stat().st_mtime)
    info = BackupInfo(source, office_id, revision, taken, revision is not None and
                      revision not in known)
    return PreparedRestore(info, temp)


def discard(prepared: PreparedRestore) -> None:
    _remove(prepared.temp)


def replace_store(store: Store, prepared: PreparedRestore) -> Store:
    """Put the checked copy in place of the store and open it (migrated, if it is older).
    The store is closed first; another program still using it makes this refuse, changing
    nothing. Returns the store opened on the restored file."""
    own = store_file(store)
    store.close()
    _claim(store.engine, own)
    os.replace(prepared.temp, own)
    for suffix in ("-wal", "-shm"):  # the old file's journal: not the restored one's
        _remove_file(own.with_name(own.name + suffix))
    try:
        _sync_folder(own.parent)
        return open_store(store.url, create=False, upgrade=True, clock=store.clock,
                          key=store.key)
    except (DomainError, OSError) as error:
        reason = reason_of(error)
        raise BackupError(N_("The backup is in place, but the store could not be opened "
                             "again ({reason}); start the program again."),
                          reason=reason) from None


def _claim(engine: Engine, path: Path) -> None:
    """Make sure nothing else has the store open: leaving WAL mode needs every other
    connection gone, and on the way it writes the journal back and removes it."""
    try:
        connection = connect_like(engine, path)
        try:
            connection.execute("PRAGMA busy_timeout=300")
            mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            connection.close()
    except _driver_errors(engine):
        mode = None
    if not mode or str(mode[0]).lower() != "delete":
        raise BackupError(N_("The store is in use by another window or program; close it "
                             "and try again. Nothing was restored."))


# -- files -----------------------------------------------------------------------------------

def _copy(source: Path, target: Path) -> None:
    with source.open("rb") as reader, target.open("wb") as writer:
        while block := reader.read(BLOCK):
            writer.write(block)


def _sync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    if os.name != "nt":  # Windows cannot open a folder to flush it
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        _remove_file(path.with_name(path.name + suffix))


def _remove_file(path: Path) -> None:
    with contextlib.suppress(OSError):  # a leftover temporary file is no reason to fail
        path.unlink(missing_ok=True)



