"""Who is acting. Until access control arrives (issue 7) one local administrator acts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    user: str = "admin"
    role: str = "administrator"


LOCAL_ADMIN = Actor()
