"""User accounts on the command line (issue 7): the first administrator, signing in with
--user and a password (typed on standard input or WORKGROUP_PASSWORD), refusals that reveal
nothing and change nothing, the lock after repeated wrong passwords, a password the
administrator set, roles, and sessions kept in a keyring by `login`.

The accounts are made once through the services (argon2 costs a moment per hash) and the store
is copied for each test; the CLI runs in a subprocess, as a user runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.cli.support import OFFICE_GROUP, ROOT, Result, assert_user_error, build_office
from tests.helpers import dump

if TYPE_CHECKING:
    from workgroup_app.bootstrap import AppContext

ADMIN, ADMIN_PW = "chief", "chief-password-1"
PROSECUTOR, PROSECUTOR_PW = "kovalev", "kovalev-password-1"
OBSERVER, OBSERVER_PW = "watcher", "watcher-password-1"
NEWBIE, NEWBIE_PW = "newbie", "first-password-1"  # the administrator's password: must change
WRONG = "Wrong user name or password."
FILE_KEYRING = "tests.keyring_backend.FileKeyring"
# Sign-ins write these tables (failure counts, last sign-in, sessions); the data never changes.
ACCOUNT_TABLES = ('INSERT INTO "user_account"', 'INSERT INTO "user_session"')

pytestmark = pytest.mark.both_databases


def run(db: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None,
        lang: str = "en") -> Result:
    """`workgroup --db DB ARGS…` with ``stdin`` as its standard input (never a terminal, so
    nothing waits for typing) and no user or password inherited from the caller."""
    environment = {key: value for key, value in os.environ.items() if key not in (
        "WORKGROUP_DB", "WORKGROUP_DEBUG", "WORKGROUP_USER", "WORKGROUP_PASSWORD")}
    environment.update({"WORKGROUP_LANG": lang, "PYTHONIOENCODING": "utf-8"}, **(env or {}))
    done = subprocess.run([sys.executable, "-m", "workgroup_app.cli", "--db", str(db), *args],
                          input=stdin, capture_output=True, text=True, encoding="utf-8",
                          env=environment, cwd=ROOT, timeout=120)
    return Result(done.returncode, done.stdout, done.stderr)


def as_admin(db: Path, *args: str, stdin: str = "") -> Result:
    return run(db, "--user", ADMIN, *args, stdin=stdin, env={"WORKGROUP_PASSWORD": ADMIN_PW})


def data_dump(db: Path) -> str:
    """The store without the rows a sign-in itself writes."""
    return "\n".join(line for line in dump(db).splitlines()
                     if not line.startswith(ACCOUNT_TABLES))


def lines(*texts: str) -> str:
    return "".join(f"{text}\n" for text in texts)


def open_store(path: Path) -> AppContext:
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig

    return open_context(AppConfig.build(database=str(path), language="en"))


@pytest.fixture(scope="module")
def accounts_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small office with an administrator, a prosecutor and an observer who chose their
    passwords, and a secretary whose password the administrator set."""
    from workgroup_app.services import users

    path = tmp_path_factory.mktemp("accounts") / "office.sqlite"
    build_office(path)
    context = open_store(path)
    try:
        admin = users.create_first_administrator(context.uow(), ADMIN, "Администратор", ADMIN_PW)
        for name, role, password in ((PROSECUTOR, "prosecutor", PROSECUTOR_PW),
                                     (OBSERVER, "observer", OBSERVER_PW)):
            users.add_user(context.uow(), admin, name, "", role, "temporary-password")
            actor = users.sign_in(context.uow(), name, "temporary-password")
            users.change_own_password(context.uow(), actor, "temporary-password", password)
        users.add_user(context.uow(), admin, NEWBIE, "Иванова Анна Сергеевна", "secretary",
                       NEWBIE_PW)
    finally:
        context.close()
    return path


