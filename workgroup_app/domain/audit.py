"""The audit trail: who changed what, when, at which office — each office's entries linked
in a hash chain (issue 7).

Every entry names its office, its place in that office's chain (``seq`` from 1), the moment,
the user and role, the record (table and id), the operation and the changed fields as
``{field: [old, new]}`` JSON, and the hash of the entry before it. Its own hash covers all
of that, so an entry edited by hand, removed or put in another place breaks the chain at
that point, and ``first_break`` names it. Entries travel in bundles (they are append-only,
so they never conflict) and a bundle whose entries do not continue their chains is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from .messages import N_


class AuditOperation(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"  # the tombstone set
    RESTORE = "restore"  # the tombstone lifted


OPERATION_LABELS: dict[AuditOperation, str] = {
    AuditOperation.CREATE: N_("created"),
    AuditOperation.UPDATE: N_("changed"),
    AuditOperation.DELETE: N_("deleted"),
    AuditOperation.RESTORE: N_("restored"),
}

GENESIS = ""  # the "previous hash" of an office's first entry
REDACTED = "•••"  # what an entry shows of a secret (a password hash)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    office_id: str
    seq: int
    at: str  # ISO 8601, UTC, as written
    user: str
    role: str
    table: str
    row_id: str
    operation: str
    changes: str  # JSON text: {field: [old, new]}
    prev_hash: str
    hash: str
    id: str = ""

    def expected_hash(self) -> str:
        return entry_hash(self.office_id, self.seq, self.at, self.user, self.role, self.table,
                          self.row_id, self.operation, self.changes, self.prev_hash)

    def link(self) -> ChainLink:
        return ChainLink(self.office_id, self.seq, self.prev_hash, self.hash,
                         self.hash == self.expected_hash(), self.id)


class ChainLink(NamedTuple):
    """What verifying a chain needs of an entry: its place, both hashes, and whether its own
    hash matches its fields (worked out by whoever read it: see ``storage/audit_chains``)."""

    office_id: str
    seq: int
    prev_hash: str
    hash: str
    sound: bool
    id: str = ""


def canonical_text(office_id: str, seq: int, at: str, user: str, role: str, table: str,
                   row_id: str, operation: str, changes: str, prev_hash: str) -> str:
    """The entry's fields as a compact JSON array, UTF-8 kept: unambiguous whatever they hold
    (and what SQLite's ``json_array`` makes of the same fields)."""
    return json.dumps([office_id, seq, at, user, role, table, row_id, operation, changes,
                       prev_hash], ensure_ascii=False, separators=(",", ":"))


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_hash(office_id: str, seq: int, at: str, user: str, role: str, table: str,
               row_id: str, operation: str, changes: str, prev_hash: str) -> str:
    """SHA-256 of the entry's canonical text."""
    return text_hash(canonical_text(office_id, seq, at, user, role, table, row_id, operation,
                                    changes, prev_hash))


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which entries to list; empty fields do not filter. ``since``/``until`` are ISO text
    compared with ``at`` (``until`` excluded)."""

    user: str = ""
    table: str = ""
    row_id: str = ""
    office_id: str = ""
    since: str = ""
    until: str = ""


@dataclass(frozen=True, slots=True)
class ChainBreak:
    office_id: str
    seq: int  # the place where the chain breaks
    reason: str  # a message id (N_) with {seq}
    entry_id: str = ""


BREAK_HASH = N_("entry {seq} does not match its hash (it was changed after it was written)")
BREAK_LINK = N_("entry {seq} does not follow the entry before it (an entry was changed, "
                "removed or put in its place)")
BREAK_GAP = N_("entry {seq} is missing")
BREAK_TWICE = N_("two different entries claim place {seq} (the store was put back to an "
                 "older copy, or an entry was slipped in)")


def first_break(entries: Iterable[ChainLink], start_seq: int = 1,
                start_hash: str = GENESIS) -> ChainBreak | None:
    """The first broken link of one office's entries given in ``seq`` order, continuing from
    the entry before ``start_seq`` (whose hash is ``start_hash``); None when intact."""
    expected_seq, previous = start_seq, start_hash
    office = ""
    for entry in entries:
        office = entry.office_id
        if entry.seq < expected_seq:
            return ChainBreak(office, entry.seq, BREAK_TWICE, entry.id)
        if entry.seq > expected_seq:
            return ChainBreak(office, expected_seq, BREAK_GAP, entry.id)
        if not entry.sound:
            return ChainBreak(office, entry.seq, BREAK_HASH, entry.id)
        if entry.prev_hash != previous:
            return ChainBreak(office, entry.seq, BREAK_LINK, entry.id)
        expected_seq, previous = entry.seq + 1, entry.hash
    return None
