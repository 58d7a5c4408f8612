"""Password hashes of user accounts: argon2id (memory-hard), through argon2-cffi with its
defaults (RFC 9106's low-memory profile: 64 MiB, three passes). A hash made with weaker
parameters is upgraded at the next sign-in (``needs_rehash``)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """Whether ``password`` matches ``stored``; a damaged hash matches nothing."""
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    try:
        return _HASHER.check_needs_rehash(stored)
    except (InvalidHashError, ValueError):
        return True


@cache
def _decoy() -> str:
    return _HASHER.hash("no such account")


def spend_like_a_check(password: str) -> None:
    """As long as a real check: a sign-in with an unknown name takes as long as a wrong
    password, so timing does not tell which names exist."""
    verify_password(_decoy(), password)
