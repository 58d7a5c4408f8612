"""Sync in the store: the rows to send a peer, and merging a peer's rows in (DESIGN §5).

Export reads ``sync_change`` (what changed here since a version, with each field's clock).
Import merges row by row with ``domain.sync_merge`` and writes with SQLAlchemy Core in
batches, inside the caller's one transaction; change capture stays off meanwhile, because an
import writes the senders' clocks, not new ones of its own.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    bindparam,
    func,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from ..domain import hlc
from ..domain.action_life import ActionStatus
from ..domain.errors import VerificationError
from ..domain.messages import N_
from ..domain.sync_merge import FieldConflict, Stamp, listed_conflicts, merge_row
from . import bulk_sql, clock_codec, import_indexes, sqlite_dialect, sync_export
from . import models as m
from .capture import HLC_KEY, KEY_SOURCES, VERSION_KEY
from .sync_columns import TABLES, TableSpec, decode_row, encode
from .sync_export import OutRow
from .text_keys import search_key
from .written_ids import WrittenIds

BATCH = 500
IMPORT_CACHE_KIB = 256 * 1024  # SQLite's page cache during an import (the default is 2 MiB)
SC = m.SyncChangeRow.__table__
# What derived columns of a new row hold until the refresh derives them from the events, in
# the same transaction: for an action, its state as assigned and done, so that for most (an
# archive's actions are mostly done, by their first agency and official) the refresh changes
# only the dates of reporting and acceptance — and no index over status or agency.
PLACEHOLDERS = {"action": {"current_deadline": "deadline", "current_agency_id": "agency_id",
                           "current_official_id": "official_id"}}
FIXED_PLACEHOLDERS = {"action": {"status": ActionStatus.DONE.value}}
# A row whose state is derived from its events: (table, column naming the parent).
PARENTS = {"action": ("action", "id"), "action_event": ("action", "action_id"),
           "minutes": ("minutes", "id"), "minutes_event": ("minutes", "minutes_id"),
           "finding": ("finding", "id"), "finding_event": ("finding", "finding_id"),
           "audit_event": ("audit", "id")}  # its chain is checked once merged
# The audit trail's content: an entry that comes again must come unchanged.
AUDIT_CONTENT = ("origin_office_id", "seq", "at", "user", "role", "table_name", "row_id",
                 "operation", "changes", "prev_hash", "hash")


@dataclass
class ApplyStats:
    new: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    unchanged: int = 0
    conflicts: list[tuple[str, str, FieldConflict]] = field(default_factory=list)
    max_hlc: dict[str, int] = field(default_factory=dict)
    blobs: int = 0


CONFLICT_NAMESPACE = uuid.UUID("6f1c1a52-5a3e-4c8e-9b7e-2f4f1f0d9a10")


def conflict_key(table: str, row_id: str, column: str, lost: Stamp) -> str:
    """The same id wherever the same overwritten write is noticed."""
    return str(uuid.uuid5(CONFLICT_NAMESPACE, f"{table}|{row_id}|{column}|{lost[0]}|{lost[1]}"))


def _bad_clocks(table: str) -> VerificationError:
    return VerificationError(N_("The bundle holds invalid clocks for a {table} record."),
                             table=table)


def parse_clocks(table: str, data: Any, columns: Collection[str]) -> dict[str, Stamp]:
    """A row's clocks from a bundle, or VerificationError."""
    known = columns.keys() if isinstance(columns, Mapping) else set(columns)
    if not isinstance(data, dict) or not isinstance(data.get("site"), str) or \
            not isinstance(data.get("clocks"), list):
        raise _bad_clocks(table)
    clocks: dict[str, Stamp] = {}
    for entry in data["clocks"]:
        if not isinstance(entry, list) or len(entry) not in (2, 3) or \
                type(entry[0]) is not int or not 0 < entry[0] < 2 ** 63 or \
                not isinstance(entry[1], list):
            raise _bad_clocks(table)
        site = entry[2] if len(entry) == 3 else data["site"]
        if not isinstance(site, str) or not 0 < len(site) <= m.UUID_LEN:
            raise _bad_clocks(table)
        names = entry[1]
        try:
            fresh = set(names)
        except TypeError:  # a list or an object where a name belongs
            raise _bad_clocks(table) from None
        # Names of columns (so strings), each once in the row.
        if len(fresh) != len(names) or not fresh <= known or not fresh.isdisjoint(clocks):
            raise _bad_clocks(table)
        clocks.update(dict.fromkeys(names, (entry[0], site)))
    return clocks


class SyncStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    # ---- local clock and version ---------------------------------------------------------

    def _state(self, key: str) -> int:
        row = self.session.get(m.LocalStateRow, key)
        return int(row.value) if row else 0

    def _set_state(self, key: str, value: int) -> None:
        row = self.session.get(m.LocalStateRow, key)
        assert row is not None
        row.value = str(value)

    def version(self) -> int:
        return self._state(VERSION_KEY)

    def next_version(self) -> int:
        """One local version for everything one import changes."""
        version = self.version() + 1
        self._set_state(VERSION_KEY, version)
        return version

    def observe_clock(self, stamp: int) -> None:
        if stamp > self._state(HLC_KEY):
            self._set_state(HLC_KEY, stamp)

    # ---- offices and peers ---------------------------------------------------------------

    def offices(self) -> list[m.OfficeRow]:
        return list(self.session.scalars(select(m.OfficeRow).order_by(
            m.OfficeRow.is_self.desc(), m.OfficeRow.name)))

    def office(self, site_id: str) -> m.OfficeRow | None:
        return self.session.get(m.OfficeRow, site_id)

    def own_office(self) -> m.OfficeRow | None:
        return self.session.scalars(select(m.OfficeRow).where(m.OfficeRow.is_self)).first()

    def add_office(self, **fields: Any) -> m.OfficeRow:
        row = m.OfficeRow(**fields)
        self.session.add(row)
        self.session.flush()
        return row

    def trust_office(self, **fields: Any) -> m.OfficeRow:
        """Add another office, or renew its card (new keys, trusted again)."""
        row = self.session.get(m.OfficeRow, fields["site_id"])
        if row is None:
            return self.add_office(**fields, is_self=False, revoked_at=None)
        for name, value in fields.items():
            if name != "added_at":
                setattr(row, name, value)
        row.revoked_at = None
        self.session.flush()
        return row

    def revoke_office(self, site_id: str, now: datetime) -> m.OfficeRow:
        row = self.session.get(m.OfficeRow, site_id)
        assert row is not None
        row.revoked_at = now
        self.session.flush()
        return row

    def peer(self, site_id: str) -> m.SyncPeerRow:
        row = self.session.get(m.SyncPeerRow, site_id)
        if row is None:
            row = m.SyncPeerRow(site_id=site_id, out_seq=0, sent_head=0, acked_base=0,
                                in_seq=0, applied_head=0)
            self.session.add(row)
            self.session.flush()
        return row

    def receipt(self, bundle_id: str) -> m.SyncReceiptRow | None:
        return self.session.get(m.SyncReceiptRow, bundle_id)

    def add_receipt(self, **fields: Any) -> None:
        self.session.add(m.SyncReceiptRow(**fields))

    def received_seqs(self, sender: str) -> list[int]:
        return list(self.session.scalars(select(m.SyncReceiptRow.channel_seq).where(
            m.SyncReceiptRow.sender == sender).order_by(m.SyncReceiptRow.channel_seq)))

    def quarantined(self, sender: str | None = None) -> list[m.SyncQuarantineRow]:
        query = select(m.SyncQuarantineRow).order_by(m.SyncQuarantineRow.sender,
                                                     m.SyncQuarantineRow.channel_seq)
        if sender is not None:
            query = query.where(m.SyncQuarantineRow.sender == sender)
        return list(self.session.scalars(query))

    def hold(self, **fields: Any) -> None:
        if self.session.get(m.SyncQuarantineRow, fields["bundle_id"]) is None:
            self.session.add(m.SyncQuarantineRow(**fields))

    def release(self, bundle_id: str) -> None:
        row = self.session.get(m.SyncQuarantineRow, bundle_id)
        if row is not None:
            self.session.delete(row)

    def origins(self) -> dict[str, int]:
        return dict(self.session.execute(select(m.SyncOriginRow.site_id,
                                                m.SyncOriginRow.max_hlc)).all())

    def note_origins(self, max_hlc: dict[str, int]) -> None:
        for site, stamp in max_hlc.items():
            row = self.session.get(m.SyncOriginRow, site)
            if row is None:
                self.session.add(m.SyncOriginRow(site_id=site, max_hlc=stamp))
            elif stamp > row.max_hlc:
                row.max_hlc = stamp

    # ---- conflicts -----------------------------------------------------------------------

    def local_stamp(self, now_ms: int) -> int:
        """One tick of this office's clock for a write made during an import."""
        stamp = hlc.tick(self._state(HLC_KEY), now_ms)
        self._set_state(HLC_KEY, stamp)
        return stamp

    def add_conflicts(self, conflicts: list[tuple[str, str, FieldConflict]], *, site: str,
                      version: int, now: datetime) -> int:
        """Record conflicts noticed during an import as this office's writes (they travel);
        one already known — noticed by another office first — is not recorded twice."""
        table = m.SyncConflictRow.__table__
        connection = self.session.connection()
        rows = {}
        for table_name, row_id, c in conflicts:
            conflict_id = conflict_key(table_name, row_id, c.column, c.lost_stamp)
            spec = TABLES[table_name].replicated[c.column]
            rows[conflict_id] = {
                "id": conflict_id, "table_name": table_name, "row_id": row_id,
                "column": c.column,
                "kept_value": json.dumps(encode(spec, c.kept), ensure_ascii=False),
                "kept_hlc": c.kept_stamp[0], "kept_site": c.kept_stamp[1],
                "lost_value": json.dumps(encode(spec, c.lost), ensure_ascii=False),
                "lost_hlc": c.lost_stamp[0], "lost_site": c.lost_stamp[1],
                "restored_at": None, "created_at": now, "updated_at": now,
                "origin_office_id": site, "deleted": False}
        if rows:
            known = set(connection.execute(select(table.c.id).where(
                table.c.id.in_(list(rows)))).scalars())
            for key in known:
                rows.pop(key)
        if not rows:
            return 0
        stamp = self.local_stamp(int(now.timestamp() * 1000))
        clocks = clock_codec.encode({name: (stamp, site)
                                     for name in TABLES["sync_conflict"].replicated})
        connection.execute(table.insert(), list(rows.values()))
        connection.execute(SC.insert(), [
            {"table_name": "sync_conflict", "row_id": key, "local_version": version,
             "field_clocks": clocks} for key in rows])
        return len(rows)

    def conflicts(self, include_restored: bool = False, limit: int = 1000
                  ) -> list[m.SyncConflictRow]:
        C = m.SyncConflictRow
        query = select(C).where(C.deleted.is_(False)) \
            .order_by(C.created_at.desc(), C.id).limit(limit)
        if not include_restored:
            query = query.where(C.restored_at.is_(None))
        return list(self.session.scalars(query))

    def conflict(self, conflict_id: str) -> m.SyncConflictRow | None:
        return self.session.get(m.SyncConflictRow, conflict_id)

    def current_value(self, table: str, row_id: str, column: str) -> tuple[bool, Any]:
        """(exists, value) of one field now."""
        model = TABLES[table].model
        row = self.session.get(model, row_id)
        return (False, None) if row is None else (True, getattr(row, column))

    def set_value(self, table: str, row_id: str, column: str, value_json: str) -> None:
        """Write one field as a new local change (change capture stamps it)."""
        spec = TABLES[table]
        value = decode_row(spec, {column: json.loads(value_json)})[column]
        row = self.session.get(spec.model, row_id)
        assert row is not None
        setattr(row, column, value)
        self.session.flush()

    # ---- export --------------------------------------------------------------------------

    def pending_count(self, since: int) -> int:
        return self.session.scalar(select(func.count()).select_from(SC).where(
            SC.c.local_version > since)) or 0

    def pending_by_table(self, since: int) -> dict[str, int]:
        return dict(self.session.execute(
            select(SC.c.table_name, func.count()).where(SC.c.local_version > since)
            .group_by(SC.c.table_name)).all())

    def changed_tables(self, since: int) -> list[str]:
        return list(self.session.scalars(
            select(SC.c.table_name).where(SC.c.local_version > since).distinct()))

    def changed_rows(self, since: int, skip_site: str) -> Iterator[OutRow]:
        """Every row changed here after version ``since``, parents' tables first, with the
        fields whose last writer is not ``skip_site`` (the recipient has its own writes)."""
        return sync_export.changed_rows(self.session, since, skip_site)

    def blob(self, digest: str) -> bytes | None:
        row = self.session.get(m.BlobRow, digest)
        return None if row is None else row.data

    def put_blob(self, digest: str, data: bytes, now: datetime) -> bool:
        if self.session.get(m.BlobRow, digest) is not None:
            return False
        self.session.add(m.BlobRow(sha256=digest, size=len(data), data=data, created_at=now))
        self.session.flush()
        return True

    # ---- import --------------------------------------------------------------------------

    def begin_import(self) -> None:
        connection = self.session.connection()
        # A bundle may bring millions of rows to place in big indexes: a larger page cache
        # for this transaction (end_import gives the connection its own back).
        self.session.info["cache_size"] = sqlite_dialect.begin_bulk_write(connection,
                                                                          IMPORT_CACHE_KIB)
        connection.exec_driver_sql(
            "CREATE TEMP TABLE IF NOT EXISTS sync_touched "
            "(kind VARCHAR(20), id VARCHAR(36), PRIMARY KEY (kind, id))")
        connection.exec_driver_sql("DELETE FROM sync_touched")
        if sqlite_dialect.is_sqlite(connection):
            self.session.info["deferred_indexes"] = import_indexes.set_aside(connection)

    def restore_indexes(self) -> None:
        """Build again the indexes ``begin_import`` set aside, once the rows are in (before
        the derived state is refreshed, which looks events up by their action)."""
        import_indexes.build(self.session.connection(),
                             self.session.info.pop("deferred_indexes", []))

    def end_import(self) -> None:
        """The connection's own page cache again, once the import is over (or abandoned)."""
        self.session.info.pop("deferred_indexes", None)  # rolled back with the import, if left
        previous = self.session.info.pop("cache_size", None)
        if previous is not None:
            sqlite_dialect.set_cache_size(self.session.connection(), previous)

    def touched(self, kind: str) -> Iterator[list[str]]:
        """Ids whose derived state must be recomputed, in batches by id (read a batch at a
        time: a full import touches a million actions)."""
        last = ""
        while ids := list(self.session.connection().execute(
                text("SELECT id FROM sync_touched WHERE kind = :k AND id > :last "
                     "ORDER BY id LIMIT :n"), {"k": kind, "last": last, "n": BATCH}).scalars()):
            yield ids
            last = ids[-1]

    def merger(self, *, version: int, have: dict[str, int], now_ms: int,
               names: dict[str, str], seen: dict[str, int] | None = None) -> RowMerger:
        return RowMerger(self, version=version, have=have, now_ms=now_ms, names=names,
                         seen=seen)

    def have(self, site: str) -> dict[str, int]:
        """What this office has seen, per office: the newest stamp of its writes here (our
        own: our clock). Sent in the manifest, it lets the receiver tell a conflict from an
        update."""
        return {**self.origins(), site: self._state(HLC_KEY)}

    def check_foreign_keys(self) -> None:
        broken = sqlite_dialect.foreign_key_violation(self.session.connection())
        if broken is not None:
            raise VerificationError(N_("The bundle refers to records it does not bring "
                                       "({table})."), table=broken)


