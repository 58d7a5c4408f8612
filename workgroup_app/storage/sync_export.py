"""What an export reads: every replicated row changed here after a version, with the clocks of
its fields (DESIGN §5), parents' tables first.

A full export reads millions of rows, so the common case is made cheap on SQLite: each table
is read in its stored order (the file memory-mapped), each row's change found by key, and a row
stored as the app stores values (which is every row the app wrote) comes out of SQLite as the
bundle's JSON already (``json_object``, whose escaping is Python's with ``ensure_ascii=False``).
When its clocks are stored as the app stores them too, the record is put together from the two
texts and handed over with the others of its fetch. Any other row — one whose clocks name the
recipient or several offices, or a value in another form — goes the general way: read typed,
filtered field by field, encoded in Python. They give the same bytes
(``tests/integration/test_sync_export_read.py`` checks it; only clocks put out of order by a
hand edit go as stored, meaning the same). A few changes in a big store are found through the
index on ``local_version`` instead of walking whole tables.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from sqlalchemy import Connection, Select, Table, func, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from . import clock_codec
from . import models as m
from .sqlite_dialect import memory_mapped
from .sync_columns import BLOB_POINTERS, TABLE_ORDER, TABLES, TableSpec

SC = m.SyncChangeRow.__table__
FEW_CHANGES = 20_000  # pending changes at most that are read through the local_version index
BATCH = 500  # rows read by id at once
# The bundle's canonical JSON (sync.strict_json.dumps_canonical, which storage cannot import).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                              allow_nan=False)


@dataclass(frozen=True, slots=True)
class OutRow:
    table: str
    id: str
    values: dict[str, Any]  # JSON-ready ({} when ``record`` holds them)
    clocks: dict[str, Any]  # clock_codec's compact form
    blobs: tuple[str, ...]
    # The row as its bundle record, {"c": clocks, "id": …, "t": table, "v": values} in
    # canonical JSON, when it was read so; else None and the writer encodes the fields above.
    record: bytes | None = None
    # Or, instead of one row, the records of many (``id`` empty, no blobs): a full export
    # hands them over a fetch at a time, not a row at a time.
    batch: tuple[bytes, ...] = ()


def compact_clocks(clocks: dict[str, tuple[int, str]]) -> dict[str, Any]:
    return json.loads(clock_codec.encode(clocks))


def changed_rows(session: Session, since: int, skip_site: str) -> Iterator[OutRow]:
    """Every row changed after version ``since``, table by table in TABLE_ORDER, with the
    fields whose last writer is not ``skip_site`` (the recipient has its own writes)."""
    connection = session.connection()
    pending = session.scalar(select(func.count()).select_from(SC)
                             .where(SC.c.local_version > since)) or 0
    if not pending:
        return
    if pending > FEW_CHANGES:
        with memory_mapped(connection):
            for table in TABLE_ORDER:
                yield from _whole_table(connection, TABLES[table], since, skip_site)
        return
    changes: dict[str, dict[str, str]] = defaultdict(dict)
    for table, row_id, clocks in connection.execute(
            select(SC.c.table_name, SC.c.row_id, SC.c.field_clocks)
            .where(SC.c.local_version > since).order_by(SC.c.local_version)):
        changes[table][row_id] = clocks
    for table in TABLE_ORDER:
        if changes.get(table):
            yield from _by_id(connection, TABLES[table], changes[table], skip_site)


# ---- the general way: typed values, encoded in Python ---------------------------------------

def _datetime_json(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _iso_json(value: date | time) -> str:
    return value.isoformat()


def _stored_datetime_json(stored: str) -> str:
    """A UtcDateTime as SQLite stores it, as JSON: what SQLAlchemy reads it as (through
    ``datetime.fromisoformat``, naive meaning UTC), then ``sync_columns.encode``."""
    value = datetime.fromisoformat(stored)
    return value.isoformat() + "+00:00" if value.tzinfo is None \
        else value.astimezone(UTC).isoformat()


def _stored_date_json(stored: str) -> str:
    return date.fromisoformat(stored).isoformat()


def _stored_time_json(stored: str) -> str:
    return time.fromisoformat(stored).isoformat()


# sync_columns.encode by kind, of a typed value and of a value as SQLite stores it.
_TO_JSON: dict[str, Callable[[Any], Any]] = {
    "datetime": _datetime_json, "date": _iso_json, "time": _iso_json}
_RAW_TO_JSON: dict[str, Callable[[Any], Any]] = {
    "datetime": _stored_datetime_json, "date": _stored_date_json, "time": _stored_time_json,
    "bool": bool}


def _raw(connection: Connection) -> bool:
    """Whether values are read as stored (SQLite) rather than typed."""
    return connection.dialect.name == "sqlite"


def _values_query(connection: Connection, spec: TableSpec) -> tuple[Select[Any], Table]:
    """The select of a table's id and replicated columns in the order of their names."""
    table: Table = spec.model.__table__  # type: ignore[attr-defined]
    raw = _raw(connection)
    columns = [type_coerce(table.c[name], NullType()) if raw else table.c[name]
               for name in sorted(spec.replicated)]
    return select(table.c.id, *columns), table


