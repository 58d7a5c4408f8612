"""User accounts: the first administrator, signing in (with slow-down and lock-out after wrong
passwords), passwords, roles, and command-line sessions kept in the OS keyring (issue 7).

Until the first account exists the store is open (the actor is unrestricted); from then on
every entry point signs a user in and acts as them. Messages never tell whether a name exists.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from ..domain import access
from ..domain.access import Permission, Role, SignInError
from ..domain.actor import Actor
from ..domain.errors import ConflictError, NotFoundError, ValidationError
from ..domain.messages import N_
from ..security import passwords
from .acting import act
from .ports import UnitOfWork

SESSION_HOURS = 12


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: str
    username: str
    full_name: str
    role: str
    disabled: bool
    must_change_password: bool
    wait_until: datetime | None
    failed_count: int
    last_login_at: datetime | None

    def locked(self, now: datetime | None = None) -> bool:
        return self.wait_until is not None and self.wait_until > (now or datetime.now(UTC))


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _info(row: Any) -> UserInfo:
    return UserInfo(row.id, row.username, row.full_name, row.role, row.disabled,
                    row.must_change_password, row.wait_until, row.failed_count,
                    row.last_login_at)


def _actor(row: Any) -> Actor:
    return Actor(user=row.username, role=row.role, full_name=row.full_name)


def accounts_exist(uow: UnitOfWork) -> bool:
    with uow:
        return bool(uow.users.any())


def _new_account(uow: UnitOfWork, username: str, full_name: str, role: str, password: str,
                 *, must_change: bool, now: datetime) -> Any:
    username = access.check_username(username)
    full_name = " ".join(full_name.split())
    if len(full_name) > 300:
        raise ValidationError(N_("The full name is at most {limit} characters."),
                              field="full_name", limit=300)
    role = access.check_role(role).value
    access.check_password(password, username)
    if uow.users.by_name(username) is not None:
        raise ConflictError(N_("There is already a user named '{name}'."), field="username",
                            name=username)
    return uow.users.add(id=str(uuid.uuid4()), username=username, full_name=full_name,
                         role=role, password_hash=passwords.hash_password(password),
                         must_change_password=must_change, now=now)


def create_first_administrator(uow: UnitOfWork, username: str, full_name: str, password: str,
                               now: datetime | None = None) -> Actor:
    """The first account, an administrator; from now on the store asks who is there."""
    uow.actor = Actor(user=username.strip(), role=Role.ADMINISTRATOR)  # in the audit trail
    with uow:
        if uow.users.any():
            raise ConflictError(N_("This store already has user accounts; an administrator "
                                   "adds new ones."))
        row = _new_account(uow, username, full_name, Role.ADMINISTRATOR, password,
                           must_change=False, now=_now(now))
        row.last_login_at = _now(now)
        uow.commit()
        return _actor(row)


def _wait_message(until: datetime, now: datetime) -> SignInError:
    seconds = max(1, math.ceil((until - now).total_seconds()))
    if seconds > 90:
        return SignInError(N_("The account is locked after repeated wrong passwords; try "
                              "again in {minutes} minutes or ask the administrator."),
                           minutes=math.ceil(seconds / 60))
    return SignInError(N_("Too many wrong passwords: wait {seconds} s before trying again."),
                       seconds=seconds)


WRONG = N_("Wrong user name or password.")


def sign_in(uow: UnitOfWork, username: str, password: str, now: datetime | None = None
            ) -> Actor:
    """The actor of the account, or SignInError. A wrong password counts against the account
    (and is committed); an account waiting after wrong passwords is not even checked."""
    moment = _now(now)
    with uow:
        row = uow.users.by_name(username) if username.strip() else None
        if row is None:
            passwords.spend_like_a_check(password)
            raise SignInError(WRONG)
        if row.wait_until is not None and row.wait_until > moment:
            raise _wait_message(row.wait_until, moment)
        if not passwords.verify_password(row.password_hash, password):
            row.failed_count += 1
            row.wait_until = access.wait_after(row.failed_count, moment)
            uow.commit()
            if row.failed_count >= access.LOCK_AFTER and row.wait_until is not None:
                raise _wait_message(row.wait_until, moment)
            raise SignInError(WRONG)
        if row.disabled:  # told only to whoever knows the password
            raise SignInError(N_("This account is disabled; ask the administrator."))
        if passwords.needs_rehash(row.password_hash):
            row.password_hash = passwords.hash_password(password)
        row.failed_count, row.wait_until, row.last_login_at = 0, None, moment
        uow.commit()
        return _actor(row)


def current(uow: UnitOfWork, username: str) -> UserInfo:
    """The account of a signed-in user (to show it, or whether it must change its password)."""
    with uow:
        row = uow.users.by_name(username)
        if row is None:
            raise NotFoundError(N_("There is no user named '{name}'."), name=username)
        return _info(row)


def _target(uow: UnitOfWork, username: str) -> Any:
    row = uow.users.by_name(username)
    if row is None:
        raise NotFoundError(N_("There is no user named '{name}'."), name=username)
    return row


def change_own_password(uow: UnitOfWork, actor: Actor, old: str, new: str,
                        now: datetime | None = None) -> None:
    uow.actor = actor
    with uow:
        row = _target(uow, actor.user)
        if not passwords.verify_password(row.password_hash, old):
            raise ValidationError(N_("The current password is wrong."), field="old_password")
        access.check_password(new, row.username)
        if new == old:
            raise ValidationError(N_("The new password must differ from the current one."),
                                  field="password")
        row.password_hash = passwords.hash_password(new)
        row.must_change_password = False
        row.password_changed_at = _now(now)
        uow.users.end_sessions(user_id=row.id)  # other signed-in terminals sign in again
        uow.commit()


# ---- the administrator's work ----------------------------------------------------------------

def list_users(uow: UnitOfWork, actor: Actor) -> list[UserInfo]:
    act(uow, actor, Permission.MANAGE_USERS)
    with uow:
        return [_info(r) for r in uow.users.all()]


def add_user(uow: UnitOfWork, actor: Actor, username: str, full_name: str, role: str,
             password: str, now: datetime | None = None) -> UserInfo:
    """A new account; its user chooses their own password at the first sign-in."""
    act(uow, actor, Permission.MANAGE_USERS)
    with uow:
        row = _new_account(uow, username, full_name, role, password, must_change=True,
                           now=_now(now))
        uow.commit()
        return _info(row)


def reset_password(uow: UnitOfWork, actor: Actor, username: str, password: str,
                   now: datetime | None = None) -> UserInfo:
    """A new password the user must change at the next sign-in; the lock is lifted."""
    act(uow, actor, Permission.MANAGE_USERS)
    with uow:
        row = _target(uow, username)
        access.check_password(password, row.username)
        row.password_hash = passwords.hash_password(password)
        row.must_change_password = row.username != actor.user
        row.password_changed_at = _now(now)
        row.failed_count, row.wait_until = 0, None
        uow.users.end_sessions(user_id=row.id)
        uow.commit()
        return _info(row)


def _keep_an_administrator(uow: UnitOfWork, row: Any) -> None:
    if row.role == Role.ADMINISTRATOR and not row.disabled \
            and uow.users.active_with_role(Role.ADMINISTRATOR) <= 1:
        raise ConflictError(N_("'{name}' is the last active administrator: make another "
                               "administrator first."), name=row.username)


def set_role(uow: UnitOfWork, actor: Actor, username: str, role: str) -> UserInfo:
    act(uow, actor, Permission.MANAGE_USERS)
    new_role = access.check_role(role).value
    with uow:
        row = _target(uow, username)
        if row.role != new_role:
            _keep_an_administrator(uow, row)
            row.role = new_role
            uow.users.end_sessions(user_id=row.id)
        uow.commit()
        return _info(row)


def set_disabled(uow: UnitOfWork, actor: Actor, username: str, disabled: bool) -> UserInfo:
    act(uow, actor, Permission.MANAGE_USERS)
    with uow:
        row = _target(uow, username)
        if disabled and not row.disabled:
            if row.username == actor.user:
                raise ConflictError(N_("You cannot disable your own account."))
            _keep_an_administrator(uow, row)
            uow.users.end_sessions(user_id=row.id)
        row.disabled = disabled
        uow.commit()
        return _info(row)


def unlock(uow: UnitOfWork, actor: Actor, username: str) -> UserInfo:
    act(uow, actor, Permission.MANAGE_USERS)
    with uow:
        row = _target(uow, username)
        row.failed_count, row.wait_until = 0, None
        uow.commit()
        return _info(row)


# ---- command-line sessions -------------------------------------------------------------------

class Secrets(Protocol):
    def get(self, name: str) -> str | None: ...

    def put(self, name: str, secret: str) -> None: ...

    def delete(self, name: str) -> None: ...


def _session_name(store_id: str, username: str) -> str:
    return f"session:{store_id}:{username.strip().casefold()}"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(uow: UnitOfWork, secrets_store: Secrets, actor: Actor,
                 hours: int = SESSION_HOURS, now: datetime | None = None) -> datetime:
    """Keep the sign-in of ``actor`` for ``hours``: a random token in the OS keyring, its hash
    in the store. Raises SecretError where there is no keyring. Returns when it ends."""
    moment = _now(now)
    token = secrets.token_urlsafe(32)
    with uow:
        row = _target(uow, actor.user)
        expires = moment + timedelta(hours=hours)
        uow.users.end_sessions(expired_before=moment)
        uow.users.add_session(_token_hash(token), row.id, moment, expires)
        secrets_store.put(_session_name(uow.office_id, row.username), token)
        uow.commit()
    return expires


def session_actor(uow: UnitOfWork, secrets_store: Secrets, username: str,
                  now: datetime | None = None) -> Actor | None:
    """The actor of a kept sign-in of ``username`` on this store, if one is valid (the
    account's current role; None when disabled, expired, or the keyring holds none)."""
    with uow:
        token = secrets_store.get(_session_name(uow.office_id, username))
        if not token:
            return None
        row = uow.users.session_user(_token_hash(token), _now(now))
        if row is None or row.disabled or row.username_key != username.strip().casefold():
            return None
        return _actor(row)


def close_session(uow: UnitOfWork, secrets_store: Secrets, username: str) -> bool:
    """Forget the kept sign-in of ``username`` here; whether there was one."""
    with uow:
        name = _session_name(uow.office_id, username)
        token = secrets_store.get(name)
        if token:
            uow.users.end_sessions(token_hash=_token_hash(token))
            uow.commit()
        secrets_store.delete(name)
        return bool(token)


# ---- the demo office -------------------------------------------------------------------------

DEMO_PASSWORD = "workgroup-demo"  # shown on the sign-in window of the demo store only
DEMO_ACCOUNTS: tuple[tuple[str, str, Role], ...] = (
    ("admin", "Администратор системы", Role.ADMINISTRATOR),
    ("prosecutor", "Ковалёв Игорь Петрович", Role.PROSECUTOR),
    ("secretary", "Лисовская Анна Сергеевна", Role.SECRETARY),
    ("head", "Громов Виктор Андреевич", Role.HEAD),
    ("observer", "Наблюдатель", Role.OBSERVER),
)


def ensure_demo_accounts(uow: UnitOfWork, now: datetime | None = None) -> bool:
    """One account per role in a store without accounts (the GUI's demo store), all with
    ``DEMO_PASSWORD``; True if it made them."""
    moment = _now(now)
    with uow:
        if uow.users.any():
            return False
        digest = passwords.hash_password(DEMO_PASSWORD)  # one hash: five would take a second
        for username, full_name, role in DEMO_ACCOUNTS:
            uow.users.add(id=str(uuid.uuid4()), username=username, full_name=full_name,
                          role=role.value, password_hash=digest, must_change_password=False,
                          now=moment)
        uow.commit()
        return True
