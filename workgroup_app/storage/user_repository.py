"""User accounts and command-line sessions (local tables, never replicated)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from . import models as m
from . import write_lock


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(m.UserAccountRow)) or 0

    def any(self) -> bool:
        return self.session.execute(select(m.UserAccountRow.id).limit(1)).first() is not None

    def by_name(self, username: str) -> m.UserAccountRow | None:
        return self.session.scalars(select(m.UserAccountRow).where(
            m.UserAccountRow.username_key == username.strip().casefold())).first()

    def get(self, user_id: str) -> m.UserAccountRow | None:
        return self.session.get(m.UserAccountRow, user_id)

    def all(self) -> list[m.UserAccountRow]:
        return list(self.session.scalars(select(m.UserAccountRow)
                                         .order_by(m.UserAccountRow.username_key)))

    def active_with_role(self, role: str) -> int:
        return self.session.scalar(select(func.count()).select_from(m.UserAccountRow).where(
            m.UserAccountRow.role == role, m.UserAccountRow.disabled.is_(False))) or 0

    def add(self, *, id: str, username: str, full_name: str, role: str, password_hash: str,
            must_change_password: bool, now: datetime) -> m.UserAccountRow:
        row = m.UserAccountRow(
            id=id, username=username, username_key=username.casefold(), full_name=full_name,
            role=role, password_hash=password_hash, must_change_password=must_change_password,
            disabled=False, failed_count=0, password_changed_at=now, created_at=now)
        self.session.add(row)
        self.session.flush()
        return row

    def flush(self) -> None:
        self.session.flush()

    # ---- sessions ----

    def add_session(self, token_hash: str, user_id: str, created: datetime,
                    expires: datetime) -> None:
        self.session.add(m.UserSessionRow(token_hash=token_hash, user_id=user_id,
                                          created_at=created, expires_at=expires))
        self.session.flush()

    def session_user(self, token_hash: str, now: datetime) -> m.UserAccountRow | None:
        row = self.session.get(m.UserSessionRow, token_hash)
        if row is None or row.expires_at <= now:
            return None
        return self.get(row.user_id)

    def end_sessions(self, *, token_hash: str | None = None, user_id: str | None = None,
                     expired_before: datetime | None = None) -> None:
        """Forget one session, a user's sessions, or those expired before a moment."""
        table = m.UserSessionRow
        write_lock.lock(self.session)  # first, as every writer does (no crosswise waits)
        statement = delete(table)
        if token_hash is not None:
            statement = statement.where(table.token_hash == token_hash)
        if user_id is not None:
            statement = statement.where(table.user_id == user_id)
        if expired_before is not None:
            statement = statement.where(table.expires_at <= expired_before)
        self.session.execute(statement)