def _by_id(connection: Connection, spec: TableSpec, changes: dict[str, str], skip_site: str
           ) -> Iterator[OutRow]:
    """The rows of ``changes`` (id -> stored clocks), by id."""
    query, table = _values_query(connection, spec)
    ids = sorted(changes)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        found = {r[0]: r for r in connection.execute(query.where(table.c.id.in_(chunk)))}
        yield from _out_rows(connection, spec, ((*found[i], changes[i]) for i in chunk
                                                if i in found), skip_site)


def _out_rows(connection: Connection, spec: TableSpec, records: Iterator[tuple[Any, ...]],
              skip_site: str) -> Iterator[OutRow]:
    """Rows to send from records (id, *replicated values by name, stored clocks)."""
    pointer = BLOB_POINTERS.get(spec.name)
    names = sorted(spec.replicated)
    to_json = _RAW_TO_JSON if _raw(connection) else _TO_JSON
    converted = [(name, to_json[spec.replicated[name].kind]) for name in names
                 if spec.replicated[name].kind in to_json]
    for record in records:
        stored = clock_codec.parse(record[-1])
        if _sent_whole(stored, skip_site, names):
            # Every field, and the clocks as stored: what the general case below makes of
            # them, without decoding and encoding them again.
            values = dict(zip(names, record[1:-1], strict=True))
            clocks = stored
        else:
            kept = {k: v for k, v in clock_codec.from_data(stored).items()
                    if v[1] != skip_site and k in spec.replicated}
            if not kept:
                continue
            values = {name: record[i] for i, name in enumerate(names, start=1)
                      if name in kept}
            clocks = compact_clocks(kept)
        for name, convert in converted:
            value = values.get(name)
            if value is not None:
                values[name] = convert(value)
        digest = values.get(pointer) if pointer else None
        yield OutRow(spec.name, record[0], values, clocks, (digest,) if digest else ())


def _sent_whole(stored: Any, skip_site: str, everything: list[str]) -> bool:
    """Whether stored clocks go out exactly as stored: written by one office that is not the
    recipient, in clock_codec's canonical form (entries in clock order, fields sorted, each
    field once), naming each replicated column (``everything``, sorted) — then every field
    travels and ``compact_clocks`` of them would give them back unchanged."""
    if len(stored) != 2 or stored.get("site") == skip_site:
        return False
    entries = stored.get("clocks")
    if not entries:
        return False
    if len(entries) == 1:
        entry = entries[0]
        return len(entry) == 2 and type(entry[0]) is int and entry[0] > 0 \
            and entry[1] == everything
    last, fields = 0, []
    for entry in entries:
        if len(entry) != 2 or type(entry[0]) is not int or entry[0] <= last \
                or entry[1] != sorted(entry[1]):
            return False
        last = entry[0]
        fields += entry[1]
    fields.sort()
    return fields == everything


# ---- whole tables ------------------------------------------------------------------------------

