"""What only SQLite understands, in one place (issue 8: the same store code runs on SQLite
and PostgreSQL; SQL of one database lives in a module of its own).

The callers ask by what they need — a connection set up, a memory map while reading, foreign
keys checked at the end of an import — and these functions do it on SQLite and nothing (or
the portable equivalent) elsewhere. Modules that are SQLite's by purpose keep their own:
``encryption`` (SQLCipher), ``import_indexes`` (called for SQLite only) and the store file's
chores in ``maintenance`` (backup, restore).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, text

MAP_BYTES = 8 * 1024 ** 3  # asked for; SQLite caps it at its compiled limit (commonly 2 GB)


def is_sqlite(connection: Connection) -> bool:
    return connection.dialect.name == "sqlite"


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def on_connect(dbapi_connection: Any, _record: Any) -> None:
    """Every new connection of a store file (an engine "connect" listener)."""
    # SQLite's LOWER() folds ASCII only; make it fold Cyrillic too, as PostgreSQL's does.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def use_wal(connection: Connection) -> None:
    """Persistent in the file: set only once the file is known to be ours."""
    connection.exec_driver_sql("PRAGMA journal_mode=WAL")


@contextmanager
def memory_mapped(connection: Connection) -> Iterator[None]:
    """SQLite reads the store through a memory map meanwhile (PRAGMA mmap_size), then as
    before. For reads that walk a table with a lookup per row (a full export, verifying the
    audit trail): pages come from the map instead of one read() call each, about twice as
    fast. Other databases, and SQLCipher (which does not map), are left as they are."""
    if not is_sqlite(connection):
        yield
        return
    previous = int(connection.exec_driver_sql("PRAGMA mmap_size").scalar() or 0)
    connection.exec_driver_sql(f"PRAGMA mmap_size = {MAP_BYTES}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA mmap_size = {previous}")


def begin_bulk_write(connection: Connection, cache_kib: int) -> int | None:
    """For an import's transaction: foreign keys checked at its end (parents and children
    arrive in any order) and a page cache of ``cache_kib``. The cache size to restore after,
    or None where there is nothing to restore (PostgreSQL checks at the end anyway only for
    deferrable constraints; its import order keeps parents first)."""
    if not is_sqlite(connection):
        return None
    connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{cache_kib}")
    return int(previous)


def set_cache_size(connection: Connection, pages_or_kib: int) -> int | None:
    """The page cache as SQLite's PRAGMA takes it (negative: KiB); the previous value."""
    if not is_sqlite(connection):
        return None
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = {int(pages_or_kib)}")
    return int(previous)


def foreign_key_violation(connection: Connection) -> str | None:
    """The table of a row whose parent is missing, if any (SQLite defers the check of an
    import to here; PostgreSQL checked every row as it came)."""
    if not is_sqlite(connection):
        return None
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
    return None if broken is None else str(broken[0])


def insert_touched(connection: Connection, touched: list[tuple[str, str]]) -> None:
    """Add (kind, id) pairs to the import's temporary table, once each."""
    if is_sqlite(connection):  # the driver's own placeholders: the fastest way in
        connection.exec_driver_sql("INSERT OR IGNORE INTO sync_touched (kind, id) "
                                   "VALUES (?, ?)", touched)
    else:  # understood by both; SQLAlchemy binds it for PostgreSQL's driver
        connection.execute(text("INSERT INTO sync_touched (kind, id) VALUES (:kind, :id) "
                                "ON CONFLICT DO NOTHING"),
                           [{"kind": kind, "id": key} for kind, key in touched])


def integrity(connection: Connection) -> tuple[str, int]:
    """SQLite's integrity check and the number of rows whose parent is missing; a server
    checks its own pages and constraints ("ok", 0)."""
    if not is_sqlite(connection):
        return "ok", 0
    result = connection.execute(text("PRAGMA integrity_check")).scalar() or "?"
    return str(result), len(connection.execute(text("PRAGMA foreign_key_check")).all())
