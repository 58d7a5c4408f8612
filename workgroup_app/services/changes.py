"""What changed in the store since a workstation last looked: for lists that refresh when
other workstations (or an import, or the CLI) change data.

Every write advances the store's local version in the same transaction (change capture), and
an import advances it once; the tables behind the versions since say what to refresh. One
row is read when nothing changed, so a workstation may ask every few seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class StoreChanges:
    version: int  # the store's local version now
    tables: frozenset[str] = field(default_factory=frozenset)  # changed since the one asked


def changes_since(uow: UnitOfWork, version: int | None) -> StoreChanges:
    """The version now, and which tables changed after ``version`` (None: only the version)."""
    with uow:
        now = uow.sync.version()
        if version is None or now <= version:
            return StoreChanges(now)
        return StoreChanges(now, frozenset(uow.sync.changed_tables(version)))
