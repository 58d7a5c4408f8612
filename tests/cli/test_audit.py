"""`workgroup audit list|export|verify` in a subprocess: the trail newest first with readable
labels, its filters, every matching entry written to PDF and XLSX and read back, the chain
verified (exit 0) and, after a hand edit of the SQLite file, the first broken link named
(exit 3); bad input in one line, changing nothing."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.cli.support import SERVER_TEMPLATES, Cli, assert_user_error, on_server
from tests.cli.test_minutes import in_process
from tests.helpers import dump, execute, rows

PASSWORD = "correct horse battery"

pytestmark = pytest.mark.both_databases


@pytest.fixture(scope="session")
def history_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("audit") / "history.sqlite"
    return path, build_history(path)


@pytest.fixture
def history(request: pytest.FixtureRequest, db_path: Path | str) -> dict[str, str]:
    """This test's store is a fresh copy of the history; returns its ids."""
    if isinstance(db_path, str):  # a PostgreSQL database, copied from the history already
        return on_server("history")[1]
    template, ids = request.getfixturevalue("history_template")
    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, db_path.with_name(db_path.name + suffix))
    return ids


def build_history(db_path: Path | str) -> dict[str, str]:
    """A store with accounts (made once: argon2 takes its time): the administrator made
    themself, a prosecutor and an observer (entries 1-3), who chose their passwords (4-5);
    the prosecutor created, renamed and deleted the police (6-8) and made the customs (9)."""
    from workgroup_app.domain.access import Role
    from workgroup_app.domain.actor import Actor
    from workgroup_app.domain.entities import Agency
    from workgroup_app.domain.enums import AgencyKind
    from workgroup_app.services import directory, users

    with in_process(db_path) as context:
        admin = users.create_first_administrator(context.uow(), "admin", "Иванов", PASSWORD)
        users.add_user(context.uow(), admin, "pro", "Петров", "prosecutor", PASSWORD)
        users.add_user(context.uow(), admin, "eye", "Сидоров", "observer", PASSWORD)
        # Accounts the administrator makes must change their password first: these do.
        for name in ("pro", "eye"):
            users.change_own_password(context.uow(), Actor(name, Role.OBSERVER), PASSWORD,
                                      PASSWORD + " 2")
        pro = Actor("pro", Role.PROSECUTOR)
        police = directory.save_agency(context.uow(), pro, Agency(
            "УВД", "УВД", AgencyKind.INTERNAL_AFFAIRS))
        directory.save_agency(context.uow(), pro, Agency(
            "УВД облисполкома", "УВД", AgencyKind.INTERNAL_AFFAIRS, id=police.id))
        directory.delete_agency(context.uow(), pro, police.id)
        customs = directory.save_agency(context.uow(), pro, Agency(
            "Таможня", "=1+1", AgencyKind.CUSTOMS))
    return {"police": police.id, "customs": customs.id}


@pytest.fixture
def audit(cli: Cli) -> Cli:
    """``audit("list")`` runs `workgroup --user eye audit list` as the observer: every role
    may read the trail."""
    def run(*args: str, lang: str = "en") -> object:
        return cli("--user", "eye", "audit", *args, lang=lang,
                   env={"WORKGROUP_PASSWORD": PASSWORD + " 2"})
    return run


def _entries(audit: Cli, *args: str) -> tuple[int, list[dict[str, object]]]:
    result = audit("list", "--json", *args)
    assert result.code == 0, result
    data = result.json()
    return data["total"], data["entries"]


def test_list_shows_the_newest_first_in_words(audit: Cli, history: dict[str, str]) -> None:
    result = audit("list", "--limit", "3")
    assert result.code == 0, result
    header, rule, newest, deleted, renamed = result.out.splitlines()[:5]
    for title in ("Time", "Office", "User", "Role", "Record kind", "Operation", "Changes"):
        assert title in header
    assert set(rule) == {"-", " "}
    assert "Agency" in newest and "created" in newest and history["customs"] in newest
    assert "deleted" in deleted and "deleted: no → yes" in deleted
    assert "changed" in renamed and "name: УВД → УВД облисполкома" in renamed
    assert "Prosecutor" in renamed and "pro" in renamed
    assert "Showing 3 of" in result.out


def test_list_filters_by_user_record_kind_and_day(audit: Cli,
                                                 history: dict[str, str]) -> None:
    total, entries = _entries(audit)
    assert total == len(entries) > 6
    total, entries = _entries(audit, "--record", history["police"])
    assert total == 3
    assert [e["operation"] for e in entries] == ["delete", "update", "create"]
    assert entries[1]["changes"] == {"name": ["УВД", "УВД облисполкома"]}
    assert {(e["user"], e["role"], e["table"]) for e in entries} == {
        ("pro", "prosecutor", "agency")}
    total, entries = _entries(audit, "--user", "admin", "--table", "user_account")
    assert total == 3 and {e["user"] for e in entries} == {"admin"}
    for entry in entries:  # a password hash never enters the trail
        assert entry["changes"]["password_hash"] == [None, "•••"]
    today = date.today().isoformat()
    assert _entries(audit, "--from", today, "--to", today)[0] == _entries(audit)[0]
    assert _entries(audit, "--to", "2000-01-01")[0] == 0
    result = audit("list", "--user", "nobody")
    assert result.code == 0 and result.out.strip() == "Nothing found."


