"""`workgroup db encrypt|decrypt|rekey` and the passphrase of an encrypted store, run as a user
runs them (subprocess): the store opens with WORKGROUP_DB_PASSPHRASE or the keyring's key; a
wrong or missing passphrase is one line on stderr, exit 1, the file untouched."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli.support import Cli, assert_user_error, run_cli
from tests.helpers import file_digest
from workgroup_app.storage import encryption as files

pytestmark = pytest.mark.skipif(not files.available(), reason="sqlcipher3 is not installed")

PASSPHRASE = "Ключ от всех дверей 42"
OTHER = "another passphrase, longer"


def plain(path: Path) -> bool:
    return path.read_bytes()[:16] == files.SQLITE_MAGIC


def with_passphrase(value: str) -> dict[str, str]:
    return {"WORKGROUP_DB_PASSPHRASE": value}


def test_encrypt_with_a_passphrase_then_work_rekey_and_decrypt(cli: Cli, office: dict[str, str],
                                                               db_path: Path) -> None:
    listing = cli("agencies", "list")
    assert listing.code == 0 and listing.out.count("\n") > 2, listing

    done = cli("db", "encrypt", "--passphrase", env=with_passphrase(PASSPHRASE))
    assert done.code == 0 and "encrypted with your passphrase" in done.out, done
    assert not plain(db_path)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_path).execute("SELECT count(*) FROM agency").fetchone()

    # Every command opens it with the passphrase, and shows the same data.
    assert cli("agencies", "list", env=with_passphrase(PASSPHRASE)).out == listing.out
    shown = cli("init", env=with_passphrase(PASSPHRASE))
    assert "Encryption  on (passphrase)" in shown.out, shown
    check = cli("db", "check", env=with_passphrase(PASSPHRASE))
    assert check.code == 0 and check.out.splitlines()[-1].split() == ["Result", "OK"], check

    rekeyed = cli("--json", "db", "rekey", "--passphrase",
                  env={**with_passphrase(PASSPHRASE), "WORKGROUP_DB_NEW_PASSPHRASE": OTHER})
    assert rekeyed.code == 0 and rekeyed.json() == {"encrypted": True, "key": "passphrase"}
    assert_user_error(cli("agencies", "list", env=with_passphrase(PASSPHRASE)), "does not open")
    assert cli("agencies", "list", env=with_passphrase(OTHER)).out == listing.out

    back = cli("db", "decrypt", env=with_passphrase(OTHER))
    assert back.code == 0 and "no longer encrypted" in back.out, back
    assert plain(db_path) and cli("agencies", "list").out == listing.out


def test_a_wrong_or_missing_passphrase_is_one_line_and_changes_nothing(
        cli: Cli, office: dict[str, str], db_path: Path) -> None:
    assert cli("db", "encrypt", "--passphrase", env=with_passphrase(PASSPHRASE)).code == 0
    before = file_digest(db_path)
    for command in (["agencies", "list"], ["db", "decrypt"], ["init"]):
        wrong = cli(*command, env=with_passphrase("not the passphrase"))
        assert_user_error(wrong, "does not open 'store.sqlite'", "Nothing was changed")
        assert str(db_path.parent) not in wrong.err and "sqlcipher" not in wrong.err.lower()
        missing = cli(*command)  # no terminal to type it: the variable is named
        assert_user_error(missing, "'store.sqlite' is encrypted", "WORKGROUP_DB_PASSPHRASE")
    assert file_digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_refusals_of_the_commands_change_nothing(cli: Cli, office: dict[str, str],
                                                 db_path: Path) -> None:
    before = file_digest(db_path)
    assert_user_error(cli("db", "decrypt"), "The store is not encrypted")
    assert_user_error(cli("db", "rekey"), "The store is not encrypted")
    # The suite has no keyring: the key cannot be kept, a passphrase is needed.
    assert_user_error(cli("db", "encrypt"), "no system keyring", "--passphrase")
    assert_user_error(cli("db", "encrypt", "--passphrase", env=with_passphrase("short")),
                      "at least 8 characters")
    assert_user_error(cli("db", "encrypt", "--passphrase"), "WORKGROUP_DB_PASSPHRASE")
    assert file_digest(db_path) == before


def test_with_a_keyring_the_key_is_kept_there(tmp_path: Path, office: dict[str, str],
                                              db_path: Path) -> None:
    ring = tmp_path / "keyring.json"
    keyring = {"PYTHON_KEYRING_BACKEND": "tests.keyring_backend.FileKeyring",
               "WORKGROUP_TEST_KEYRING": str(ring), "WORKGROUP_DB_ENCRYPTION": "auto"}
    listing = run_cli(db_path, "agencies", "list")
    done = run_cli(db_path, "db", "encrypt", env=keyring)
    assert done.code == 0 and "kept in this computer's keyring" in done.out, done
    salt = db_path.read_bytes()[:16].hex()
    assert f"workgroup\nstore-key:{salt}" in json.loads(ring.read_text(encoding="utf-8"))
    assert run_cli(db_path, "agencies", "list", env=keyring).out == listing.out
    assert_user_error(run_cli(db_path, "agencies", "list"), "is encrypted")  # no keyring

    # A new store is encrypted by default where a keyring exists.
    new = tmp_path / "new.sqlite"
    made = run_cli(new, "init", env=keyring)
    assert "Encryption  on (the key is in this computer's keyring)" in made.out, made
    assert not plain(new)


def test_only_the_administrator_may_encrypt_a_store_with_accounts(
        cli: Cli, office: dict[str, str], db_path: Path) -> None:
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig
    from workgroup_app.domain.access import Role
    from workgroup_app.services import users

    context = open_context(AppConfig.build(database=str(db_path)))
    admin = users.create_first_administrator(context.uow(), "admin", "Админ", "Admin-pass-2024")
    users.add_user(context.uow(), admin, "watcher", "Наблюдатель", Role.OBSERVER.value,
                   "Watcher-pass-2024")
    observer = users.sign_in(context.uow(), "watcher", "Watcher-pass-2024")
    users.change_own_password(context.uow(), observer, "Watcher-pass-2024", "Watcher-own-2024")
    context.close()
    watcher = {"WORKGROUP_PASSWORD": "Watcher-own-2024"}
    before = cli("--user", "watcher", "agencies", "list", env=watcher).out
    refused = cli("--user", "watcher", "db", "encrypt", "--passphrase",
                  env={**watcher, **with_passphrase(PASSPHRASE)})
    assert_user_error(refused, "may not")
    # (The sign-in itself is recorded in the store; the store stays plain, its data as it was.)
    assert plain(db_path) and cli("--user", "watcher", "agencies", "list", env=watcher).out \
        == before
    done = cli("--user", "admin", "db", "encrypt", "--passphrase",
               env={"WORKGROUP_PASSWORD": "Admin-pass-2024", **with_passphrase(PASSPHRASE)})
    assert done.code == 0, done
    assert not plain(db_path)