@pytest.fixture
def store(accounts_template: Path, tmp_path: Path) -> Path:
    """This test's copy of the office with accounts."""
    target = tmp_path / "store.sqlite"
    for suffix in ("", "-wal", "-shm"):
        source = accounts_template.with_name(accounts_template.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    return target


def test_a_store_without_accounts_works_as_before_until_user_add_makes_an_administrator(
        office: dict[str, str], db_path: Path) -> None:
    ignored = run(db_path, "--user", "anybody", "agencies", "list")  # no accounts: ignored
    assert ignored.code == 0 and "УВД" in ignored.out, ignored
    before = dump(db_path)
    assert_user_error(run(db_path, "user", "add", "boss", "--role", "observer",
                          stdin=lines(ADMIN_PW, ADMIN_PW)),
                      "the first one must be an administrator")
    assert_user_error(run(db_path, "user", "add", "boss", "--role", "administrator",
                          stdin=lines(ADMIN_PW, "another-password")), "passwords differ")
    assert dump(db_path) == before

    made = run(db_path, "user", "add", "boss", "--role", "administrator", "--full-name",
               "Ёлкин Пётр Семёнович", stdin=lines(ADMIN_PW, ADMIN_PW))
    assert made.code == 0 and "boss is the first administrator" in made.out, made
    assert_user_error(run(db_path, "agencies", "list"),
                      "This store has user accounts: give --user NAME")
    listed = run(db_path, "--user", "boss", "--json", "user", "list", stdin=lines(ADMIN_PW))
    assert listed.code == 0, listed
    [boss] = listed.json()
    assert (boss["username"], boss["full_name"], boss["role"]) == (
        "boss", "Ёлкин Пётр Семёнович", "administrator")
    assert not boss["must_change_password"] and not boss["locked"]
    assert boss["last_login_at"] is not None  # this very sign-in


def test_a_wrong_password_and_an_unknown_user_get_the_same_refusal_and_change_nothing(
        store: Path) -> None:
    add = ("agencies", "add", "--name", "Гродненская областная таможня", "--kind", "customs")
    before = data_dump(store)
    wrong = run(store, "--user", PROSECUTOR, *add, stdin=lines("not-the-password"))
    unknown = run(store, "--user", "ghost", *add, stdin=lines(PROSECUTOR_PW))
    for refused in (wrong, unknown):
        assert_user_error(refused, WRONG)
    assert wrong.err == unknown.err  # nothing tells whether the name exists
    assert data_dump(store) == before
    # No terminal and no password: the error says where a script gives it.
    assert_user_error(run(store, "--user", PROSECUTOR, *add),
                      "The password of kovalev is needed", "WORKGROUP_PASSWORD")
    done = run(store, "--user", PROSECUTOR, *add, env={"WORKGROUP_PASSWORD": PROSECUTOR_PW})
    assert done.code == 0 and data_dump(store) != before, done


def test_a_disabled_user_cannot_sign_in_until_enabled(store: Path) -> None:
    disabled = as_admin(store, "user", "disable", PROSECUTOR)
    assert disabled.code == 0 and "kovalev is disabled" in disabled.out, disabled
    assert_user_error(run(store, "--user", PROSECUTOR, "agencies", "list",
                          stdin=lines(PROSECUTOR_PW)), "This account is disabled")
    # Only whoever knows the password learns that the account is disabled.
    assert_user_error(run(store, "--user", PROSECUTOR, "agencies", "list",
                          stdin=lines("not-the-password")), WRONG)
    assert as_admin(store, "user", "enable", PROSECUTOR).code == 0
    back = run(store, "--user", PROSECUTOR, "agencies", "list", stdin=lines(PROSECUTOR_PW))
    assert back.code == 0 and "УВД" in back.out, back


def test_repeated_wrong_passwords_slow_down_then_lock_until_the_administrator_unlocks(
        store: Path) -> None:
    from workgroup_app.domain.access import SignInError
    from workgroup_app.services import users

    # Nine wrong passwords a minute apart, the last one now: the account waits a minute.
    start = datetime.now(UTC)
    context = open_store(store)
    try:
        for minutes_ago in range(8, -1, -1):
            with pytest.raises(SignInError):
                users.sign_in(context.uow(), PROSECUTOR, "not-the-password",
                              now=start - timedelta(seconds=61 * minutes_ago))
    finally:
        context.close()
    waiting = run(store, "--user", PROSECUTOR, "agencies", "list", stdin=lines(PROSECUTOR_PW))
    assert_user_error(waiting, "Too many wrong passwords: wait")  # even the right one waits

    # The tenth wrong password, once the wait is over, locks the account for 15 minutes.
    context = open_store(store)
    try:
        with pytest.raises(SignInError, match="locked"):
            users.sign_in(context.uow(), PROSECUTOR, "not-the-password",
                          now=start + timedelta(seconds=61))
    finally:
        context.close()
    assert_user_error(run(store, "--user", PROSECUTOR, "agencies", "list",
                          stdin=lines(PROSECUTOR_PW)), "The account is locked", "minutes")
    listed = as_admin(store, "user", "list")
    assert listed.code == 0, listed
    rows = {line.split()[0]: line for line in listed.out.splitlines()[2:]}
    assert "Administrator" in rows[ADMIN] and "must change the password" in rows[NEWBIE]
    assert "locked until" in rows[PROSECUTOR]
    unlocked = as_admin(store, "user", "unlock", PROSECUTOR)
    assert unlocked.code == 0 and "kovalev is unlocked" in unlocked.out, unlocked
    back = run(store, "--user", PROSECUTOR, "agencies", "list", stdin=lines(PROSECUTOR_PW))
    assert back.code == 0 and "УВД" in back.out, back


def test_a_password_the_administrator_set_must_be_changed_before_anything_else(
        store: Path) -> None:
    before = data_dump(store)
    refused = run(store, "--user", NEWBIE, "agencies", "add", "--name", "Минздрав", "--kind",
                  "other", stdin=lines(NEWBIE_PW))
    assert_user_error(refused, "choose your own first", "workgroup --user newbie user passwd")
    assert data_dump(store) == before
    # The password just given to sign in is the current one: only the new one is asked, twice.
    assert_user_error(run(store, "--user", NEWBIE, "user", "passwd",
                          stdin=lines(NEWBIE_PW, "short", "short")), "at least 10 characters")
    changed = run(store, "--user", NEWBIE, "user", "passwd",
                  stdin=lines(NEWBIE_PW, "secretary-own-1", "secretary-own-1"))
    assert changed.code == 0 and "Your password is changed." in changed.out, changed
    me = run(store, "--user", NEWBIE, "user", "whoami", stdin=lines("secretary-own-1"))
    assert me.code == 0 and "Secretary" in me.out and "Иванова Анна Сергеевна" in me.out, me


def test_the_administrator_resets_a_password_and_changes_a_role(store: Path) -> None:
    reset = as_admin(store, "user", "passwd", PROSECUTOR,
                     stdin=lines("reset-by-admin-1", "reset-by-admin-1"))
    assert reset.code == 0 and "The password of kovalev is reset." in reset.out, reset
    assert_user_error(run(store, "--user", PROSECUTOR, "agencies", "list",
                          stdin=lines("reset-by-admin-1")), "choose your own first")

    promoted = as_admin(store, "user", "role", OBSERVER, "Secretary")  # any case
    assert promoted.code == 0 and "watcher is now Secretary." in promoted.out, promoted
    me = run(store, "--user", OBSERVER, "--json", "user", "whoami", stdin=lines(OBSERVER_PW))
    assert me.json()["role"] == "secretary", me
    assert_user_error(as_admin(store, "user", "role", ADMIN, "observer"),
                      "last active administrator")
    assert run(store, "--user", ADMIN, "user", "role", OBSERVER, "chief").code == 2  # usage


def test_an_observer_is_refused_every_change_and_the_store_stays_as_it_was(
        store: Path) -> None:
    before = data_dump(store)
    env = {"WORKGROUP_PASSWORD": OBSERVER_PW}
    meeting = run(store, "--user", OBSERVER, "meetings", "add", "--workgroup", OFFICE_GROUP,
                  "--date", "2026-09-01", env=env)
    assert_user_error(meeting, "Your role (Observer) may not change meetings.")
    # Refused before a password for the new account is asked: none is given here.
    assert_user_error(run(store, "--user", OBSERVER, "user", "add", "spy", "--role",
                          "administrator", env=env), "may not manage user accounts")
    russian = run(store, "--user", OBSERVER, "agencies", "delete", "УВД", env=env, lang="ru")
    assert_user_error(russian, "Ошибка: ", "Наблюдатель")
    assert data_dump(store) == before
    reads = run(store, "--user", OBSERVER, "meetings", "list", env=env)
    assert reads.code == 0 and OFFICE_GROUP in reads.out, reads


def test_login_keeps_a_session_in_the_keyring_until_logout(store: Path, tmp_path: Path
                                                           ) -> None:
    keyring = {"PYTHON_KEYRING_BACKEND": FILE_KEYRING,
               "WORKGROUP_TEST_KEYRING": str(tmp_path / "keyring.json")}
    assert_user_error(run(store, "--user", PROSECUTOR, "login", stdin=lines(PROSECUTOR_PW)),
                      "no system keyring")  # the tests' default: no keyring at all
    login = run(store, "--user", PROSECUTOR, "login", stdin=lines(PROSECUTOR_PW), env=keyring)
    assert login.code == 0 and "Signed in as kovalev (Prosecutor) until" in login.out, login
    assert PROSECUTOR_PW not in (tmp_path / "keyring.json").read_text()  # a token, not it
    # No password on standard input: the kept session signs the command in.
    added = run(store, "--user", PROSECUTOR, "agencies", "add", "--name", "Минздрав",
                "--kind", "other", env=keyring)
    assert added.code == 0 and "Минздрав" in added.out, added
    out = run(store, "--user", PROSECUTOR, "logout", env=keyring)
    assert out.code == 0 and "forgotten" in out.out, out
    assert_user_error(run(store, "--user", PROSECUTOR, "agencies", "list", env=keyring),
                      "The password of kovalev is needed")
