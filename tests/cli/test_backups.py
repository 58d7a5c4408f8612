"""`workgroup db backup`, `db backups` and `db restore` as a user runs them: a checked copy,
the automatic backups listed, a restore with --yes, and each refusal one line, exit 1, the
store byte for byte as it was."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.cli.support import Cli, assert_user_error, run_cli
from tests.helpers import dump, file_digest
from workgroup_app.bootstrap import open_context
from workgroup_app.config import AppConfig
from workgroup_app.services import users

AUTO = {"WORKGROUP_AUTO_BACKUP": "1"}


def backups_folder() -> Path:
    return Path(os.environ["WORKGROUP_DATA_DIR"]) / "backups"


def agency_names(cli: Cli) -> list[str]:
    return sorted(a["name"] for a in cli("--json", "agencies", "list").json())


def state_of(path: Path) -> tuple[str, ...]:
    """The store's files byte for byte (an empty journal is as good as none)."""
    return tuple(file_digest(p) if p.exists() and p.stat().st_size else "-" for p in
                 (path, path.with_name(path.name + "-wal")))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial" in p.name)


def test_db_backup_writes_a_checked_single_file_copy(cli: Cli, office: dict[str, str],
                                                     db_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    result = cli("db", "backup", str(copy))
    assert result.code == 0 and result.out.strip() == f"Backup written to {copy}.", result
    assert dump(copy) == dump(db_path)
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not copy.with_name(copy.name + "-wal").exists()
    assert_user_error(cli("db", "backup", str(db_path)), "cannot overwrite the database")


def test_db_backups_lists_the_automatic_ones_and_sets_how_many(cli: Cli, office: dict[str, str],
                                                               db_path: Path) -> None:
    empty = cli("--json", "db", "backups").json()
    assert empty == {"folder": str(backups_folder()), "keep": 10, "automatic": False,
                     "backups": []}  # WORKGROUP_AUTO_BACKUP=0 in the tests
    assert "off on this computer" in cli("db", "backups").out
    assert cli("agencies", "list", env=AUTO).code == 0  # the first use today: a daily backup
    listed = cli("--json", "db", "backups", env=AUTO).json()
    assert listed["automatic"] is True and len(listed["backups"]) == 1
    [daily] = listed["backups"]
    assert daily["reason"] == "daily" and Path(daily["file"]).parent == backups_folder()
    assert dump(Path(daily["file"])) == dump(db_path)
    text = cli("db", "backups", "--keep", "3", env=AUTO)
    assert text.code == 0, text
    assert "the newest 3 are kept" in text.out and Path(daily["file"]).name in text.out
    assert "daily" in text.out
    assert cli("--json", "db", "backups").json()["keep"] == 3
    assert_user_error(cli("db", "backups", "--keep", "-1"), "between 0 and 1000")
    russian = cli("db", "backups", lang="ru", env=AUTO)
    assert "хранятся 3 последних" in russian.out and "ежедневная" in russian.out, russian


def test_db_restore_yes_puts_this_offices_backup_back(cli: Cli, office: dict[str, str],
                                                      db_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    assert cli("db", "backup", str(copy)).code == 0
    before = agency_names(cli)
    assert cli("agencies", "add", "--name", "Новая служба").code == 0
    assert "Новая служба" in agency_names(cli)
    result = cli("--json", "db", "restore", str(copy), "--yes")
    assert result.code == 0, result
    done = result.json()
    assert done["restored"] == str(copy)
    kept = Path(done["previous_store"])
    assert kept.parent == backups_folder() and kept.name.endswith("-before-restore.sqlite")
    assert agency_names(cli) == before
    assert "Новая служба" in [r[0] for r in sqlite3.connect(kept).execute(
        "SELECT name FROM agency")]
    assert cli("db", "check").code == 0
    assert leftovers(db_path.parent) == []
    listed = cli("db", "backups")
    assert "before a restore" in listed.out, listed
    # In words, too.
    again = cli("db", "restore", str(copy), "--yes")
    assert again.code == 0 and again.out.startswith("The store is restored from the backup of")


def test_db_restore_refusals_are_one_line_and_change_nothing(cli: Cli, office: dict[str, str],
                                                             db_path: Path,
                                                             tmp_path: Path) -> None:
    other = tmp_path / "other" / "store.sqlite"
    other.parent.mkdir()
    assert run_cli(other, "init").code == 0
    assert run_cli(other, "agencies", "add", "--name", "Чужая служба").code == 0
    foreign = tmp_path / "foreign.sqlite"
    assert run_cli(other, "db", "backup", str(foreign)).code == 0
    other_id = run_cli(other, "--json", "init").json()["office_id"]
    text = tmp_path / "notes.sqlite"
    text.write_text("not a store\n" * 500, encoding="utf-8")
    own = tmp_path / "own.sqlite"
    assert cli("db", "backup", str(own)).code == 0
    before = state_of(db_path)
    cases = [
        ((str(foreign), "--yes"), "another office's store"),
        ((str(text), "--yes"), "is not a Workgroup store"),
        ((str(tmp_path / "missing.sqlite"), "--yes"), "There is no file"),
        ((str(db_path), "--yes"), "is the store itself"),
        ((str(own),), "without a terminal to ask on, give --yes"),  # stdin is no terminal
    ]
    for args, fragment in cases:
        result = cli("db", "restore", *args)
        assert_user_error(result, fragment)
        assert other_id not in result.err and other_id[:8] not in result.err
        assert state_of(db_path) == before, args
        assert leftovers(db_path.parent) == []
    assert not backups_folder().exists()  # no backup of the store was taken for any
    russian = cli("db", "restore", str(foreign), "--yes", lang="ru")
    assert_user_error(russian, "другого ведомства")


@pytest.fixture
def accounts(office: dict[str, str], db_path: Path) -> None:
    """The demo accounts in this office's store (one per role, password DEMO_PASSWORD)."""
    context = open_context(AppConfig.build(database=str(db_path), language="en"))
    users.ensure_demo_accounts(context.uow())
    context.close()


def test_db_restore_needs_an_administrator(cli: Cli, accounts: None, db_path: Path,
                                           tmp_path: Path) -> None:
    password = {"WORKGROUP_PASSWORD": users.DEMO_PASSWORD}
    copy = tmp_path / "copy.sqlite"
    assert cli("--user", "admin", "db", "backup", str(copy), env=password).code == 0
    added = cli("--user", "prosecutor", "agencies", "add", "--name", "После копии",
                env=password)
    assert added.code == 0, added
    for role in ("prosecutor", "secretary", "head", "observer"):
        refused = cli("--user", role, "db", "restore", str(copy), "--yes", env=password)
        assert_user_error(refused, "may not")
        assert leftovers(db_path.parent) == []
        assert_user_error(cli("--user", role, "db", "backups", "--keep", "2", env=password),
                          "may not")
    listed = cli("--user", "observer", "--json", "agencies", "list", env=password)
    assert "После копии" in [a["name"] for a in listed.json()]  # not restored
    assert not backups_folder().exists()  # nor was the store backed up for a restore
    done = cli("--user", "admin", "db", "restore", str(copy), "--yes", env=password)
    assert done.code == 0, done
    listed = cli("--user", "observer", "--json", "agencies", "list", env=password)
    assert "После копии" not in [a["name"] for a in listed.json()]
