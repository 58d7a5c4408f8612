"""Reading the audit trail: its chains (to verify them) and pages of entries (to show them).

A chain is read in ``seq`` order through ``ix_audit_event_chain``, streamed: a million entries
are verified without holding them. On SQLite the entries' canonical text is made by SQLite's
``json_array`` (the same text as ``domain.audit.canonical_text``, in C, some times faster than
building each entry in Python); an entry whose hash does not match that text is read whole and
hashed the domain's way before it is called broken, so the shortcut can never decide alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.audit import (
    GENESIS,
    AuditEntry,
    AuditFilter,
    ChainBreak,
    ChainRow,
    first_break,
)
from ..domain.errors import VerificationError
from ..domain.messages import N_
from . import models as m
from .audit_capture import AUDIT_HEAD_KEY
from .sqlite_dialect import memory_mapped

A = m.AuditEventRow.__table__
_COLUMNS = ("origin_office_id", "seq", "at", "user", "role", "table_name", "row_id",
            "operation", "changes", "prev_hash", "hash", "id")


def chain(session: Session, office_id: str, from_seq: int = 1) -> Iterator[AuditEntry]:
    result = session.connection().execution_options(yield_per=5000).execute(
        select(*(A.c[c] for c in _COLUMNS)).where(A.c.origin_office_id == office_id,
                                                 A.c.seq >= from_seq)
        .order_by(A.c.seq, A.c.id))
    for row in result:
        yield AuditEntry(*row)


def chain_rows(session: Session, office_id: str, from_seq: int = 1
               ) -> Iterator[list[ChainRow]]:
    """An office's chain from ``from_seq`` on, in ``seq`` order, in batches of what
    verification needs (domain.audit.ChainRow)."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        cursor = connection.connection.cursor()  # DBAPI: a million rows, fetched in thousands
        try:
            cursor.execute(_SQLITE_ROWS, (office_id, from_seq))
        except connection.dialect.loaded_dbapi.OperationalError:  # a SQLite without JSON
            cursor.close()
        else:
            return _fetched(session, cursor)
    return _batched(entry.chain_row() for entry in chain(session, office_id, from_seq))


# Ties of seq (a fork) come in the index's order (rowid), which spares sorting the chain.
_SQLITE_ROWS = """
SELECT seq, prev_hash, hash, id,
       json_array(origin_office_id, seq, at, user, role, table_name, row_id, operation,
                  changes, prev_hash)
FROM audit_event WHERE origin_office_id = ? AND seq >= ? ORDER BY seq"""
_BATCH = 5000


def _fetched(session: Session, cursor: Any) -> Iterator[list[ChainRow]]:
    try:
        with memory_mapped(session.connection()):
            while rows := cursor.fetchmany(_BATCH):
                yield rows
    finally:
        cursor.close()