def _whole_table(connection: Connection, spec: TableSpec, since: int, skip_site: str
                 ) -> Iterator[OutRow]:
    if not _raw(connection):
        query, table = _values_query(connection, spec)
        query = (query.add_columns(SC.c.field_clocks)
                 .join_from(table, SC, (SC.c.table_name == spec.name)
                            & (SC.c.row_id == table.c.id))
                 .where(SC.c.local_version > since))
        yield from _out_rows(connection, spec,
                             connection.execution_options(yield_per=2000).execute(query),
                             skip_site)
        return
    # The table in its stored order, each row's change found by key (SQLite would rather walk
    # sync_change by key and fetch each row from wherever it lies: twice as slow over a
    # million rows; CROSS JOIN keeps the order written). ``v`` is the row's values as JSON
    # when SQLite can make them exactly (see _json_select), else NULL.
    names = sorted(spec.replicated)
    values_json, exact = _json_select(connection, spec)
    pointer = BLOB_POINTERS.get(spec.name)
    table_json = encode_basestring(spec.name)
    cursor = connection.connection.cursor()
    others: dict[str, str] = {}
    shapes: list[re.Pattern[str]] = []  # the stored clocks of rows that go whole, by shape
    try:
        cursor.execute(
            f"SELECT t.id, CASE WHEN {exact} THEN {values_json} END, "
            f"{f't.{_quote(connection, pointer)}' if pointer else 'NULL'}, "
            f"c.field_clocks FROM {_quote(connection, spec.name)} AS t CROSS JOIN sync_change "
            "AS c ON c.table_name = ? AND c.row_id = t.id WHERE c.local_version > ?",
            (spec.name, since))
        while rows := cursor.fetchmany(2000):
            batch: list[bytes] = []
            for row_id, values, digest, clocks_text in rows:
                # Clocks naming the recipient, or entries of other offices ("],"site"]), are
                # for the general way, which leaves out the recipient's own writes.
                if values is None or (skip_site and skip_site in clocks_text):
                    others[row_id] = clocks_text
                elif not digest and _plain_id(row_id) and \
                        _goes_whole(clocks_text, shapes, names):
                    # Most of a big store: the record made of the texts as they are.
                    batch.append(f'{{"c":{{"clocks":{clocks_text[_ENTRIES:-1]},"site":"'
                                 f'{clocks_text[9:45]}"}},"id":"{row_id}","t":{table_json},'
                                 f'"v":{values}}}'.encode())
                elif '"],"' in clocks_text:
                    others[row_id] = clocks_text
                else:
                    parsed = clock_codec.parse(clocks_text)
                    if not _sent_whole(parsed, skip_site, names):
                        others[row_id] = clocks_text
                        continue
                    yield OutRow(spec.name, row_id, {}, parsed, (digest,) if digest else (),
                                 (f'{{"c":{_CANONICAL.encode(parsed)},"id":'
                                  f'{encode_basestring(row_id)},"t":{table_json},'
                                  f'"v":{values}}}').encode())
            if batch:
                yield OutRow(spec.name, "", {}, {}, (), None, tuple(batch))
            if len(others) >= BATCH:
                yield from _by_id(connection, spec, others, skip_site)
                others = {}
    finally:
        cursor.close()
    if others:
        yield from _by_id(connection, spec, others, skip_site)


# Clocks stored as clock_codec.encode writes them for one office: {"site":"SITE","clocks":
# ENTRIES} with a site id of hex digits and hyphens, nothing spaced or escaped. Their canonical
# form (keys sorted) is then {"clocks":ENTRIES,"site":"SITE"}. That ENTRIES name every field
# once, each entry's names sorted, is checked on the first row of each shape (the entries
# without their clocks: a table's rows come in a handful); the rest of that shape are known by
# a pattern of the whole text (its names, a clock of digits without a leading zero in each
# entry), which also proves them stored as said.
_ENTRIES = 56  # where ENTRIES begins in the stored text
_SHAPES = 32  # shapes remembered per table at most (the rest go the general way)
_SITE_CHARS = frozenset("0123456789abcdef-")


def _goes_whole(text: str, shapes: list[re.Pattern[str]], names: list[str]) -> bool:
    for pattern in shapes:
        if pattern.fullmatch(text):
            return True
    if len(shapes) >= _SHAPES or not _as_stored(text):
        return False
    entries = text[_ENTRIES:-1]
    shape = _shape(entries)
    if shape is None or not _names_every_field_once(entries, names):
        return False
    shapes.append(re.compile(
        '\\{"site":"[0-9a-f-]{36}","clocks":\\[\\['
        + "\\],\\[".join("[1-9][0-9]*" + re.escape(part) for part in shape) + "\\}"))
    return True


def _as_stored(text: str) -> bool:
    return (text.startswith('{"site":"') and text.startswith('","clocks":[[', 45)
            and text.endswith("]]}") and " " not in text and "\\" not in text
            and '"],"' not in text and _SITE_CHARS.issuperset(text[9:45]))


def _plain_id(row_id: str) -> bool:
    """An id JSON writes as it is: ASCII letters, digits and hyphens."""
    return row_id.isascii() and row_id.replace("-", "").isalnum()


