"""One writer at a time, on SQLite and on an office's PostgreSQL server alike.

Every write advances counters kept in ``local_state`` — the hybrid clock, the local version
and the head of the audit chain — by reading them and writing them back. On PostgreSQL (read
committed) two workstations could read the same values and write one tick or one audit entry
twice. So a writing transaction first locks the hybrid clock's row: a no-op UPDATE, which
PostgreSQL turns into a row lock held to the end of the transaction and SQLite into the start
of a write transaction (its one writer lock). Both understand the same statement, and every
writer takes this lock first, so two writers never wait for each other crosswise (no
deadlock). Services that check what they are about to overwrite (the optimistic version check)
take it before they read, so nothing can change between their check and their write.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ..domain.errors import StoreError
from ..domain.messages import N_
from . import postgres_dialect
from .models import LocalStateRow

# How long a user's save waits for another writer before it is told so. An import holds the
# lock for minutes; a save should say why it cannot go on rather than freeze the window.
# (SQLite's own wait, busy_timeout, is set on every connection: 5 s.)
USER_WAIT_SECONDS = 15
BUSY = N_("Another workstation is writing a large change to the store (an import of an "
          "exchange bundle, a copy). Try again when it is done; nothing was saved.")

LOCK_KEY = "hlc_last"  # capture.HLC_KEY: the row every write advances anyway
_LOCKED = "write_lock"  # session.info: the transaction that holds the lock
_COUNTERS = ("hlc_last", "local_version", "audit_head")


def lock(session: Session, patient: bool = False) -> None:
    """Take the writer lock for the session's transaction (once; later calls return at once),
    waiting at most USER_WAIT_SECONDS on PostgreSQL (``patient``: as long as it takes, for an
    import), else StoreError. Counters loaded before it are read again under the lock."""
    transaction = session.get_transaction()
    if transaction is not None and session.info.get(_LOCKED) is transaction:
        return
    table = LocalStateRow.__table__
    # On the connection, not session.execute: no autoflush (this runs inside before_flush).
    connection = session.connection()
    postgres_dialect.limit_lock_wait(connection, None if patient else USER_WAIT_SECONDS)
    try:
        connection.execute(
            update(table).where(table.c.key == LOCK_KEY).values(value=table.c.value))
    except OperationalError as error:
        if postgres_dialect.is_lock_timeout(error) or "database is locked" in str(error.orig):
            raise StoreError(BUSY) from None
        raise
    session.info[_LOCKED] = session.get_transaction()
    for key in _COUNTERS:
        held = session.identity_map.get(session.identity_key(LocalStateRow, key))
        if held is not None:
            session.expire(held)
