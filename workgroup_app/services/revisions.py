"""The optimistic version check: a save names the revision its editor opened, and is refused
when the record has changed since, saying who changed it and when.

The caller has taken the writer lock (``uow.lock_writes()``) before reading ``stored``, so
nothing can change between this check and its write. No revision (``expected=None``) means
"overwrite": the CLI, and an editor whose user chose to keep their version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from ..domain.errors import ConcurrentEditError, NotFoundError
from ..domain.messages import N_
from ..domain.revisions import revision
from .ports import UnitOfWork

CHANGED_BY = N_("{what} was changed by {user} at {at}, after you opened it. Reload to see "
                "the change, or overwrite it with your version.")
CHANGED = N_("{what} was changed by someone else after you opened it. Reload to see the "
             "change, or overwrite it with your version.")


def check_saved(uow: UnitOfWork, expected: str | None, load: Callable[[], Any],
                record_id: str, missing: str, what: str, tables: Sequence[str],
                row_ids: Callable[[Any], Iterable[str]] | None = None) -> None:
    """The check of a save that replaces a whole record: read it (``load``, under the lock)
    only when there is a revision to compare; gone meanwhile is ``missing`` (not found), not
    made again. ``row_ids`` gives the ids of the record and its children (default: its id)."""
    if expected is None:
        return
    stored = load()
    if stored is None:
        raise NotFoundError(missing, id=record_id)
    check(uow, expected, stored, what, tables,
          [record_id] if row_ids is None else row_ids(stored))


def check(uow: UnitOfWork, expected: str | None, stored: Any, what: str,
          tables: Sequence[str], row_ids: Iterable[str],
          only: Iterable[str] | None = None) -> None:
    """Refuse when ``stored`` (read under the writer lock) is no longer the revision
    ``expected``; ``what`` is the record's kind as a message id ("The action")."""
    if expected is None:
        return
    current = revision(stored, only)
    if current == expected:
        return
    entry = uow.audit.last_change(tables, list(row_ids))
    if entry is None or not entry.user:
        raise ConcurrentEditError(CHANGED, current, what=what)
    raise ConcurrentEditError(CHANGED_BY, current, what=what, user=entry.user,
                              at=datetime.fromisoformat(entry.at))