def _shape(entries: str) -> tuple[str, ...] | None:
    """The entries [[CLOCK,NAMES],…] without their clocks: each entry's names (a name holds
    no '],[' and a clock no comma); None unless every clock is digits without a leading 0."""
    shape = []
    for entry in entries[2:].split("],["):
        comma = entry.find(",")
        clock = entry[:comma]
        if comma < 1 or not (clock.isascii() and clock.isdigit()) or clock[0] == "0":
            return None
        shape.append(entry[comma:])
    return tuple(shape)


def _names_every_field_once(entries_text: str, everything: list[str]) -> bool:
    """Whether stored entries are canonical and name each of ``everything`` (sorted) once:
    each entry a clock and its sorted names. Checked on a shape's first row, the verdict holds
    for the rest, which differ in their clocks only: a clock written with a leading zero is no
    JSON, which the receiver refuses (the general way refuses to read it); clocks out of order
    can only be a hand edit and are sent as stored, meaning the same."""
    try:
        entries = json.loads(entries_text)
    except ValueError:
        return False
    if not isinstance(entries, list) or not entries:
        return False
    fields: list[str] = []
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 2 and type(entry[0]) is int
                and entry[0] > 0 and isinstance(entry[1], list) and entry[1]
                and all(isinstance(f, str) for f in entry[1]) and entry[1] == sorted(entry[1])):
            return False
        fields += entry[1]
    return sorted(fields) == everything and _CANONICAL.encode(entries) == entries_text


def _quote(connection: Connection, name: str) -> str:
    return str(connection.dialect.identifier_preparer.quote(name))


_JSON_SELECTS: dict[str, tuple[str, str]] = {}


def _json_select(connection: Connection, spec: TableSpec) -> tuple[str, str]:
    """(json_object over the columns of ``t`` in name order, the condition under which it
    gives exactly what the general way gives). Text and integers go in as they are; the
    others when stored in SQLAlchemy's SQLite form, which SQL turns into the JSON form of
    ``sync_columns.encode``: booleans 0/1 as false/true; dates 'YYYY-MM-DD' as they are;
    UtcDateTime 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC) as 'YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00';
    times 'HH:MM:SS.ffffff' as 'HH:MM:SS[.ffffff]' — microseconds only when not zero, as
    ``isoformat`` writes them. A value in any other form fails the condition — so does one
    that is not a valid date or time ('+0 days' makes SQLite normalise it, and the result then
    differs), or a time within half a millisecond of the next second (which SQLite rounds up)
    — and its row goes the general way, which reads or refuses it as before."""
    if spec.name in _JSON_SELECTS:
        return _JSON_SELECTS[spec.name]
    pairs, checks = [], []
    for name in sorted(spec.replicated):
        kind, column = spec.replicated[name].kind, f"t.{_quote(connection, name)}"
        if kind == "bool":
            value = f"CASE {column} WHEN 0 THEN json('false') WHEN 1 THEN json('true') END"
            checks.append(f"({column} IS NULL OR {column} IN (0, 1))")
        elif kind == "date":
            value = column
            checks.append(f"({column} IS NULL OR ({column} >= '0001' "
                          f"AND date({column}, '+0 days') = {column}))")
        elif kind == "datetime":
            value = (f"CASE WHEN {column} IS NOT NULL THEN substr({column}, 1, 10) || 'T' || "
                     f"CASE WHEN substr({column}, 20) = '.000000' THEN substr({column}, 12, 8) "
                     f"ELSE substr({column}, 12) END || '+00:00' END")
            checks.append(f"({column} IS NULL OR ({column} >= '0001' AND length({column}) = 26 "
                          f"AND datetime({column}, '+0 days') || substr({column}, 20) "
                          f"= {column}))")
        elif kind == "time":
            value = (f"CASE WHEN substr({column}, 9) = '.000000' THEN substr({column}, 1, 8) "
                     f"ELSE {column} END")
            checks.append(f"({column} IS NULL OR (length({column}) = 15 "
                          f"AND time({column}, '+0 days') || substr({column}, 9) = {column}))")
        else:  # str, int
            value = column
        pairs.append(f"'{name}', {value}")
        # typeof: a number where text belongs, or text where a number does, is read as
        # stored by the general way; json_object must not write it differently.
        if kind in ("str", "date", "datetime", "time"):
            checks.append(f"typeof({column}) IN ('text', 'null')")
        else:
            checks.append(f"typeof({column}) IN ('integer', 'null')")
    _JSON_SELECTS[spec.name] = (f"json_object({', '.join(pairs)})", " AND ".join(checks))
    return _JSON_SELECTS[spec.name]
