"""Indexes set aside while a first import fills empty tables, and built once the rows are in.

A first import into a new office's store brings millions of rows; placing each in a dozen
indexes as it comes costs several times more than building the indexes once the rows are in,
which is what loading an SQL dump does. Everything happens in the import's one transaction,
so a refused bundle, a cancel or a crash leaves the indexes as they were. SQLite only.
"""

from __future__ import annotations

from sqlalchemy import Connection

from . import models as m


def set_aside(connection: Connection) -> list[str]:
    """Drop the secondary (not unique) indexes of the replicated tables that are empty, and
    return the statements that make them again."""
    statements = []
    for model in m.REPLICATED_MODELS:
        table = model.__tablename__  # type: ignore[attr-defined]
        if connection.exec_driver_sql(f'SELECT 1 FROM "{table}" LIMIT 1').first() is not None:
            continue
        for name, sql in connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL ORDER BY name", (table,)).all():
            if sql.lstrip().upper().startswith("CREATE INDEX"):  # never a UNIQUE one
                connection.exec_driver_sql(f'DROP INDEX "{name}"')
                statements.append(sql)
    return statements


# SQLite sorts an index's keys in as much memory as its page cache may hold: during the
# builds the import's large cache is cut down, so that the sort reuses the memory the cache
# gives back instead of adding as much again (an import stays under 500 MB).
BUILD_CACHE_KIB = 32 * 1024


def build(connection: Connection, statements: list[str]) -> None:
    """Make again the indexes ``set_aside`` dropped."""
    if not statements:
        return
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{BUILD_CACHE_KIB}")
    try:
        for statement in statements:
            connection.exec_driver_sql(statement)
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous or 0)}")
