"""Many rows written at once, as SQLAlchemy Core would write them — the same statement, the
values bound by the same column types — but handed to the driver's ``executemany`` directly:
Core's handling of each row's parameters costs more than SQLite's own work when an exchange
import writes millions of rows. Other drivers' parameter styles fall back to Core."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, bindparam, update

from .types import sqlite_bulk_processor

_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
_Processors = list[tuple[int, Callable[[Any], Any]]]
_STATEMENTS: dict[tuple[str, str, str, tuple[str, ...]], tuple[str, _Processors]] = {}


def _prepared(connection: Connection, table: Table, kind: str, names: tuple[str, ...],
              build: Callable[[Callable[[str], str], str], str]) -> tuple[str, _Processors]:
    dialect = connection.dialect
    key = (dialect.name, kind, table.name, names)
    if key not in _STATEMENTS:
        quote = dialect.identifier_preparer.quote
        processors = [(i, sqlite_bulk_processor(table.c[n].type, dialect)
                       if dialect.name == "sqlite" else
                       table.c[n].type.dialect_impl(dialect).bind_processor(dialect))
                      for i, n in enumerate(names)]
        _STATEMENTS[key] = (build(quote, _MARKS[dialect.paramstyle]),
                            [(i, p) for i, p in processors if p is not None])
    return _STATEMENTS[key]


def _params(rows: Sequence[dict[str, Any]], names: tuple[str, ...],
            convert: _Processors) -> list[tuple[Any, ...]]:
    params = []
    for row in rows:
        values = [row[n] for n in names]
        for i, process in convert:
            values[i] = process(values[i])
        params.append(tuple(values))
    return params


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """``connection.execute(table.insert(), rows)``; every row has the keys of the first."""
    if connection.dialect.paramstyle not in _MARKS:
        connection.execute(table.insert(), list(rows))
        return
    names = tuple(rows[0])
    statement, convert = _prepared(
        connection, table, "insert", names, lambda quote, mark:
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([mark] * len(names))})")
    connection.exec_driver_sql(statement, _params(rows, names, convert))


def update_many(connection: Connection, table: Table, key: str,
                rows: Sequence[dict[str, Any]]) -> None:
    """Set the other columns of each row where ``key`` has the row's value; every row has
    the keys of the first."""
    names = tuple(n for n in rows[0] if n != key)
    if connection.dialect.paramstyle not in _MARKS:
        connection.execute(update(table).where(table.c[key] == bindparam("b_key"))
                           .values({n: bindparam(n) for n in names}),
                           [{"b_key": r[key], **{n: r[n] for n in names}} for r in rows])
        return
    statement, convert = _prepared(
        connection, table, "update", (*names, key), lambda quote, mark:
        f"UPDATE {quote(table.name)} SET {', '.join(f'{quote(n)} = {mark}' for n in names)} "
        f"WHERE {quote(key)} = {mark}")
    connection.exec_driver_sql(statement, _params(rows, (*names, key), convert))
