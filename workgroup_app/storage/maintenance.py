"""Database chores for `workgroup db …`: integrity check, backup, schema comparison."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, text

from ..domain.errors import StoreError
from ..domain.messages import N_
from . import migrate
from .database import SQLITE_MAGIC, Store
from .models import Base


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
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def check(store: Store) -> CheckReport:
    with store.engine.connect() as connection:
        revision = migrate.current_revision(connection)
        if store.engine.dialect.name == "sqlite":
            integrity = connection.execute(text("PRAGMA integrity_check")).scalar() or "?"
            fk_problems = len(connection.execute(text("PRAGMA foreign_key_check")).all())
        else:
            integrity, fk_problems = "ok", 0
    return CheckReport(revision, migrate.head(), str(integrity), fk_problems,
                       len(schema_differences(store.engine)))


def backup(store: Store, destination: Path) -> Path:
    """Copy a SQLite store with SQLite's online backup, then open the copy to prove it."""
    if store.engine.dialect.name != "sqlite":
        raise StoreError(N_("Backups of a server database are made with the server's own "
                            "tools (pg_dump)."))
    destination = destination.expanduser().resolve()
    if store.path is not None and destination == store.path.resolve():
        raise StoreError(N_("The backup cannot overwrite the database itself."))
    if destination.is_dir():
        raise StoreError(N_("'{path}' is a folder; give a file name for the backup."),
                         path=str(destination))
    if not destination.parent.exists():
        raise StoreError(N_("The folder '{path}' does not exist."), path=str(destination.parent))
    partial = destination.with_name(destination.name + ".partial")
    raw = store.engine.raw_connection()
    try:
        target = sqlite3.connect(partial)
        try:
            raw.driver_connection.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(N_("The backup could not be written: {reason}."),
                         reason=str(exc)) from None
    finally:
        raw.close()
    _verify_copy(partial)
    partial.replace(destination)
    return destination


def _verify_copy(path: Path) -> None:
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise StoreError(N_("The backup copy is damaged."))
    connection = sqlite3.connect(path)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    if not result or result[0] != "ok" or not revision:
        path.unlink(missing_ok=True)
        raise StoreError(N_("The backup copy failed its integrity check."))
