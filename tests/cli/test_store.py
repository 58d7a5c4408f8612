"""`workgroup init`, `demo`, `db …`, the global options and the exit codes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.support import Cli, assert_user_error, run_cli
from tests.helpers import dump
from workgroup_app.storage.migrate import head


def test_init_creates_the_store_once(cli: Cli, db_path: Path) -> None:
    first = cli("init")
    assert first.code == 0 and db_path.exists(), first
    assert str(db_path) in first.out and "(created)" in first.out
    office_id = first.out.split("Office id")[1].split()[0]
    again = cli("--json", "init").json()
    assert again == {"location": str(db_path), "office_id": office_id, "revision": head(),
                     "created": False}
    assert cli("agencies", "list").out.strip() == "Nothing found."


def test_commands_other_than_init_do_not_create_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite"
    assert_user_error(run_cli(missing, "meetings", "list"), "create it with 'workgroup init'")
    assert not missing.exists()
    # WORKGROUP_DB stands for --db.
    assert run_cli(None, "init", env={"WORKGROUP_DB": str(missing)}).code == 0
    assert missing.exists()


def test_db_check_backup_and_upgrade(cli: Cli, office: dict[str, str], db_path: Path,
                                     tmp_path: Path) -> None:
    check = cli("db", "check")
    assert check.code == 0 and check.out.splitlines()[-1].split() == ["Result", "OK"], check
    copy = tmp_path / "backup" / "copy.sqlite"
    copy.parent.mkdir()
    backup = cli("db", "backup", str(copy))
    assert backup.code == 0 and str(copy) in backup.out, backup
    report = run_cli(copy, "--json", "db", "check")
    assert report.code == 0 and report.json()["ok"] is True, report
    assert dump(copy) == dump(db_path)
    upgrade = cli("--json", "db", "upgrade")
    assert upgrade.json() == {"from": head(), "to": head()}, upgrade
    assert_user_error(cli("db", "backup", str(tmp_path / "nowhere" / "copy.sqlite")),
                      "does not exist")


def test_db_check_reports_a_broken_reference(cli: Cli, office: dict[str, str],
                                             db_path: Path) -> None:
    connection = sqlite3.connect(db_path)  # foreign keys are off in a plain connection
    connection.execute("UPDATE person SET agency_id = 'gone' WHERE id = ?", (office["chair"],))
    connection.commit()
    connection.close()
    result = cli("db", "check")
    assert result.code == 1 and "PROBLEMS FOUND" in result.out, result
    assert len(result.err_lines) == 1 and "Foreign key problems  1" in result.out


def test_usage_errors_exit_2(cli: Cli) -> None:
    unknown = cli("agencies", "frobnicate")
    assert unknown.code == 2 and "No such command 'frobnicate'" in unknown.err, unknown
    missing = cli("meetings", "add", "--date", "2026-01-01")
    assert missing.code == 2 and "Missing option '--workgroup'" in missing.err, missing
    assert unknown.out == missing.out == ""


def test_russian_messages(cli: Cli, office: dict[str, str]) -> None:
    error = cli("--lang", "ru", "agencies", "show", "Минздрав")
    assert_user_error(error, "Ошибка: Орган «Минздрав» не найден.")
    protocol = cli("meetings", "show", office["meeting"], lang="ru")  # WORKGROUP_LANG=ru
    assert protocol.code == 0, protocol
    for expected in ("ПРОТОКОЛ № 1", "12.03.2026 10:00", "ПОВЕСТКА ДНЯ:", "РЕШИЛИ:",
                     "Ответственный: УВД Гродненского облисполкома; Срок: 30.04.2026"):
        assert expected in protocol.out, protocol


def test_an_unexpected_error_is_one_line_unless_debugging(tmp_path: Path) -> None:
    url = "nosuchdialect://host/db"
    plain = run_cli(url, "agencies", "list")
    assert_user_error(plain, "internal error: ")
    debug = run_cli(url, "agencies", "list", env={"WORKGROUP_DEBUG": "1"})
    assert debug.code == 1 and "Traceback (most recent call last)" in debug.err, debug


def test_demo_fills_an_empty_store_only(cli: Cli, db_path: Path) -> None:
    pytest.importorskip("workgroup_app.services.demo")
    seeded = cli("--json", "demo")
    assert seeded.code == 0, seeded
    counts = seeded.json()
    assert counts["meetings"] > 0 and counts["agencies"] > 0
    assert len(cli("--json", "meetings", "list", "--limit", "5000").json()) == counts["meetings"]
    before = dump(db_path)
    assert_user_error(cli("demo"), "already has data")
    assert dump(db_path) == before
