"""Change capture: every flush stamps what it changed with one HLC tick and a local version.

For each replicated row it keeps, per field, the (hlc, site) of the last write, and the local
version at which the row last changed here. Sync (issue 6) reads this table; nothing else does.
It also fills the bookkeeping columns (timestamps, origin office, search keys) so no service
has to remember them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ..domain import hlc
from . import audit_capture, clock_codec, write_lock
from .models import DERIVED_COLUMNS, LocalStateRow, Replicated, SyncChangeRow
from .text_keys import search_key

HLC_KEY = "hlc_last"
VERSION_KEY = "local_version"
OFFICE_KEY = "office_id"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class CaptureContext:
    office_id: str
    now: Clock = utc_now
    enabled: bool = True


# Search keys: table -> (key column, the columns it is made of).
KEY_SOURCES = {"agency": ("name_key", ("name", "short_name")),
               "person": ("name_key", ("full_name",)),
               "workgroup": ("name_key", ("name",)),
               "action": ("text_key", ("text",)),
               "finding": ("text_key", ("subject", "act_number", "addressee", "violations"))}


def install(session_factory: Any) -> None:
    event.listen(session_factory, "before_flush", _before_flush)


def _columns(obj: Replicated) -> list[str]:
    skip = DERIVED_COLUMNS | type(obj).derived_columns
    return [c.key for c in inspect(obj).mapper.column_attrs if c.key not in skip]


def _changed_columns(obj: Replicated) -> list[str]:
    """The fields an edit wrote. ``deleted`` is always among them, so that an edit made
    after a delete (at an office that had not seen it) brings the record back on merge."""
    state = inspect(obj)
    changed = [key for key in _columns(obj) if state.attrs[key].history.has_changes()]
    return changed if "deleted" in changed else [*changed, "deleted"]


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        write_lock.lock(session)  # before the counters below are read
    context: CaptureContext | None = session.info.get("capture")
    if context is None or not context.enabled:
        return
    new = [o for o in session.new if isinstance(o, Replicated)]
    dirty = [o for o in session.dirty if isinstance(o, Replicated) and session.is_modified(o)]
    # Local tables with an audit trail of their own (accounts, trusted offices, certificates).
    local_new = [o for o in session.new
                 if not isinstance(o, Replicated) and audit_capture.is_audited(o)]
    local_dirty = [o for o in session.dirty if not isinstance(o, Replicated)
                   and audit_capture.is_audited(o) and session.is_modified(o)]
    if not (new or dirty or local_new or local_dirty):
        return
    now = context.now()
    for obj in new:
        obj.created_at = obj.created_at or now
        obj.origin_office_id = obj.origin_office_id or context.office_id
        obj.deleted = bool(obj.deleted)
    for obj in (*new, *dirty):
        obj.updated_at = now
        _refresh_name_key(obj)
    with session.no_autoflush:
        entries = audit_capture.record(session, context.office_id, now,
                                       [*new, *local_new], [*dirty, *local_dirty])
        if not (new or dirty or entries):
            return
        stamp, version = _advance(session, now)
        for obj in (*new, *entries):
            _record(session, obj, _columns(obj), stamp, version, context.office_id, fresh=True)
        for obj in dirty:
            _record(session, obj, _changed_columns(obj), stamp, version, context.office_id,
                    fresh=False)


def _refresh_name_key(obj: Replicated) -> None:
    spec = KEY_SOURCES.get(type(obj).__tablename__)  # type: ignore[attr-defined]
    if spec:
        key, sources = spec
        setattr(obj, key, search_key(" ".join(getattr(obj, s) or "" for s in sources)))


def _advance(session: Session, now: datetime) -> tuple[int, int]:
    """One HLC tick and one local version per flush, persisted in the same transaction."""
    hlc_row = session.get(LocalStateRow, HLC_KEY)
    version_row = session.get(LocalStateRow, VERSION_KEY)
    assert hlc_row is not None and version_row is not None, "store not initialised"
    stamp = hlc.tick(int(hlc_row.value), int(now.timestamp() * 1000))
    version = int(version_row.value) + 1
    hlc_row.value = str(stamp)
    version_row.value = str(version)
    return stamp, version


def _record(session: Session, obj: Replicated, columns: list[str], stamp: int, version: int,
            site: str, fresh: bool) -> None:
    if not columns:
        return
    table = type(obj).__tablename__  # type: ignore[attr-defined]
    row = None if fresh else session.get(SyncChangeRow, (table, obj.id))
    clocks = clock_codec.decode(row.field_clocks) if row else {}
    for column in columns:
        clocks[column] = (stamp, site)
    payload = clock_codec.encode(clocks)
    if row is None:
        session.add(SyncChangeRow(table_name=table, row_id=obj.id, local_version=version,
                                  field_clocks=payload))
    else:
        row.local_version = version
        row.field_clocks = payload