def test_export_writes_every_matching_entry_to_pdf_and_xlsx(
        audit: Cli, history: dict[str, str], tmp_path: Path) -> None:
    pdf = tmp_path / "trail.pdf"
    result = audit("export", str(pdf), "--user", "pro", "--table", "agency")
    assert result.code == 0, result
    assert result.out.strip() == f"Audit trail written to {pdf}: 4 entries."
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Audit trail" in text and "Entries of user pro, record kind Agency." in text
    assert "name: УВД → УВД облисполкома" in " ".join(text.split())
    assert "Entries: 4" in text and "Administrator" not in text

    book = tmp_path / "trail.xlsx"
    result = audit("export", str(book), "--json")
    assert result.code == 0, result
    total = _entries(audit)[0]
    assert result.json() == {"out": str(book), "entries": total}
    sheet, about = load_workbook(book).worksheets
    assert sheet.cell(1, 1).value == "Audit trail. All entries."
    assert sheet.cell(2, 9).value == "Changes"
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == total
    assert [row[2] for row in rows] == sorted((row[2] for row in rows), reverse=True)
    created = rows[0]
    assert created[5] == "Agency" and created[7] == "created"
    assert "short_name: — → =1+1" in created[8]  # text, never a formula
    assert dict(about.iter_rows(values_only=True))["Entries"] == total


def test_export_is_not_cut_at_one_page(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    from workgroup_app.domain.entities import Agency
    from workgroup_app.domain.enums import AgencyKind
    from workgroup_app.services import directory
    from workgroup_app.services.audit import PAGE

    with in_process(db_path) as context:  # a store without accounts: nobody signs in
        for number in range(PAGE + 30):
            directory.save_agency(context.uow(), context.actor, Agency(
                f"Орган {number}", f"О{number}", AgencyKind.OTHER))
    book = tmp_path / "all.xlsx"
    result = cli("audit", "export", str(book))
    assert result.code == 0, result
    rows = list(load_workbook(book).worksheets[0].iter_rows(min_row=3, values_only=True))
    assert len(rows) == PAGE + 30
    assert {row[2] for row in rows} == set(range(1, PAGE + 31))


def test_verify_an_intact_trail(audit: Cli, history: dict[str, str]) -> None:
    result = audit("verify")
    assert result.code == 0, result
    total = _entries(audit)[0]
    assert result.out.strip() == f"this office: {total} entries, chain intact."
    assert result.err == ""


def test_verify_names_the_first_entry_edited_by_hand(
        audit: Cli, history: dict[str, str], db_path: Path) -> None:
    [(seq,)] = rows(db_path, "SELECT seq FROM audit_event WHERE changes LIKE "
                    "'%облисполкома%'")
    execute(db_path, "UPDATE audit_event SET changes = replace(changes, 'облисполкома', "
            "'горисполкома') WHERE seq = ?", seq)
    result = audit("verify")
    assert result.code == 3, result
    assert result.out == ""
    assert result.err_lines == [f"Error: this office: the chain breaks at entry {seq}: entry "
                                f"{seq} does not match its hash (it was changed after it was "
                                "written)."]
    result = audit("verify", "--json")
    assert result.code == 3
    report = result.json()
    assert report["intact"] is False and report["chains"][0]["broken_at"] == seq
    # The listing still shows the edited entry as it now reads: verify is what tells.
    assert _entries(audit, "--record", history["police"])[1][1]["changes"]["name"][1] == \
        "УВД горисполкома"


def test_verify_in_russian(audit: Cli, history: dict[str, str], db_path: Path) -> None:
    execute(db_path, "DELETE FROM audit_event WHERE seq = 2")
    result = audit("verify", lang="ru")
    assert result.code == 3
    assert result.err_lines == ["Ошибка: это учреждение: цепочка нарушена на записи 2: записи "
                                "2 нет."]


@pytest.mark.parametrize(("args", "fragment"), [
    (("list", "--from", "2026-13-01"), "From: '2026-13-01' is not a valid date"),
    (("list", "--from", "2026-03-10", "--to", "2026-03-01"), "ends (2026-03-01) before"),
    (("export", "{tmp}/trail.txt"), "Save the report as .pdf or .xlsx, not '.txt'."),
    (("export", "{tmp}/missing/trail.pdf"), "does not exist"),
    (("export", "{tmp}/trail.pdf", "--to", "31.02.2026"), "is not a valid date"),
])
def test_bad_input_is_one_line_and_changes_nothing(
        audit: Cli, history: dict[str, str], db_path: Path, tmp_path: Path,
        args: tuple[str, ...], fragment: str) -> None:
    before = dump(db_path)
    files = set(tmp_path.iterdir())
    result = audit(*(arg.format(tmp=tmp_path) for arg in args))
    assert_user_error(result, fragment)
    assert set(tmp_path.iterdir()) == files
    after = dump(db_path)
    # The observer's sign-in writes its own account row (last sign-in); nothing else moves.
    assert [line for line in after.splitlines() if "user_account" not in line] == \
        [line for line in before.splitlines() if "user_account" not in line]


SERVER_TEMPLATES["history"] = build_history  # the same history on the test server
