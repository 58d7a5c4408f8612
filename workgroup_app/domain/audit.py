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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

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

    def chain_row(self) -> ChainRow:
        return (self.seq, self.prev_hash, self.hash, self.id,
                canonical_text(self.office_id, self.seq, self.at, self.user, self.role,
                               self.table, self.row_id, self.operation, self.changes,
                               self.prev_hash))


# What verifying a chain needs of an entry: (seq, prev_hash, hash, id, its canonical text).
# Plain tuples: a million of them are read straight from the store.
ChainRow = tuple[int, str, str, str, str]


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


def first_break(batches: Iterable[Sequence[ChainRow]], office_id: str, start_seq: int = 1,
                start_hash: str = GENESIS,
                recheck: Callable[[str], bool] = lambda _entry_id: False) -> ChainBreak | None:
    """The first broken link of one office's entries, given in ``seq`` order in batches,
    continuing from the entry before ``start_seq`` (whose hash is ``start_hash``); None when
    intact. ``recheck(id)`` gets a last word on an entry whose canonical text (as the reader
    made it) does not give its hash."""
    expected_seq, previous = start_seq, start_hash
    sha256 = hashlib.sha256
    for batch in batches:
        for seq, prev_hash, digest, entry_id, text in batch:
            if seq != expected_seq:
                if seq < expected_seq:
                    return ChainBreak(office_id, seq, BREAK_TWICE, entry_id)
                return ChainBreak(office_id, expected_seq, BREAK_GAP, entry_id)
            if sha256(text.encode("utf-8")).hexdigest() != digest and not recheck(entry_id):
                return ChainBreak(office_id, seq, BREAK_HASH, entry_id)
            if prev_hash != previous:
                return ChainBreak(office_id, seq, BREAK_LINK, entry_id)
            expected_seq, previous = seq + 1, digest
    return None
