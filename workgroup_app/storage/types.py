"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _utc_text(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:26]  # without the offset


def _date_text(value: date | None, fallback: Callable[[Any], Any]) -> Any:
    return value.isoformat() if type(value) is date else fallback(value)


def sqlite_bulk_processor(column_type: TypeEngine[Any], dialect: Dialect
                          ) -> Callable[[Any], Any] | None:
    """For writing many rows to SQLite at once: what SQLAlchemy's bind processing makes of a
    value of this type, the same text (``YYYY-MM-DD HH:MM:SS.ffffff``, ``YYYY-MM-DD``) with
    C methods instead of a Python format per value; None for types that need nothing here."""
    if isinstance(column_type, UtcDateTime):
        return _utc_text
    if isinstance(column_type, Date) and not isinstance(column_type, DateTime):
        fallback = column_type.dialect_impl(dialect).bind_processor(dialect)
        if fallback is not None:
            return lambda value: _date_text(value, fallback)
    return column_type.dialect_impl(dialect).bind_processor(dialect)
