"""Errors fit to show a user: a message id, its parameters and, for forms, the field."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule was broken. ``msgid`` is the untranslated English text with ``{name}`` fields."""

    def __init__(self, msgid: str, field: str | None = None, **params: Any) -> None:
        self.msgid = msgid
        self.field = field
        self.params = params
        super().__init__(self.english())

    def english(self) -> str:
        return self.msgid.format(**self.params)


class ValidationError(DomainError):
    """Input that cannot be accepted; ``field`` names the form field at fault."""


class NotFoundError(DomainError):
    """A referenced record does not exist (or was deleted)."""


class ConflictError(DomainError):
    """The change collides with existing data (a duplicate number, a record still in use)."""


class ConcurrentEditError(ConflictError):
    """Someone else saved the record after this user opened it (the optimistic version
    check). ``revision`` is the record's revision now: saving again with it overwrites."""

    def __init__(self, msgid: str, revision: str, **params: Any) -> None:
        super().__init__(msgid, **params)
        self.revision = revision


class StoreError(DomainError):
    """The store cannot be opened or used: not a database, newer schema, unreadable file."""


class VerificationError(DomainError):
    """A signed file failed its checks: damaged, truncated, tampered with or untrusted."""


class SecretError(DomainError):
    """A key or its passphrase cannot be used: wrong passphrase, no keyring, unreadable key."""
