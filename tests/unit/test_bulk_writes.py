"""Rows written many at once (storage.bulk_sql, used by the exchange import) are stored as
SQLAlchemy's own insert stores them: the same text for dates and UTC moments, the same refusal
of a naive moment."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, create_engine, select, text

from workgroup_app.storage import bulk_sql
from workgroup_app.storage.types import UtcDateTime

MOMENTS = [datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 3, 4, 5, 6, 7, 89, tzinfo=UTC),
           datetime(2026, 1, 1, 2, 30, 0, 999999, tzinfo=timezone(timedelta(hours=3))),
           datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), None]
DAYS = [date(2026, 1, 2), date(5, 6, 7), None, date(9999, 12, 31), date(2024, 2, 29),
        date(2026, 11, 29)]


def _tables() -> tuple[MetaData, Table, Table]:
    metadata = MetaData()
    columns = lambda: [Column("id", Integer, primary_key=True),  # noqa: E731
                       Column("at", UtcDateTime()), Column("on", Date), Column("note", String)]
    return metadata, Table("core", metadata, *columns()), Table("bulk", metadata, *columns())


def test_bulk_inserts_store_the_text_core_stores() -> None:
    engine = create_engine("sqlite://")
    metadata, core, bulk = _tables()
    metadata.create_all(engine)
    rows: list[dict[str, Any]] = [{"id": n, "at": at, "on": on, "note": f"n{n}"}
                                  for n, (at, on) in enumerate(zip(MOMENTS, DAYS, strict=True))]
    with engine.begin() as connection:
        connection.execute(core.insert(), rows)
        bulk_sql.insert_many(connection, bulk, rows)
        stored = [connection.execute(text(f"SELECT id, at, \"on\", note FROM {t} ORDER BY id"))
                  .all() for t in ("core", "bulk")]
        assert stored[0] == stored[1]
        assert stored[1][2][1] == "2025-12-31 23:30:00.999999"  # moved to UTC
        # And they read back as the same values.
        assert connection.execute(select(bulk.c.at).order_by(bulk.c.id)).scalars().all() == \
            [m.astimezone(UTC) if m else None for m in MOMENTS]


def test_a_naive_moment_is_refused_as_core_refuses_it() -> None:
    engine = create_engine("sqlite://")
    metadata, _core, bulk = _tables()
    metadata.create_all(engine)
    with engine.begin() as connection, pytest.raises(ValueError, match="naive"):
        bulk_sql.insert_many(connection, bulk, [{"id": 1, "at": datetime(2026, 1, 1),
                                                 "on": None, "note": ""}])
