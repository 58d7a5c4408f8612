"""Bad input: exit 1, exactly one line on stderr, and the store exactly as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.support import OFFICE_GROUP, Cli, assert_user_error, run_cli
from tests.helpers import dump, file_digest

M = "{meeting}"  # replaced by the id of the office's meeting (No. 1 of 2026, two items)

CASES = {
    "empty name": (["agencies", "add", "--name", "  "], "Agency name must not be empty"),
    "over-long name": (["agencies", "edit", "УВД", "--name", "Я" * 301],
                       "too long: 301 characters"),
    "taken meeting number": (["meetings", "add", "--workgroup", OFFICE_GROUP, "--date",
                              "2026-09-01", "--number", "1"],
                             "Meeting No. 1 of 2026 already exists"),
    "impossible date": (["meetings", "add", "--workgroup", OFFICE_GROUP, "--date", "2026-02-30"],
                        "'2026-02-30' is not a valid date"),
    "impossible deadline": (["meetings", "add-decision", M, "1", "--text", "Решено.", "--due",
                             "31.02.2026"], "'31.02.2026' is not a valid date"),
    "agency still in use": (["agencies", "delete", "увд"], "people still belong to it"),
    "unknown agency": (["people", "add", "--name", "Новиков", "--agency", "Минздрав"],
                       "No agency matches 'Минздрав'"),
    "unknown meeting": (["meetings", "show", "0000"], "No meeting matches '0000'"),
    "ambiguous person": (["people", "show", "козлов андрей павлович"], "matches 2 people"),
    "membership ends before it starts": (
        ["workgroups", "add-member", OFFICE_GROUP, "Сидоров Олег Игоревич", "--since",
         "2026-05-01", "--until", "2026-01-01"], "cannot end (2026-01-01) before it starts"),
    "first item up": (["meetings", "move-item", M, "1", "up"], "already the first"),
    "no such item": (["meetings", "add-speech", M, "3", "--heard", "--speaker", "Петров",
                      "--text", "…"], "no agenda item 3 (it has 2)"),
    "untitled item": (["meetings", "add-item", M, "--title", " "], "has no title"),
    "bad time": (["meetings", "edit", M, "--time", "25:61"], "'25:61' is not a valid time"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_changes_nothing(case: str, cli: Cli, office: dict[str, str],
                                   db_path: Path) -> None:
    args, message = CASES[case]
    before = dump(db_path)
    result = cli(*(office["meeting"] if arg == M else arg for arg in args))
    assert_user_error(result, message)
    assert result.err.startswith("Error: ")
    assert dump(db_path) == before


def test_a_text_file_is_not_a_database_and_stays_as_it_was(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Протокол № 1\n", encoding="utf-8")
    before = file_digest(text)
    for command in (["agencies", "list"], ["init"]):
        assert_user_error(run_cli(text, *command), "is not a Workgroup database")
    assert file_digest(text) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_database_of_a_newer_version_is_refused_and_left_alone(cli: Cli, office: dict[str, str],
                                                                db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = dump(db_path), file_digest(db_path)
    # Neither reading nor an explicit upgrade touches it.
    for command in (["agencies", "list"], ["db", "upgrade"]):
        assert_user_error(cli(*command), "made by a newer version of Workgroup (schema 9999)")
    assert (dump(db_path), file_digest(db_path)) == before
