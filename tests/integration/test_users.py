"""User accounts through the services: the first administrator, signing in with slow-down
and lock-out, passwords, roles, the last administrator kept, and command-line sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import dump, rows
from workgroup_app.bootstrap import AppContext
from workgroup_app.domain.access import AccessDenied, Role, SignInError
from workgroup_app.domain.actor import Actor
from workgroup_app.domain.errors import ConflictError, NotFoundError, ValidationError
from workgroup_app.services import users

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"

pytestmark = pytest.mark.both_databases


class Secrets:
    """The OS keyring, as a dict."""

    def __init__(self) -> None:
        self.held: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.held.get(name)

    def put(self, name: str, secret: str) -> None:
        self.held[name] = secret

    def delete(self, name: str) -> None:
        self.held.pop(name, None)


@pytest.fixture
def admin(context: AppContext) -> Actor:
    return users.create_first_administrator(context.uow(), "Admin", "Иванов Иван", PASSWORD,
                                            now=NOW)


def test_a_new_store_is_open_until_its_first_administrator(context: AppContext) -> None:
    assert not users.accounts_exist(context.uow())
    first = users.create_first_administrator(context.uow(), "admin", "", PASSWORD)
    assert first.role == Role.ADMINISTRATOR and users.accounts_exist(context.uow())
    with pytest.raises(ConflictError):
        users.create_first_administrator(context.uow(), "other", "", PASSWORD)


def test_passwords_are_stored_as_argon2id_hashes(context: AppContext, admin: Actor,
                                                 store_path: Path) -> None:
    ((stored,),) = rows(store_path, "SELECT password_hash FROM user_account")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_sign_in_by_name_in_any_case(context: AppContext, admin: Actor) -> None:
    actor = users.sign_in(context.uow(), "ADMIN", PASSWORD, now=NOW)
    assert (actor.user, actor.role, actor.full_name) == ("Admin", "administrator", "Иванов Иван")


def test_a_wrong_password_and_an_unknown_name_get_the_same_message(
        context: AppContext, admin: Actor) -> None:
    messages = []
    for name, password in (("admin", "wrong password!"), ("nobody", PASSWORD), ("", "x")):
        with pytest.raises(SignInError) as refused:
            users.sign_in(context.uow(), name, password, now=NOW)
        messages.append(refused.value.english())
    assert messages == ["Wrong user name or password."] * 3


def test_repeated_failures_slow_down_then_lock_the_account(context: AppContext,
                                                           admin: Actor) -> None:
    moment = NOW
    for attempt in range(1, 10):
        with pytest.raises(SignInError):
            users.sign_in(context.uow(), "admin", "wrong password!", now=moment)
        info = users.current(context.uow(), "admin")
        assert info.failed_count == attempt
        if attempt >= 3:  # waits 1, 2, 4 … s: even the right password is not checked
            assert info.wait_until is not None
            with pytest.raises(SignInError) as waiting:
                users.sign_in(context.uow(), "admin", PASSWORD, now=moment)
            assert "wait" in waiting.value.english()
            moment = info.wait_until + timedelta(milliseconds=1)
    with pytest.raises(SignInError) as locked:
        users.sign_in(context.uow(), "admin", "wrong password!", now=moment)
    assert "locked" in locked.value.english() and "15 minutes" in locked.value.english()
    with pytest.raises(SignInError):
        users.sign_in(context.uow(), "admin", PASSWORD, now=moment + timedelta(minutes=14))
    # After the lock the right password works, and the count starts again.
    users.sign_in(context.uow(), "admin", PASSWORD, now=moment + timedelta(minutes=16))
    assert users.current(context.uow(), "admin").failed_count == 0


def test_the_administrator_lifts_a_lock(context: AppContext, admin: Actor) -> None:
    users.add_user(context.uow(), admin, "clerk", "", "secretary", "clerk password 1")
    for _ in range(3):
        with pytest.raises(SignInError):
            users.sign_in(context.uow(), "clerk", "wrong password!", now=NOW)
    assert users.current(context.uow(), "clerk").locked(NOW)
    users.unlock(context.uow(), admin, "clerk")
    assert users.sign_in(context.uow(), "clerk", "clerk password 1", now=NOW).role == "secretary"


def test_a_disabled_account_is_told_so_only_with_the_right_password(
        context: AppContext, admin: Actor) -> None:
    users.add_user(context.uow(), admin, "clerk", "", "secretary", "clerk password 1")
    users.set_disabled(context.uow(), admin, "clerk", True)
    with pytest.raises(SignInError) as wrong:
        users.sign_in(context.uow(), "clerk", "wrong password!", now=NOW)
    assert wrong.value.english() == "Wrong user name or password."
    with pytest.raises(SignInError) as disabled:
        users.sign_in(context.uow(), "clerk", "clerk password 1", now=NOW)
    assert "disabled" in disabled.value.english()
    users.set_disabled(context.uow(), admin, "clerk", False)
    assert users.sign_in(context.uow(), "clerk", "clerk password 1", now=NOW).user == "clerk"


def test_a_new_account_and_a_reset_password_must_be_changed(context: AppContext,
                                                           admin: Actor) -> None:
    added = users.add_user(context.uow(), admin, "head", "Громов", "head", "first password 1")
    assert added.must_change_password
    head = users.sign_in(context.uow(), "head", "first password 1", now=NOW)
    with pytest.raises(ValidationError):
        users.change_own_password(context.uow(), head, "not the password", "second password 2")
    with pytest.raises(ValidationError):
        users.change_own_password(context.uow(), head, "first password 1", "short")
    users.change_own_password(context.uow(), head, "first password 1", "second password 2")
    assert not users.current(context.uow(), "head").must_change_password
    users.reset_password(context.uow(), admin, "head", "third password 3")
    assert users.current(context.uow(), "head").must_change_password
    with pytest.raises(SignInError):
        users.sign_in(context.uow(), "head", "second password 2", now=NOW)


def test_bad_accounts_are_refused_and_change_nothing(context: AppContext, admin: Actor,
                                                     store_path: Path) -> None:
    before = dump(store_path)
    for name, role, password in (("admin", "observer", "observer password"),  # taken
                                 ("two words", "observer", "observer password"),
                                 ("", "observer", "observer password"),
                                 ("viewer", "king", "observer password"),
                                 ("viewer", "observer", "short"),
                                 ("viewer", "observer", "viewer")):
        with pytest.raises((ValidationError, ConflictError)):
            users.add_user(context.uow(), admin, name, "", role, password)
    with pytest.raises(NotFoundError):
        users.reset_password(context.uow(), admin, "nobody", "some password 1")
    assert dump(store_path) == before


def test_only_an_administrator_manages_accounts(context: AppContext, admin: Actor,
                                                store_path: Path) -> None:
    users.add_user(context.uow(), admin, "pro", "", "prosecutor", "prosecutor pass 1")
    prosecutor = Actor(user="pro", role=Role.PROSECUTOR)
    before = dump(store_path)
    for attempt in (lambda: users.list_users(context.uow(), prosecutor),
                    lambda: users.add_user(context.uow(), prosecutor, "x1", "", "administrator",
                                           "some password 1"),
                    lambda: users.set_role(context.uow(), prosecutor, "pro", "administrator"),
                    lambda: users.reset_password(context.uow(), prosecutor, "Admin",
                                                 "some password 1")):
        with pytest.raises(AccessDenied):
            attempt()
    assert dump(store_path) == before


def test_the_last_active_administrator_stays(context: AppContext, admin: Actor) -> None:
    with pytest.raises(ConflictError):
        users.set_role(context.uow(), admin, "admin", "observer")
    with pytest.raises(ConflictError):
        users.set_disabled(context.uow(), admin, "admin", True)  # also: not oneself
    users.add_user(context.uow(), admin, "second", "", "administrator", "second admin pass")
    users.set_role(context.uow(), admin, "second", "observer")
    users.set_role(context.uow(), admin, "second", "administrator")
    users.set_role(context.uow(), admin, "admin", "observer")  # another administrator remains
    assert {u.username: u.role for u in users.list_users(context.uow(), Actor(
        "second", Role.ADMINISTRATOR))} == {"Admin": "observer", "second": "administrator"}


def test_a_kept_session_signs_in_until_it_ends(context: AppContext, admin: Actor) -> None:
    secrets = Secrets()
    users.add_user(context.uow(), admin, "pro", "", "prosecutor", "prosecutor pass 1")
    pro = users.sign_in(context.uow(), "pro", "prosecutor pass 1", now=NOW)
    expires = users.open_session(context.uow(), secrets, pro, now=NOW)
    assert expires == NOW + timedelta(hours=users.SESSION_HOURS)
    assert users.session_actor(context.uow(), secrets, "PRO", now=NOW) == pro
    assert users.session_actor(context.uow(), secrets, "Admin", now=NOW) is None
    assert users.session_actor(context.uow(), secrets, "pro", now=expires) is None  # expired
    users.set_role(context.uow(), admin, "pro", "observer")  # a new role: sign in again
    assert users.session_actor(context.uow(), secrets, "pro", now=NOW) is None
    pro = users.sign_in(context.uow(), "pro", "prosecutor pass 1", now=NOW)
    users.open_session(context.uow(), secrets, pro, now=NOW)
    assert users.session_actor(context.uow(), secrets, "pro", now=NOW).role == "observer"
    assert users.close_session(context.uow(), secrets, "pro")
    assert users.session_actor(context.uow(), secrets, "pro", now=NOW) is None
    assert not secrets.held


def test_a_forged_keyring_token_signs_no_one_in(context: AppContext, admin: Actor) -> None:
    secrets = Secrets()
    users.open_session(context.uow(), secrets, admin, now=NOW)
    (name,) = secrets.held
    secrets.held[name] = "not-the-token"
    assert users.session_actor(context.uow(), secrets, "admin", now=NOW) is None


def test_the_demo_store_gets_one_account_per_role(context: AppContext) -> None:
    assert users.ensure_demo_accounts(context.uow())
    assert not users.ensure_demo_accounts(context.uow())
    roles = {users.sign_in(context.uow(), name, users.DEMO_PASSWORD).role
             for name, _full, _role in users.DEMO_ACCOUNTS}
    assert roles == {r.value for r in Role}
