"""`workgroup db use`: the store this computer opens when --db is not given, shared with the
application's File → Connect to a store… (issue 8), never with a password in it."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import make_url

from tests.cli.support import assert_user_error, run_cli
from tests.databases import postgres_database
from workgroup_app.config import AppConfig, saved_database


def test_a_chosen_file_is_opened_without_db_until_forgotten(tmp_path: Path) -> None:
    office = tmp_path / "office.sqlite"
    assert run_cli(office, "init").code == 0
    assert run_cli(office, "agencies", "add", "--name", "УВД").code == 0
    chosen = run_cli(None, "db", "use", str(office))
    assert chosen.code == 0, chosen
    assert saved_database() == str(office.resolve())
    assert AppConfig.build().database == str(office.resolve())  # the application's too
    listed = run_cli(None, "--json", "agencies", "list")
    assert [a["name"] for a in listed.json()] == ["УВД"]
    assert str(office.resolve()) in run_cli(None, "db", "use").out

    assert run_cli(None, "db", "use", "--forget").code == 0
    assert saved_database() is None
    # The default store again, which this computer has not made.
    assert_user_error(run_cli(None, "agencies", "list"), "workgroup.sqlite")


def test_a_password_or_a_missing_file_is_refused_and_nothing_is_saved(tmp_path: Path) -> None:
    with_password = run_cli(None, "db", "use", "postgresql://clerk:s3cret@db.office/wg")
    assert_user_error(with_password, "without the password")
    assert "s3cret" not in with_password.err
    assert_user_error(run_cli(None, "db", "use", str(tmp_path / "none.sqlite")),
                      "There is no database")
    assert saved_database() is None


def test_a_server_is_checked_then_chosen_and_opened() -> None:
    with postgres_database() as url:
        parts = make_url(url)
        plain = url.replace(f":{parts.password}@", "@")
        env = {"PGPASSWORD": parts.password or ""}
        assert run_cli(plain, "init", env=env).code == 0
        chosen = run_cli(None, "db", "use", plain, env=env)
        assert chosen.code == 0, chosen
        assert saved_database() == plain
        added = run_cli(None, "agencies", "add", "--name", "Таможня", env=env)
        assert added.code == 0, added
        assert [a["name"] for a in run_cli(url, "--json", "agencies", "list").json()] == [
            "Таможня"]
        run_cli(None, "db", "use", "--forget")
    assert not os.environ.get("PGPASSWORD")
