"""Test helpers: a canonical dump of a SQLite store, to prove "nothing changed"."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def dump(path: Path) -> str:
    """Every row of every table, in a stable order (WAL content included)."""
    connection = sqlite3.connect(path)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plain_sqlite_reads(path: Path) -> bool:
    """Whether plain SQLite (no key) can read the file: false for an encrypted store."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()
