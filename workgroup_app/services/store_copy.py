"""Moving an office to another database — from its SQLite file to the office's PostgreSQL
server, or back (issue 8) — with everything, proven whole by counts and a digest of every row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ..domain.access import Permission
from ..domain.errors import StoreError, ValidationError
from ..domain.messages import N_
from .ports import UnitOfWork


class Fingerprint(Protocol):
    rows: dict[str, int]
    digest: str


class CopyPort(Protocol):
    """The source store and the target database (bootstrap.StoreCopy)."""

    target: str  # where the copy goes, as the user may be shown it

    def target_holds(self) -> str | None: ...

    def copy(self, progress: Callable[[str, int], None] | None) -> dict[str, int]: ...

    def fingerprints(self) -> tuple[Fingerprint, Fingerprint]: ...


@dataclass(frozen=True)
class CopyReport:
    target: str
    rows: dict[str, int]  # per table, as counted in both databases
    digest: str  # of every row, the same in both


def copy_store(uow: UnitOfWork, port: CopyPort,
               progress: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy the store into an empty database and check the copy (administrators)."""
    with uow:
        uow.actor.require(Permission.MANAGE_SETTINGS)
    table = port.target_holds()
    if table is not None:
        raise ValidationError(N_("'{target}' already holds data ({table}): a store is copied "
                                 "only into a new, empty database. Nothing was copied."),
                              target=port.target, table=table)
    port.copy(progress)
    source, target = port.fingerprints()
    differing = sorted(t for t in source.rows if source.rows[t] != target.rows.get(t))
    if differing:
        raise StoreError(N_("The copy in '{target}' lacks rows of the store ({tables}): do "
                            "not use it."), target=port.target, tables=", ".join(differing))
    if source.digest != target.digest:
        raise StoreError(N_("The copy in '{target}' holds other values than the store: do "
                            "not use it."), target=port.target)
    return CopyReport(port.target, source.rows, source.digest)