class RowMerger:
    """Merges incoming rows in batches. ``have`` is the sender's summary of what it had seen
    (``SyncStore.have``), to tell conflicts from updates."""

    def __init__(self, store: SyncStore, *, version: int, have: dict[str, int],
                 now_ms: int, names: dict[str, str], seen: dict[str, int] | None = None
                 ) -> None:
        self.store = store
        self.version = version
        self.have = have
        self.seen = seen or {}  # this office's own summary before the bundle
        self.now_ms = now_ms
        self.names = names  # site -> office name, for messages
        self.stats = ApplyStats()
        # table -> id -> (values, clocks, the clocks as the bundle wrote them)
        self._batch: dict[str, dict[str, tuple[dict[str, Any], dict[str, Stamp], Any]]] = \
            defaultdict(dict)
        self._pending = 0
        # Tables without a row (nor a change) before this import: what they hold is what this
        # import wrote, all of it noted in ``_written``; an id it does not know is new.
        self._empty: dict[str, bool] = {}
        self._written: WrittenIds | None = None

    def add(self, table: Any, row_id: Any, values: Any, clocks: Any) -> None:
        spec = TABLES.get(table) if isinstance(table, str) else None
        if spec is None:
            raise VerificationError(N_("The bundle holds records of an unknown kind ({table}); "
                                       "update the program."), table=str(table)[:60])
        if not isinstance(row_id, str) or not 0 < len(row_id) <= m.UUID_LEN or \
                not isinstance(values, dict):
            raise VerificationError(N_("The bundle holds a malformed {table} record."),
                                    table=table)
        decoded = decode_row(spec, values)
        stamps = parse_clocks(table, clocks, spec.replicated)
        if stamps.keys() != decoded.keys():
            raise VerificationError(N_("The bundle holds invalid clocks for a {table} record."),
                                    table=table)
        for stamp in dict.fromkeys(stamps.values()):  # each distinct stamp once, in order
            self._observe(stamp)
        batch = self._batch[table]
        if row_id in batch:
            self._flush_table(table)
        self._batch[table][row_id] = (decoded, stamps, clocks)
        self._pending += 1
        if self._pending >= BATCH:
            self.flush()

    def _observe(self, stamp: Stamp) -> None:
        stamp_hlc, site = stamp
        hlc.observe(0, stamp_hlc, self.now_ms, origin=self.names.get(site, site))
        if stamp_hlc > self.stats.max_hlc.get(site, 0):
            self.stats.max_hlc[site] = stamp_hlc

    def flush(self) -> None:
        for table in list(self._batch):
            self._flush_table(table)
        self._pending = 0

    def _flush_table(self, table: str) -> None:
        batch = self._batch.pop(table, {})
        if not batch:
            return
        spec = TABLES[table]
        model_table = spec.model.__table__  # type: ignore[attr-defined]
        connection = self.store.session.connection()
        ids = list(batch)
        written = self._written_in(table, model_table, connection)
        if written is not None:  # only ids this import may have written can be here
            ids = [row_id for row_id in ids if (table, row_id) in written]
            for row_id in batch:
                written.add((table, row_id))
        columns = [model_table.c[name] for name in spec.replicated]
        existing = {r[0]: r for r in connection.execute(
            select(model_table.c.id, *columns).where(model_table.c.id.in_(ids)))} if ids else {}
        change_rows = {r[0]: (r[1], r[2]) for r in connection.execute(
            select(SC.c.row_id, SC.c.local_version, SC.c.field_clocks).where(
                SC.c.table_name == table, SC.c.row_id.in_(ids)))} if ids else {}
        inserts: list[dict[str, Any]] = []
        updates: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        change_inserts: list[dict[str, Any]] = []
        change_updates: list[dict[str, Any]] = []
        touched: list[tuple[str, str]] = []
        names = list(spec.replicated)
        for row_id, (values, stamps, sent) in batch.items():
            local = existing.get(row_id)
            payload = None
            if table == "audit_event":
                self._check_audit_entry(row_id, values, local, names)
                if local is not None:
                    self.stats.unchanged += 1
                    continue
            if local is None:
                inserts.append(self._new_row(spec, row_id, values))
                clocks = dict(stamps)
                payload = clock_codec.stored_form(sent)  # stored as sent, when it is canonical
                self.stats.new[table] += 1
            else:
                local_values = {name: local[i + 1] for i, name in enumerate(names)}
                _version, stored = change_rows.get(row_id, (0, None))
                local_clocks = clock_codec.decode(stored) if stored else {}
                merged = merge_row(local_values, local_clocks, values, stamps,
                                   have=self.have if table != "sync_conflict" else {},
                                   seen=self.seen if table != "sync_conflict" else {})
                if table != "sync_conflict":  # the log itself never conflicts
                    self.stats.conflicts.extend(
                        (table, row_id, c) for c in listed_conflicts(merged))
                if not merged.changed:
                    self.stats.unchanged += 1
                    continue
                clocks = merged.clocks
                if merged.updates:
                    update_values = dict(merged.updates)
                    self._refresh_key(spec, update_values, local_values)
                    updates[tuple(sorted(update_values))].append(
                        {"b_id": row_id, **update_values})
                    self.stats.changed[table] += 1
                else:
                    self.stats.unchanged += 1
            if payload is None:
                payload = clock_codec.encode(clocks)
            entry = {"table_name": table, "row_id": row_id, "local_version": self.version,
                     "field_clocks": payload}
            (change_updates if row_id in change_rows else change_inserts).append(entry)
            parent = PARENTS.get(table)
            if parent:
                kind, column = parent
                parent_id = row_id if column == "id" else (
                    values.get(column) or (local[names.index(column) + 1] if local else None))
                if parent_id:
                    touched.append((kind, parent_id))
        if inserts:
            bulk_sql.insert_many(connection, model_table, inserts)
        for keys, rows in updates.items():
            statement = update(model_table).where(model_table.c.id == bindparam("b_id")) \
                .values({k: bindparam(k) for k in keys})
            connection.execute(statement, rows)
        if change_inserts:
            bulk_sql.insert_many(connection, SC, change_inserts)
        if change_updates:
            connection.execute(
                update(SC).where((SC.c.table_name == bindparam("b_table"))
                                 & (SC.c.row_id == bindparam("b_row")))
                .values(local_version=bindparam("local_version"),
                        field_clocks=bindparam("field_clocks")),
                [{"b_table": e["table_name"], "b_row": e["row_id"],
                  "local_version": e["local_version"], "field_clocks": e["field_clocks"]}
                 for e in change_updates])
        if touched:
            sqlite_dialect.insert_touched(connection, touched)

    def _check_audit_entry(self, row_id: str, values: dict[str, Any], local: Any,
                           names: list[str]) -> None:
        """Audit entries are append-only: one we hold must come unchanged. (That new ones
        continue their chains is checked once the bundle is merged: audit_chains.)"""
        if local is not None:
            held = {name: local[i + 1] for i, name in enumerate(names)}
            if any(name in values and values[name] != held[name] for name in AUDIT_CONTENT):
                raise VerificationError(N_("The bundle changes an entry of the audit trail "
                                           "({id}); entries are never changed."), id=row_id)

    def _written_in(self, table: str, model_table: Table, connection: Connection
                    ) -> WrittenIds | None:
        """The ids this import wrote to ``table`` when it was empty before, else None (look
        each id up). A first import into a new office's store brings millions of rows, and
        looking up each one only to find nothing costs as much as writing it."""
        if table not in self._empty:
            self._empty[table] = connection.execute(
                select(model_table.c.id).limit(1)).first() is None and connection.execute(
                select(SC.c.row_id).where(SC.c.table_name == table).limit(1)).first() is None
        if not self._empty[table]:
            return None
        if self._written is None:
            self._written = WrittenIds()
        return self._written

    def _new_row(self, spec: TableSpec, row_id: str, values: dict[str, Any]) -> dict[str, Any]:
        row: dict[str, Any] = {"id": row_id, **values}
        if len(values) != len(spec.replicated):  # an older sender's row lacks some
            for name, column in spec.replicated.items():
                if name in values:
                    continue
                if not column.has_default:
                    raise VerificationError(N_("The bundle holds an incomplete {table} record "
                                               "(no {column})."), table=spec.name, column=name)
                row[name] = column.default
        for name, column in spec.local.items():
            row[name] = column.default
        for name, source in PLACEHOLDERS.get(spec.name, {}).items():
            row[name] = row[source]  # until the refresh derives it from the events
        row.update(FIXED_PLACEHOLDERS.get(spec.name, {}))
        self._refresh_key(spec, row, row)
        return row

    @staticmethod
    def _refresh_key(spec: TableSpec, target: dict[str, Any], current: dict[str, Any]) -> None:
        key = KEY_SOURCES.get(spec.name)
        if key is None:
            return
        column, sources = key
        if target is current or any(s in target for s in sources):
            merged = {**current, **target}
            target[column] = search_key(" ".join(merged.get(s) or "" for s in sources))