def _batched(rows: Iterable[ChainRow]) -> Iterator[list[ChainRow]]:
    batch: list[ChainRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _sound(session: Session, entry_id: str) -> bool:
    """Whether the entry's hash is that of its fields read one by one (the domain's way)."""
    entry = _whole(session, entry_id)
    return entry.hash == entry.expected_hash()


def _whole(session: Session, entry_id: str) -> AuditEntry:
    row = session.execute(select(*(A.c[c] for c in _COLUMNS)).where(A.c.id == entry_id)).one()
    return AuditEntry(*row)


def _hash_of(session: Session, office_id: str, seq: int) -> str | None:
    """The hash of entry ``seq`` of an office (None: absent, or more than one)."""
    found = session.execute(select(A.c.hash).where(A.c.origin_office_id == office_id,
                                                   A.c.seq == seq).limit(2)).scalars().all()
    return found[0] if len(found) == 1 else None


def verify_office(session: Session, office_id: str, from_seq: int = 1,
                  progress: Callable[[int], None] | None = None) -> ChainBreak | None:
    """The first broken link of an office's chain from entry ``from_seq`` on."""
    previous = GENESIS
    if from_seq > 1:
        found = _hash_of(session, office_id, from_seq - 1)
        if found is None:
            return ChainBreak(office_id, from_seq - 1, N_("entry {seq} is missing"))
        previous = found
    batches: Iterable[list[ChainRow]] = chain_rows(session, office_id, from_seq)
    if progress is not None:
        batches = _counted(batches, progress)
    return first_break(batches, office_id, from_seq, previous,
                       lambda entry_id: _sound(session, entry_id))


def _counted(batches: Iterable[list[ChainRow]], progress: Callable[[int], None]
             ) -> Iterator[list[ChainRow]]:
    for batch in batches:
        yield batch
        progress(len(batch))  # once verified


def offices(session: Session) -> list[tuple[str, int]]:
    """Each office with entries here, and how many."""
    return [(r[0], r[1]) for r in session.execute(
        select(A.c.origin_office_id, func.count()).group_by(A.c.origin_office_id)
        .order_by(A.c.origin_office_id))]


def verify_touched(session: Session, batches: Iterable[list[str]]) -> None:
    """After an import, each entry it brought matches its hash and follows an entry of its
    office that is here (or starts the chain); else VerificationError, and the import is
    rolled back. A chain may fork — an office whose store was put back to an older copy writes
    some places twice — and both branches are kept (``verify`` names the fork)."""
    heads: dict[str, int] = {}
    for ids in batches:
        rows = session.execute(select(*(A.c[c] for c in _COLUMNS)).where(A.c.id.in_(ids)))
        links: set[tuple[str, int, str]] = set()
        for row in rows:
            entry = AuditEntry(*row)
            if entry.hash != entry.expected_hash() or entry.seq < 1 or (
                    entry.seq == 1 and entry.prev_hash != GENESIS):
                raise _broken(entry.office_id, entry.seq)
            if entry.seq > 1:
                links.add((entry.office_id, entry.seq - 1, entry.prev_hash))
            heads[entry.office_id] = max(entry.seq, heads.get(entry.office_id, 0))
        for office, seq, prev in links:
            if session.execute(select(A.c.id).where(
                    A.c.origin_office_id == office, A.c.seq == seq, A.c.hash == prev)
                    .limit(1)).first() is None:
                raise _broken(office, seq + 1)
    _advance_own_head(session, heads)


def _broken(office: str, seq: int) -> VerificationError:
    return VerificationError(N_("The bundle's audit entries of office {office} do not "
                                "continue its chain (entry {seq})."), office=office, seq=seq)


def _advance_own_head(session: Session, heads: dict[str, int]) -> None:
    """Entries of this office that come back (to a store put back to an older copy) move its
    chain's head past them, so that its next entry does not take their places."""
    capture = session.info.get("capture")
    own = capture.office_id if capture is not None else None
    if own not in heads:
        return
    head = session.get(m.LocalStateRow, AUDIT_HEAD_KEY)
    seq = int(head.value.partition(" ")[0]) if head is not None else 0
    if heads[own] <= seq:
        return
    digest = session.execute(select(A.c.hash).where(A.c.origin_office_id == own,
                                                    A.c.seq == heads[own])
                             .order_by(A.c.id).limit(1)).scalar_one()
    if head is None:
        session.add(m.LocalStateRow(key=AUDIT_HEAD_KEY, value=f"{heads[own]} {digest}"))
    else:
        head.value = f"{heads[own]} {digest}"
    session.flush()


# ---- pages --------------------------------------------------------------------------------------

def _where(query: Any, f: AuditFilter) -> Any:
    if f.user:
        query = query.where(A.c.user == f.user)
    if f.table:
        query = query.where(A.c.table_name == f.table)
    if f.row_id:
        query = query.where(A.c.row_id == f.row_id)
    if f.office_id:
        query = query.where(A.c.origin_office_id == f.office_id)
    if f.since:
        query = query.where(A.c.at >= f.since)
    if f.until:
        query = query.where(A.c.at < f.until)
    return query


def page(session: Session, f: AuditFilter, limit: int, offset: int = 0
         ) -> tuple[list[AuditEntry], int]:
    """Entries matching ``f``, newest first, and how many match."""
    total = session.scalar(_where(select(func.count()).select_from(A), f)) or 0
    rows = session.execute(_where(select(*(A.c[c] for c in _COLUMNS)), f)
                           .order_by(A.c.at.desc(), A.c.seq.desc()).limit(limit)
                           .offset(offset)).all()
    return [AuditEntry(*r) for r in rows], total


def newest_first(session: Session, f: AuditFilter) -> Iterator[AuditEntry]:
    """Every entry matching ``f``, newest first (the order of ``page``), streamed from one
    query: an export of a million entries neither holds them nor skips ``offset`` rows again
    for each page (which grows with the square of the trail)."""
    result = session.connection().execution_options(yield_per=2000).execute(
        _where(select(*(A.c[c] for c in _COLUMNS)), f)
        .order_by(A.c.at.desc(), A.c.seq.desc()))
    for row in result:
        yield AuditEntry(*row)


def users(session: Session) -> list[str]:
    # Not text(): USER is a keyword of PostgreSQL (the session's role), so the column is
    # quoted as the dialect wants it.
    return list(session.execute(select(A.c.user).distinct().order_by(A.c.user)).scalars())


def last_change(session: Session, tables: Sequence[str], row_ids: Sequence[str]
                ) -> AuditEntry | None:
    """The newest entry about any of the rows (a record and its children)."""
    row = session.execute(
        select(*(A.c[c] for c in _COLUMNS))
        .where(A.c.table_name.in_(list(tables)), A.c.row_id.in_(list(row_ids)))
        .order_by(A.c.at.desc(), A.c.seq.desc()).limit(1)).first()
    return None if row is None else AuditEntry(*row)


class AuditRepository:
    """The audit trail as the services see it (``uow.audit``)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def offices(self) -> list[tuple[str, int]]:
        return offices(self.session)

    def verify_office(self, office_id: str,
                      progress: Callable[[int], None] | None = None) -> ChainBreak | None:
        return verify_office(self.session, office_id, 1, progress)

    def page(self, f: AuditFilter, limit: int, offset: int = 0
             ) -> tuple[list[AuditEntry], int]:
        return page(self.session, f, limit, offset)

    def newest_first(self, f: AuditFilter) -> Iterator[AuditEntry]:
        return newest_first(self.session, f)

    def users(self) -> list[str]:
        return users(self.session)

    def last_change(self, tables: Sequence[str], row_ids: Sequence[str]) -> AuditEntry | None:
        return last_change(self.session, tables, row_ids)
