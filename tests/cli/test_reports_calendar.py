"""`workgroup report …` and `workgroup calendar …` in a subprocess: the files they write open
in the programs that read them, working days follow the BY and RU calendars, bad input
changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.cli.support import Cli, assert_user_error
from tests.cli.test_actions import seed_actions
from tests.helpers import dump

POLICE = "УВД Гродненского облисполкома"
CUSTOMS = "Гродненская региональная таможня"

pytestmark = pytest.mark.both_databases


def test_discipline_and_overdue_reports_as_pdf_and_xlsx(cli: Cli, office: dict[str, str],
                                                       db_path: Path, tmp_path: Path) -> None:
    import openpyxl
    from pypdf import PdfReader

    seed_actions(db_path, office)
    pdf, xlsx = tmp_path / "дисциплина.pdf", tmp_path / "discipline.xlsx"
    for out in (pdf, xlsx):
        result = cli("report", "discipline", "--from", "2026-01-01", "--to", "2026-12-31",
                     "--as-of", "2026-04-01", "--out", str(out))
        assert result.code == 0, result
    lines = {line.split("  ")[0]: line.split()[-7:] for line in result.out.splitlines()}
    # assigned, on time, late, overdue now, extended, extensions, on time %
    assert lines[POLICE] == ["2", "0", "0", "1", "1", "1", "—"]
    assert lines[CUSTOMS] == ["2", "1", "0", "0", "0", "0", "100"]
    assert lines["Total"] == ["5", "1", "0", "1", "1", "1", "100"]
    assert result.out.splitlines()[-1] == f"Report written to {xlsx}."

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert POLICE in text and CUSTOMS in text and "as of 1 Apr 2026" in text
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True)}
    assert rows[POLICE][:6] == (2, 0, 0, 1, 1, 1)
    assert rows["Total"][:6] == (5, 1, 0, 1, 1, 1)

    overdue = tmp_path / "overdue.xlsx"
    result = cli("report", "overdue", "--as-of", "2026-07-01", "--agency", "УВД", "--out",
                 str(overdue))
    assert result.out.splitlines() == ["Overdue actions as of 2026-07-01: 2.",
                                       f"Report written to {overdue}."], result
    listed = list(openpyxl.load_workbook(overdue).worksheets[0].iter_rows(values_only=True))
    # Longest overdue first: 20 March (103 days), then 30 June as extended (1 day).
    assert [(r[1], r[6]) for r in listed[1:]] == [("Проверить аптеки области", 103),
                                                  ("Провести рейды в местах досуга", 1)]


def test_deadlines_export_to_an_ics_calendar(cli: Cli, office: dict[str, str], db_path: Path,
                                             tmp_path: Path) -> None:
    import icalendar

    made = seed_actions(db_path, office)
    everything, police = tmp_path / "сроки.ics", tmp_path / "police.ics"
    assert cli("calendar", "export", "--out", str(everything)).out.strip() == \
        f"Deadlines written to {everything}: 3."
    assert cli("calendar", "export", "--agency", "УВД", "--out", str(police)).code == 0

    def events(path: Path) -> dict[str, date]:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        return {str(e["uid"]).split("@")[0]: e.decoded("dtstart")
                for e in calendar.walk("VEVENT")}

    # Only open or reported actions: the done and the cancelled ones are left out.
    assert events(everything) == {made["overdue"]: date(2026, 3, 20),
                                  made["extended"]: date(2026, 6, 30),
                                  made["later"]: date(2027, 1, 15)}
    assert set(events(police)) == {made["overdue"], made["extended"]}


def test_working_days_in_belarus_and_russia(cli: Cli, office: dict[str, str]) -> None:
    # 7 January (Orthodox Christmas) is a day off in both countries.
    assert cli("calendar", "workday", "2026-01-07", "--country", "BY").out.strip() == \
        "2026-01-07 is a day off (BY)"
    assert cli("--json", "calendar", "workday", "2026-01-07", "--country", "ru").json() == \
        {"date": "2026-01-07", "country": "RU", "working": False}
    # Saturday 25 April 2026 is a working day in Belarus (moved from 20 April).
    assert cli("calendar", "workday", "2026-04-25").out.strip() == \
        "2026-04-25 is a working day (BY)"
    # 6, 7, 8, 11, 12 May: Victory Day falls on Saturday 9 May and is not moved in Belarus.
    assert cli("calendar", "add-days", "2026-05-05", "5", "--working", "--country",
               "BY").out.strip() == "2026-05-12"
    assert cli("calendar", "add-days", "2026-05-04", "5").out.strip() == \
        "2026-05-11 (2026-05-09 is a day off; moved to the next working day)"


def test_the_office_country_and_its_own_calendar_entries(cli: Cli, office: dict[str, str]
                                                         ) -> None:
    assert cli("calendar", "country").out.strip() == "The office calendar is that of BY."
    assert cli("calendar", "country", "ru").out.strip() == \
        "The office calendar is now that of RU."
    added = cli("--json", "calendar", "override", "add", "2026-06-15", "--day-off", "--note",
                "Постановление Правительства № 1")
    assert added.json()["country"] == "RU", added
    entry = added.json()["id"]
    assert cli("calendar", "workday", "2026-06-15").out.strip() == \
        "2026-06-15 is a day off (RU)"
    listed = cli("--json", "calendar", "override", "list")
    assert [(e["id"], e["day"], e["kind"], e["note"]) for e in listed.json()] == \
        [(entry, "2026-06-15", "day_off", "Постановление Правительства № 1")]
    removed = cli("calendar", "override", "remove", entry[:8])
    assert removed.out.strip() == "Calendar entry removed: 2026-06-15 is a day off (RU).", \
        removed
    assert cli("--json", "calendar", "workday", "2026-06-15").json()["working"] is True


BAD = {
    "wrong suffix": (["report", "discipline", "--from", "2026-01-01", "--to", "2026-12-31",
                      "--out", "{tmp}/report.docx"], "Save the report as .pdf or .xlsx"),
    "missing folder": (["report", "overdue", "--out", "{tmp}/нет/overdue.pdf"],
                       "does not exist"),
    "period reversed": (["report", "discipline", "--from", "2026-12-31", "--to", "2026-01-01",
                         "--out", "{tmp}/report.pdf"], "before it begins"),
    "bad date": (["report", "discipline", "--from", "2026-13-01", "--to", "2026-12-31",
                  "--out", "{tmp}/report.pdf"], "'2026-13-01' is not a valid date"),
    "calendar not .ics": (["calendar", "export", "--out", "{tmp}/deadlines.txt"],
                          "Save the calendar as .ics"),
    "unknown country": (["calendar", "workday", "2026-01-07", "--country", "UA"],
                        "Unknown country 'UA'"),
    "unknown office country": (["calendar", "country", "KZ"], "Unknown country 'KZ'"),
    "override of no kind": (["calendar", "override", "add", "2026-06-15"],
                            "day off or a working day"),
    "negative days": (["calendar", "add-days", "2026-05-05", "--", "-3"],
                      "between 0 and"),
    "unknown calendar entry": (["calendar", "override", "remove", "abcdef"],
                               "Calendar entry abcdef not found"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_line_and_changes_nothing(case: str, cli: Cli, office: dict[str, str],
                                                   db_path: Path, tmp_path: Path) -> None:
    args, message = BAD[case]
    before = dump(db_path)
    result = cli(*(arg.replace("{tmp}", str(tmp_path)) for arg in args))
    assert_user_error(result, message)
    assert dump(db_path) == before
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("store.sqlite")] == []
