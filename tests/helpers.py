"""Test helpers: a canonical dump of a store (SQLite or PostgreSQL), to prove "nothing changed"."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def dump(path: Path | str) -> str:
    """Every row of every table, in a stable order (WAL content included); a PostgreSQL
    store (its URL) is dumped table by table through SQLAlchemy."""
    if isinstance(path, str) and "://" in path:
        return _server_dump(path)
    connection = sqlite3.connect(path)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plain_sqlite_reads(path: Path) -> bool:
    """Whether plain SQLite (no key) can read the file: false for an encrypted store."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()


def _server_dump(url: str) -> str:
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            lines = []
            for table in sorted(inspect(connection).get_table_names()):
                columns = inspect(connection).get_columns(table)
                order = ", ".join(str(n + 1) for n in range(len(columns)))
                lines.append(f"-- {table}: " + ", ".join(c["name"] for c in columns))
                lines.extend(f"{table}: {tuple(row)!r}" for row in connection.execute(
                    text(f'SELECT * FROM "{table}" ORDER BY {order}')))
            return "\n".join(lines)
    finally:
        engine.dispose()


def execute(target: Path | str, statement: str, *params: object) -> None:
    """Run one statement on a store behind the program's back (a hand edit), with ``?``
    marks, on SQLite or (a URL) on PostgreSQL; column names that are keywords somewhere
    (``"user"``) are written quoted."""
    rows(target, statement, *params)


def rows(target: Path | str, statement: str, *params: object) -> list[tuple[object, ...]]:
    """The rows of a query run as ``execute`` runs it (committed)."""
    if isinstance(target, str) and "://" in target:
        from sqlalchemy import create_engine

        engine = create_engine(target)
        try:
            with engine.begin() as connection:
                driver_sql = statement.replace("%", "%%").replace("?", "%s")  # psycopg's marks
                result = connection.exec_driver_sql(driver_sql, params)
                return [tuple(r) for r in result] if result.returns_rows else []
        finally:
            engine.dispose()
    connection = sqlite3.connect(target)
    try:
        found = connection.execute(statement, params).fetchall()
        connection.commit()
        return [tuple(r) for r in found]
    finally:
        connection.close()
