"""Copying a whole store into another database — SQLite to PostgreSQL and back (issue 8) —
and a fingerprint of a store's content to prove the copy whole.

Rows go table by table in the order their foreign keys need, a batch at a time, read and
written through the tables' column types, so that a moment, a date or a flag is the same
value in either database. Everything is written in one transaction of the target: a failure
leaves it as empty as it was. The target's own bookkeeping (its new office id, its clocks)
is replaced by the source's: the copy is the same office, not a new one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from . import postgres_dialect
from .database import Store
from .models import Base, LocalStateRow

BATCH = 2000
# Tables whose rows a freshly made store already has: replaced by the source's.
REPLACED = {LocalStateRow.__tablename__}


@dataclass(frozen=True)
class Fingerprint:
    """How many rows each table holds, and one digest of every row of every table (the same
    whatever order a database returns them in)."""

    rows: dict[str, int]
    digest: str


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def holds_data(store: Store) -> str | None:
    """The first table that holds a row of its own (not a new store's bookkeeping), or None."""
    with store.engine.connect() as connection:
        for table in _tables():
            if table.name not in REPLACED and \
                    connection.execute(select(1).select_from(table).limit(1)).first():
                return table.name
    return None


def copy_rows(source: Store, target: Store,
              progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Every row of ``source`` into ``target`` (migrated to the same revision, empty): the
    number copied per table."""
    counts: dict[str, int] = {}
    with source.engine.connect() as reading, target.engine.begin() as writing:
        for table in _tables():
            counts[table.name] = _copy_table(reading, writing, table, progress)
    postgres_dialect.after_bulk_load(target.engine)
    return counts


def _copy_table(reading: Connection, writing: Connection, table: Table,
                progress: Callable[[str, int], None] | None) -> int:
    if table.name in REPLACED:
        writing.execute(delete(table))
    # A row may point at a later row of its own table (a protocol version at the one it
    # supersedes): such columns are written empty first and filled once all rows are in.
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    later: list[dict[str, Any]] = []
    copied = 0
    result = reading.execution_options(yield_per=BATCH).execute(select(table))
    for part in result.partitions():
        rows = [dict(row._mapping) for row in part]
        for row in rows:
            pointers = {name: row[name] for name in own if row[name] is not None}
            if pointers:
                later.append({"b_key": row["id"], **pointers})
                row.update(dict.fromkeys(pointers))
        writing.execute(insert(table), rows)
        copied += len(rows)
        if progress is not None:
            progress(table.name, copied)
    for name in own:
        fill = [{"b_key": r["b_key"], name: r[name]} for r in later if name in r]
        if fill:
            writing.execute(update(table).where(table.c.id == bindparam("b_key"))
                            .values({name: bindparam(name)}), fill)
    return copied


def fingerprint(store: Store) -> Fingerprint:
    """The rows per table and a digest of all of them: the sum of each row's SHA-256 (of its
    values as the column types give them), so the order rows come in does not matter."""
    rows: dict[str, int] = {}
    total = 0
    with store.engine.connect() as connection:
        for table in _tables():
            count = 0
            result = connection.execution_options(yield_per=BATCH).execute(select(table))
            for row in result:
                line = f"{table.name}|{tuple(row)!r}".encode()
                total += int.from_bytes(hashlib.sha256(line).digest(), "big")
                count += 1
            rows[table.name] = count
    return Fingerprint(rows, f"{total % 2 ** 256:064x}")
