"""Audit entries written with every flush that changes a record (domain/audit.py).

Change capture (capture.py) calls ``record`` with the objects a flush adds and changes; each
becomes one entry — who (the unit of work's actor, in ``session.info["actor"]``), when, the
record, the operation and its fields as ``[old, new]`` — linked to this office's previous
entry. The chain's head (seq and hash) lives in ``local_state`` and is read and written inside
the flush's transaction, so two writers cannot both extend it from the same entry. Besides
the replicated records, a few local tables are audited (accounts, trusted offices,
certificates), their secrets shown as redacted, and the office's settings (``local_state``
rows under ``setting.``, as table ``setting`` named by their key).
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from ..domain.audit import GENESIS, REDACTED, AuditOperation, entry_hash
from .models import AuditEventRow, LocalStateRow

AUDIT_HEAD_KEY = "audit_head"  # "seq hash" of this office's last entry
# Bookkeeping every row carries, and logs of their own: not worth an entry.
BOOKKEEPING = frozenset({"created_at", "updated_at", "origin_office_id", "name_key",
                         "text_key"})
SKIPPED_TABLES = frozenset({"audit_event", "sync_conflict"})
# Local tables that are audited: table -> (columns shown redacted, columns left out).
LOCAL_AUDITED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "user_account": (frozenset({"password_hash"}),
                     frozenset({"username_key", "failed_count", "wait_until", "last_login_at",
                                "password_changed_at"})),
    "office": (frozenset(), frozenset({"ca_der"})),
    "signing_certificate": (frozenset(), frozenset({"der"})),
}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


SETTING_PREFIX = "setting."  # storage/action_repository.SettingsRepository's keys
SETTING_TABLE = "setting"
# Settings the program keeps for itself, not an office's choice: not worth an entry.
UNAUDITED_SETTINGS = frozenset({SETTING_PREFIX + "sync_epoch"})


def is_audited(obj: Any) -> bool:
    table = getattr(type(obj), "__tablename__", "")
    if table in SKIPPED_TABLES:
        return False
    if isinstance(obj, LocalStateRow):
        return obj.key.startswith(SETTING_PREFIX) and obj.key not in UNAUDITED_SETTINGS
    return table in LOCAL_AUDITED or hasattr(obj, "origin_office_id")


def _setting_fields(obj: LocalStateRow, fresh: bool) -> dict[str, list[Any]]:
    history = inspect(obj).attrs["value"].history
    old = None if fresh or not history.deleted else history.deleted[0]
    return {} if old == obj.value else {"value": [old, obj.value]}


def _table_and_id(obj: Any) -> tuple[str, str]:
    if isinstance(obj, LocalStateRow):  # the key without its prefix, within row_id's 36
        return SETTING_TABLE, obj.key[len(SETTING_PREFIX):][:36]
    return type(obj).__tablename__, str(getattr(obj, "id", None) or
                                        getattr(obj, "site_id", None) or
                                        getattr(obj, "fingerprint", ""))


def _fields(obj: Any, fresh: bool) -> dict[str, list[Any]]:
    table = type(obj).__tablename__
    redacted, left_out = LOCAL_AUDITED.get(table, (frozenset(), frozenset()))
    derived = getattr(type(obj), "derived_columns", frozenset())
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in BOOKKEEPING or key in left_out or key in derived or key == "id":
            continue
        history = state.attrs[key].history
        if fresh:
            new = getattr(obj, key)
            if new is None or (key == "deleted" and not new):
                continue
            old = None
        else:
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old == new:
                continue
        if key in redacted:
            changes[key] = [REDACTED if old is not None else None, REDACTED]
        else:
            changes[key] = [_json_value(old), _json_value(new)]
    return changes


def _operation(fresh: bool, changes: dict[str, list[Any]]) -> AuditOperation:
    if fresh:
        return AuditOperation.CREATE
    deleted = changes.get("deleted")
    if deleted is not None:
        return AuditOperation.DELETE if deleted[1] else AuditOperation.RESTORE
    return AuditOperation.UPDATE


def record(session: Session, office_id: str, now: datetime, new: list[Any],
           dirty: list[Any]) -> list[AuditEventRow]:
    """Add this flush's entries to the session (capture stamps them for sync); returns them."""
    pending: list[tuple[Any, AuditOperation, str]] = []
    for objects, fresh in ((new, True), (dirty, False)):
        for obj in objects:
            if not is_audited(obj):
                continue
            changes = (_setting_fields(obj, fresh) if isinstance(obj, LocalStateRow)
                       else _fields(obj, fresh))
            if not changes:
                continue
            text = json.dumps(changes, ensure_ascii=False, sort_keys=True,
                              separators=(",", ":"), default=str)
            pending.append((obj, _operation(fresh, changes), text))
    if not pending:
        return []
    user, role = session.info.get("actor", ("", ""))
    head = session.get(LocalStateRow, AUDIT_HEAD_KEY)
    if head is None:
        head = LocalStateRow(key=AUDIT_HEAD_KEY, value=f"0 {GENESIS}")
        session.add(head)
    seq_text, _sep, previous = head.value.partition(" ")
    seq = int(seq_text)
    at = now.isoformat()
    rows = []
    for obj, operation, text in pending:
        seq += 1
        table, row_id = _table_and_id(obj)
        digest = entry_hash(office_id, seq, at, user, role, table, row_id, operation, text,
                            previous)
        row = AuditEventRow(id=str(uuid.uuid4()), seq=seq, at=at, user=user, role=role,
                            table_name=table, row_id=row_id, operation=operation.value,
                            changes=text, prev_hash=previous, hash=digest, created_at=now,
                            updated_at=now, origin_office_id=office_id, deleted=False)
        session.add(row)
        rows.append(row)
        previous = digest
    head.value = f"{seq} {previous}"
    return rows
