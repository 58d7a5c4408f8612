"""What the services need from the store, as protocols (tests may pass fakes)."""

from __future__ import annotations

from typing import Any, Protocol


class UnitOfWork(Protocol):
    agencies: Any
    people: Any
    workgroups: Any
    meetings: Any
    queries: Any
    actions: Any
    action_queries: Any
    overrides: Any
    blobs: Any
    settings: Any
    minutes: Any
    certificates: Any
    findings: Any
    finding_queries: Any
    sync: Any
    users: Any
    audit: Any
    actor: Any  # domain.actor.Actor: who acts in this unit of work

    @property
    def office_id(self) -> str: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, *args: object) -> None: ...

    def commit(self) -> None: ...

    def lock_writes(self) -> None: ...

    def import_mode(self) -> None: ...

    def refresh_imported(self) -> None: ...
