"""A store on a PostgreSQL server (the office server, issue 8): the URL users type, and no
password in anything shown. The services on PostgreSQL are the suites marked both_databases."""

from __future__ import annotations

import pytest

from tests.cli.support import run_cli
from tests.databases import postgres_database
from workgroup_app.domain.errors import StoreError
from workgroup_app.storage.database import open_store, shown_url, to_url


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
