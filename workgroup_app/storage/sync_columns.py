"""What sync carries of each replicated table, and how a value travels as JSON.

A column travels by name, never by position (sync-anchors §2.5). Every incoming value is
checked against the local schema — type, length, nullability — before it can reach the
database, so a hostile bundle gets one clear refusal instead of a database error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Boolean, Date, Integer, LargeBinary, String, Text, Time
from sqlalchemy.sql.schema import Column

from ..domain.errors import VerificationError
from ..domain.messages import N_
from .models import DERIVED_COLUMNS, REPLICATED_MODELS, Replicated
from .types import UtcDateTime

MAX_TEXT = 1024 * 1024
MAX_INT = 2 ** 63 - 1
# Which column of which table names a blob that must travel with the row.
BLOB_POINTERS = {"action_event": "attachment_sha256", "finding_event": "attachment_sha256",
                 "minutes_event": "pdf_sha256"}


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str  # str | int | bool | date | datetime | time
    nullable: bool
    max_length: int
    default: Any  # for a row that arrives without this column (an older sender)
    has_default: bool


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[Replicated]
    replicated: dict[str, ColumnSpec]  # travels, with a clock per field
    local: dict[str, ColumnSpec]  # derived here: search keys, state from events

    def all_columns(self) -> list[str]:
        return ["id", *self.replicated, *self.local]


def _kind(column: Column[Any]) -> tuple[str, int]:
    kind = column.type
    if isinstance(kind, UtcDateTime):
        return "datetime", 0
    if isinstance(kind, Boolean):
        return "bool", 0
    if isinstance(kind, Integer):
        return "int", 0
    if isinstance(kind, Date):
        return "date", 0
    if isinstance(kind, Time):
        return "time", 0
    if isinstance(kind, Text):
        return "str", MAX_TEXT
    if isinstance(kind, String):
        return "str", kind.length or MAX_TEXT
    if isinstance(kind, LargeBinary):
        raise TypeError(f"binary column {column.name} cannot be replicated")
    raise TypeError(f"no sync type for column {column.name}: {kind!r}")


_ZERO = {"str": "", "int": 0, "bool": False}


def _spec(column: Column[Any]) -> ColumnSpec:
    kind, length = _kind(column)
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return ColumnSpec(column.name, kind, bool(column.nullable), length, default.arg, True)
    if column.nullable:
        return ColumnSpec(column.name, kind, True, length, None, True)
    if column.server_default is not None and kind == "bool":
        return ColumnSpec(column.name, kind, False, length, False, True)
    return ColumnSpec(column.name, kind, False, length, _ZERO.get(kind), False)


def _table_spec(model: type[Replicated]) -> TableSpec:
    table = model.__table__  # type: ignore[attr-defined]
    local_names = DERIVED_COLUMNS | model.derived_columns
    replicated = {c.name: _spec(c) for c in table.columns if c.name not in local_names}
    local = {c.name: _spec(c) for c in table.columns
             if c.name in local_names and c.name != "id"}
    return TableSpec(table.name, model, replicated, local)


TABLES: dict[str, TableSpec] = {m.__tablename__: _table_spec(m)  # type: ignore[attr-defined]
                                for m in REPLICATED_MODELS}
TABLE_ORDER = [m.__tablename__ for m in REPLICATED_MODELS]  # type: ignore[attr-defined]


def encode(spec: ColumnSpec, value: Any) -> Any:
    """A column value as JSON."""
    if value is None:
        return None
    if spec.kind == "datetime":
        return value.astimezone(UTC).isoformat()
    if spec.kind in ("date", "time"):
        return value.isoformat()
    return value


def _bad(table: str, column: str) -> VerificationError:
    return VerificationError(N_("The bundle holds an invalid value for {table}.{column}."),
                             table=table, column=column)


def decode(table: str, spec: ColumnSpec, value: Any) -> Any:
    """A JSON value as the column's Python value, or VerificationError."""
    if value is None:
        if not spec.nullable:
            raise _bad(table, spec.name)
        return None
    kind = spec.kind
    try:
        if kind == "str" and isinstance(value, str) and len(value) <= spec.max_length \
                and "\x00" not in value:
            return value
        if kind == "int" and type(value) is int and -MAX_INT <= value <= MAX_INT:
            return value
        if kind == "bool" and isinstance(value, bool):
            return value
        if kind == "date" and isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
        if kind == "time" and isinstance(value, str) and len(value) <= 15:
            return time.fromisoformat(value)
        if kind == "datetime" and isinstance(value, str) and len(value) <= 40:
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is not None:
                return parsed.astimezone(UTC)
    except ValueError:
        pass
    raise _bad(table, spec.name)


def decode_row(spec: TableSpec, values: Mapping[str, Any]) -> dict[str, Any]:
    replicated = spec.replicated
    if not values.keys() <= replicated.keys():
        unknown = set(values) - set(replicated)
        raise VerificationError(
            N_("The bundle holds fields this version does not know ({table}: {columns}); "
               "update the program."), table=spec.name, columns=", ".join(sorted(unknown)))
    row: dict[str, Any] = {}
    for name, value in values.items():
        column = replicated[name]
        # The common cases inline (a million rows of ~15 fields): as decode() checks them.
        kind = type(value)
        if kind is str and column.kind == "str":
            if len(value) <= column.max_length and "\x00" not in value:
                row[name] = value
                continue
        elif value is None and column.nullable:
            row[name] = None
            continue
        elif kind is int and column.kind == "int" and -MAX_INT <= value <= MAX_INT:
            row[name] = value
            continue
        elif kind is str and column.kind == "datetime" and len(value) <= 40:
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                moment = None
            if moment is not None and moment.tzinfo is UTC:  # as every office writes them
                row[name] = moment
                continue
        row[name] = decode(spec.name, column, value)
    return row
