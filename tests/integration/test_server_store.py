"""A store on a PostgreSQL server (the office server, issue 8): the URL users type, and no
password in anything shown. The services on PostgreSQL are the suites marked both_databases."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.support import assert_user_error, build_office, run_cli
from tests.databases import postgres_database
from tests.helpers import dump
from workgroup_app.domain.errors import StoreError
from workgroup_app.storage.database import open_store, server_account, shown_url, to_url


def test_a_plain_postgresql_url_goes_through_psycopg_3() -> None:
    assert to_url("postgresql://me:pw@db.office/workgroup") == \
        "postgresql+psycopg://me:pw@db.office/workgroup"
    assert to_url("postgres://me@db.office/wg") == "postgresql+psycopg://me@db.office/wg"
    assert to_url("postgresql+psycopg://me@h/wg") == "postgresql+psycopg://me@h/wg"


def test_a_server_that_does_not_answer_is_one_message_without_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://clerk:s3cret-word@127.0.0.1:9/workgroup")
    message = str(caught.value)
    assert "s3cret-word" not in message
    assert "clerk:***@127.0.0.1:9/workgroup" in message
    assert shown_url("postgresql+psycopg://clerk:s3cret-word@h/wg") == \
        "postgresql+psycopg://clerk:***@h/wg"


def test_the_cli_creates_and_uses_a_store_on_the_server() -> None:
    with postgres_database() as url:
        plain = url.replace("postgresql+psycopg://", "postgresql://")
        password = url.split("@")[0].rsplit(":", 1)[-1]
        made = run_cli(plain, "--json", "init")
        assert made.code == 0, made
        assert f":{password}@" not in made.out
        assert made.json()["revision"] and ":***@" in made.json()["location"]
        added = run_cli(plain, "agencies", "add", "--name", "УВД облисполкома",
                        "--short-name", "УВД", "--kind", "internal_affairs")
        assert added.code == 0, added
        listed = run_cli(plain, "--json", "agencies", "list")
        assert [a["name"] for a in listed.json()] == ["УВД облисполкома"]


def test_an_office_moves_to_the_server_and_back_whole(tmp_path: Path) -> None:
    original = tmp_path / "office.sqlite"
    build_office(original)
    back = tmp_path / "back.sqlite"
    with postgres_database() as url:
        server = run_cli(original, "--json", "db", "copy", "--to", url)
        # The template database already holds a migrated, empty store: the copy goes in.
        assert server.code == 0, server
        report = server.json()
        assert report["rows"]["meeting"] == 1 and report["rows"]["agency"] == 3
        assert ":***@" in report["target"]
        again = run_cli(original, "db", "copy", "--to", url)
        assert_user_error(again, "already holds data", "Nothing was copied")
        returned = run_cli(None, "db", "copy", "--from", url, "--to", str(back))
        assert returned.code == 0, returned
        assert "checked" in returned.out
        listed = run_cli(url, "--json", "meetings", "list")
        assert listed.code == 0 and len(listed.json()) == 1
    # Every row of every table, the office's identity and clocks included, whatever order
    # the databases kept them in.
    assert sorted(dump(back).splitlines()) == sorted(dump(original).splitlines())


def test_a_copy_onto_a_database_with_data_changes_nothing(tmp_path: Path) -> None:
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    build_office(first)
    build_office(second)
    before = dump(second)
    refused = run_cli(first, "db", "copy", "--to", str(second))
    assert_user_error(refused, "already holds data")
    assert dump(second) == before
    assert_user_error(run_cli(first, "db", "copy", "--to", str(first)), "onto itself")


def test_a_server_password_is_looked_up_by_user_host_and_database() -> None:
    assert server_account("postgresql+psycopg://clerk@db.office/wg") == \
        "database:clerk@db.office:5432/wg"
    assert server_account("postgresql+psycopg://clerk@db.office:6543/wg") == \
        "database:clerk@db.office:6543/wg"
    # A URL with its password, without a user, or not a server's needs no lookup.
    assert server_account("postgresql+psycopg://clerk:pw@db.office/wg") is None
    assert server_account("postgresql+psycopg://db.office/wg") is None
    assert server_account("sqlite:////tmp/store.sqlite") is None


def test_the_cli_keeps_the_server_password_in_the_keyring_only(tmp_path: Path) -> None:
    ring = tmp_path / "keyring.json"
    keyring = {"PYTHON_KEYRING_BACKEND": "tests.keyring_backend.FileKeyring",
               "WORKGROUP_TEST_KEYRING": str(ring)}
    with postgres_database() as url:
        password = url.split("@")[0].rsplit(":", 1)[-1]
        bare = url.replace(f":{password}@", "@")
        wrong = run_cli(bare, "db", "password", env={**keyring,
                                                       "WORKGROUP_DB_PASSWORD": "not it"})
        assert_user_error(wrong, "Cannot open the database")
        assert not ring.exists() or "database:" not in ring.read_text()
        kept = run_cli(bare, "db", "password", env={**keyring,
                                                      "WORKGROUP_DB_PASSWORD": password})
        assert kept.code == 0 and "kept in the keyring" in kept.out, kept
        assert f":{password}@" not in kept.out
        # Commands now open the server store with the URL alone.
        made = run_cli(bare, "--json", "init", env=keyring)
        assert made.code == 0, made
        forgotten = run_cli(bare, "db", "password", "--forget", env=keyring)
        assert forgotten.code == 0, forgotten
        assert "database:" not in ring.read_text()
        refused = run_cli(bare, "agencies", "list",
                          env={**keyring, "PGPASSFILE": str(tmp_path / "none")})
        assert_user_error(refused, "Cannot open the database")
