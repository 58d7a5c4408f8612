"""The revision of a record: a short digest of the values an editor shows and writes back.

An editor keeps the revision of the record it opened and hands it to the service that saves;
the service compares it with the revision of the record as stored now (the optimistic version
check). A digest of the values, rather than a counter, covers a record's children (a meeting's
items and decisions) and changes that came in a bundle from another office alike, and needs no
column of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import fields
from typing import Any


def revision(record: Any, only: Iterable[str] | None = None) -> str:
    """The digest of ``record``'s fields (of those in ``only``, when given)."""
    wanted = None if only is None else set(only)
    values = [(f.name, getattr(record, f.name)) for f in fields(record)
              if wanted is None or f.name in wanted]
    return hashlib.sha256(repr(values).encode()).hexdigest()[:24]
