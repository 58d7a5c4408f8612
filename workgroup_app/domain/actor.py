"""Who is acting: a signed-in user and their role (domain/access.py). A store without user
accounts is acted on by the unrestricted local operator, as before accounts existed."""

from __future__ import annotations

from dataclasses import dataclass

from .access import UNRESTRICTED, Permission, may, refusal


@dataclass(frozen=True, slots=True)
class Actor:
    user: str = "admin"
    role: str = UNRESTRICTED
    full_name: str = ""

    def may(self, permission: Permission) -> bool:
        return may(self.role, permission)

    def require(self, permission: Permission) -> None:
        """AccessDenied unless the role holds ``permission``."""
        if not may(self.role, permission):
            raise refusal(self.role, permission)


LOCAL_ADMIN = Actor()
