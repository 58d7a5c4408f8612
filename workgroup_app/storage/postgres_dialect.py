"""What only PostgreSQL understands, in one place (see ``sqlite_dialect`` for SQLite's)."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout ran out


def limit_lock_wait(connection: Connection, seconds: float | None) -> None:
    """How long this transaction's statements wait for a row another one holds (None: no
    limit). SQLite has its own wait (busy_timeout) and is left alone."""
    if connection.dialect.name != "postgresql":
        return
    milliseconds = 0 if seconds is None else max(1, int(seconds * 1000))
    connection.execute(text(f"SET LOCAL lock_timeout = {milliseconds}"))


def is_lock_timeout(error: DBAPIError) -> bool:
    return getattr(error.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE


def after_bulk_load(engine: Engine) -> None:
    """After millions of rows went in at once (``db copy``): the planner's statistics and the
    visibility map now, rather than whenever autovacuum comes by. Until then the overview
    and the lists read every row from the table instead of answering from their partial
    indexes (0.4 s instead of 0.05 s on 1,000,000 actions). Nothing on other databases."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE)"))  # not in a transaction: autocommit
