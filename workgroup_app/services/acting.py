"""The permission check at the start of every changing use case."""

from __future__ import annotations

from ..domain.access import Permission
from ..domain.actor import Actor
from .ports import UnitOfWork


def act(uow: UnitOfWork, actor: Actor, permission: Permission) -> None:
    """AccessDenied unless ``actor`` may; else the unit of work acts as ``actor`` (its audit
    entries name them)."""
    actor.require(permission)
    uow.actor = actor
