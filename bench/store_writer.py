"""Rows in bulk with the bookkeeping of storage/capture.py: timestamps, origin office,
tombstone, and a sync_change row per row with per-field clocks and a local version."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, inspect, text

from workgroup_app.domain import hlc
from workgroup_app.services import demo_texts as texts
from workgroup_app.storage import capture, clock_codec
from workgroup_app.storage import models as m

ORDER: tuple[type[m.Replicated], ...] = (
    m.AgencyRow, m.PersonRow, m.WorkgroupRow, m.WorkgroupMemberRow, m.MeetingRow,
    m.AttendeeRow, m.AgendaItemRow, m.SpeechRow, m.DecisionRow)


@dataclass(frozen=True, slots=True)
class Member:
    person_id: str
    full_name: str
    position: str
    female: bool
    agency_key: str


@dataclass
class Group:
    id: str
    theme: texts.Theme
    forms: dict[str, texts.AgencyText]
    agency_ids: dict[str, str]
    chair: Member
    secretary: Member
    members: list[Member]
    established: date
    venues: tuple[str, ...]


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, count: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + count


class Writer:
    """Collects rows with their change-capture bookkeeping and writes them in bulk."""

    def __init__(self, engine: Engine, rng: random.Random) -> None:
        self.engine = engine
        self.rng = rng
        with engine.connect() as connection:
            state = dict(connection.execute(text("SELECT key, value FROM local_state")).all())
        self.office = state[capture.OFFICE_KEY]
        self.stamp = int(state[capture.HLC_KEY])
        self.version = int(state[capture.VERSION_KEY])
        self.now = datetime.now(UTC)
        self.pending: dict[str, list[dict[str, Any]]] = {model.__tablename__: [] for model in ORDER}
        self.changes: list[dict[str, Any]] = []
        self.counts = Counts()
        self.templates = {model.__tablename__: _clock_template(model, self.office)
                          for model in ORDER}
        self.payloads: dict[str, str] = {}

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def record(self) -> None:
        """Start a record: one HLC tick and one local version, as one flush of capture.py."""
        self.stamp = hlc.tick(self.stamp, int(self.now.timestamp() * 1000))
        self.version += 1
        stamp = str(self.stamp)
        self.payloads = {table: stamp.join(parts) for table, parts in self.templates.items()}

    def add(self, table: str, values: dict[str, Any]) -> str:
        values.update(created_at=self.now, updated_at=self.now, origin_office_id=self.office,
                      deleted=False)
        self.pending[table].append(values)
        self.changes.append({"table_name": table, "row_id": values["id"],
                             "local_version": self.version,
                             "field_clocks": self.payloads[table]})
        return str(values["id"])

    def flush(self) -> None:
        with self.engine.begin() as connection:
            for model in ORDER:
                rows = self.pending[model.__tablename__]
                if rows:
                    connection.execute(_table(model).insert(), rows)
                    self.counts.add(model.__tablename__, len(rows))
                    rows.clear()
            if self.changes:
                connection.execute(_table(m.SyncChangeRow).insert(), self.changes)
                self.changes.clear()
            self._save_state(connection)
        self.now = datetime.now(UTC)

    def _save_state(self, connection: Connection) -> None:
        table = _table(m.LocalStateRow)
        for key, value in ((capture.HLC_KEY, self.stamp), (capture.VERSION_KEY, self.version)):
            connection.execute(table.update().where(table.c.key == key).values(value=str(value)))


def _table(model: type[Any]) -> Table:
    return model.__table__  # type: ignore[no-any-return]


def _clock_template(model: type[m.Replicated], office: str) -> list[str]:
    """The field_clocks JSON of a new row, exactly as capture.py writes it, split where the
    stamp goes: the captured columns are the mapped columns minus the derived ones."""
    skip = m.DERIVED_COLUMNS | model.derived_columns
    columns = [c.key for c in inspect(model).column_attrs if c.key not in skip]
    marker = 987_654_321_987_654  # no real stamp of one record prints like this
    payload = clock_codec.encode({c: (marker, office) for c in columns})
    return payload.split(str(marker))
