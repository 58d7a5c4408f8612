"""`workgroup findings …` and `workgroup report findings` in a subprocess: recording an act
prints its response due date from the BY calendar, the register and one finding, what follows
the act, bad input that changes nothing, and the statistics as PDF and XLSX."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.cli.support import Cli, assert_user_error
from tests.cli.test_minutes import in_process
from tests.helpers import dump

POLICE = "УВД Гродненского облисполкома"
CUSTOMS = "Гродненская региональная таможня"
SUBJECT = "Соблюдение законодательства о наркотических средствах"

pytestmark = pytest.mark.both_databases


@pytest.fixture
def seeded(office: dict[str, str], db_path: Path) -> dict[str, str]:
    """The BY calendar, and acts made through the services: a protest answered late (one
    official disciplined) with an action made from it, a submission never answered, a
    warning that needs no answer."""
    from workgroup_app.domain.findings import ActType, Finding, ResponseResult
    from workgroup_app.services import actions, findings, workdays

    with in_process(db_path) as context:
        uow, actor = context.uow, context.actor
        workdays.set_office_country(uow(), actor, "BY")

        def add(agency: str, act_type: ActType, number: str, on: date) -> str:
            return findings.add_finding(uow(), actor, Finding(
                agency_id=office[agency], inspected_on=on, subject=SUBJECT,
                act_type=act_type, act_number=number, act_date=on)).id

        protest = add("police", ActType.PROTEST, "01-07/3", date(2026, 2, 2))
        findings.respond(uow(), actor, protest, date(2026, 2, 20), "Нарушения устранены",
                         ResponseResult.SATISFIED)
        findings.measures(uow(), actor, protest, date(2026, 2, 25), disciplined=1)
        action = findings.draft_action(uow(), protest, today=date(2026, 2, 25))
        action.deadline = date(2026, 4, 30)
        linked = actions.create_action(uow(), actor, action)
        submission = add("customs", ActType.SUBMISSION, "1-2026", date(2026, 1, 30))
        add("customs", ActType.WARNING, "7", date(2026, 2, 10))
    return {**office, "protest": protest, "submission": submission, "action": linked.id}


def test_a_protest_from_recording_to_closing(cli: Cli, seeded: dict[str, str]) -> None:
    added = cli("findings", "add", "--agency", "УВД", "--act-type", "protest",
                "--act-number", "02-15/12", "--act-date", "2026-03-05", "--subject", SUBJECT,
                "--inspected", "2026-02-20", "--prosecutor", "Ёлкин Пётр Семёнович",
                "--violations", "Нарушен порядок хранения", "--norms", "ст. 12 Закона № 408-З")
    assert added.code == 0, added
    first, second = added.out.splitlines()
    new_id = first.removeprefix("Finding added: ")
    # Ten days from Thursday 5 March is Sunday 15 March: the next working day.
    assert second == "Response due: 2026-03-16", added

    overdue = cli("--json", "findings", "list", "--overdue", "--as-of", "2026-04-01")
    assert overdue.code == 0, overdue
    assert {(r["id"], r["overdue_days"]) for r in overdue.json()} == {
        (new_id, 16), (seeded["submission"], 30)}  # due 2 March

    shown = cli("findings", "show", "protest/02-15/12/2026", "--as-of", "2026-04-01")
    assert shown.code == 0, shown
    for fragment in (new_id, "Protest (протест) No. 02-15/12 of 2026-03-05",
                     "Awaiting response", "2026-03-16 (overdue by 16 days)", POLICE,
                     "Ёлкин Пётр Семёнович", "ст. 12 Закона № 408-З", "Recorded"):
        assert fragment in shown.out, shown

    answered = cli("findings", "respond", new_id[:8], "--date", "2026-03-20", "--result",
                   "partly", "--text", "Частично устранены")
    assert answered.out.strip() == \
        "Response received. Status: Response received (Partly satisfied).", answered
    responded = cli("--json", "findings", "list", "--status", "responded")
    assert [(r["id"], r["responded_on"], r["result"]) for r in responded.json()] == [
        (new_id, "2026-03-20", "partly"), (seeded["protest"], "2026-02-20", "satisfied")]

    assert cli("findings", "escalate", new_id, "--date", "2026-03-25", "--to", "court").code == 0
    closed = cli("findings", "close", new_id, "--date", "2026-03-30", "--text", "Исполнено")
    assert closed.out.strip() == "Closed. Status: Closed (Partly satisfied).", closed
    detail = cli("--json", "findings", "show", new_id).json()
    assert detail["state"] == {"status": "closed", "responded_on": "2026-03-20",
                               "result": "partly", "disciplined": 0, "acts_repealed": 0,
                               "escalation": "court", "closed_on": "2026-03-30"}
    assert [e["kind"] for e in detail["events"]] == ["recorded", "response", "escalated",
                                                     "closed"]


def test_the_linked_action_and_russian_output(cli: Cli, seeded: dict[str, str]) -> None:
    shown = cli("findings", "show", seeded["protest"][:6])
    assert shown.code == 0, shown
    history = shown.out.split("History:")[1]
    assert "Measures taken" in history and "Officials disciplined: 1" in history, shown
    assert shown.out.split("Actions:")[1].split()[:2] == [seeded["action"][:8], "2026-04-30"]

    added = cli("findings", "add", "--agency", "Таможня", "--act-type", "Submission",
                "--act-number", "2-2026", "--act-date", "30.01.2026", "--subject", "Досмотр",
                lang="ru")
    # One month from 30 January is Saturday 28 February: moved to Monday 2 March.
    assert added.code == 0 and added.out.splitlines()[1] == "Срок ответа: 02.03.2026", added
    warning = cli("findings", "add", "--agency", "Таможня", "--act-type", "warning",
                  "--act-number", "8", "--act-date", "2026-02-10", "--subject", "Досмотр")
    assert warning.out.splitlines()[1] == "No response is due.", warning
    made = cli("--json", "actions", "add", "--finding", "submission/1-2026/2026",
               "--deadline", "2099-01-15")
    assert made.code == 0, made
    assert made.json()["finding_id"] == seeded["submission"]
    assert made.json()["source"] == "finding"


def test_bad_input_is_refused_in_one_line_and_changes_nothing(
        cli: Cli, seeded: dict[str, str], db_path: Path) -> None:
    before = dump(db_path)
    assert_user_error(cli("findings", "respond", "submission/1-2026/2026", "--date",
                          "2026-01-29"), "The date 2026-01-29 is before the act of 2026-01-30")
    assert_user_error(cli("findings", "add", "--agency", "УВД", "--act-type", "appeal",
                          "--act-number", "5", "--act-date", "2026-03-05", "--subject", "x"),
                      "Unknown act type 'appeal'", "protest")
    assert_user_error(cli("findings", "add", "--agency", "Таможня", "--act-type", "protest",
                          "--act-number", "01-07/3", "--act-date", "2026-06-01", "--subject",
                          "Повторный номер"), "No. 01-07/3 of 2026 is already recorded")
    assert_user_error(cli("findings", "close", "ab"), "at least 4 characters")
    assert dump(db_path) == before


def test_statistics_report_as_pdf_and_xlsx(cli: Cli, seeded: dict[str, str], db_path: Path,
                                           tmp_path: Path) -> None:
    import openpyxl
    from pypdf import PdfReader

    pdf, xlsx = tmp_path / "статистика.pdf", tmp_path / "statistics.xlsx"
    for out in (pdf, xlsx):
        result = cli("report", "findings", "--from", "2026-01-01", "--to", "2026-12-31",
                     "--as-of", "2026-06-01", "--out", str(out))
        assert result.out.strip() == f"Report written to {out}.", result

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert POLICE in text and CUSTOMS in text and "as of 1 Jun 2026" in text, text
    total = text.split("Total")[1].split("What the columns count")[0].split()
    # issued, on time, late, missing, pending, satisfied %, disciplined
    assert total == ["3", "0", "1", "1", "0", "100.0%", "1"], text

    rows = list(openpyxl.load_workbook(xlsx).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("Agency", "Act type", "Acts issued", "Responses on time",
                       "Responses late", "Responses missing", "Responses pending",
                       "Satisfied %", "Officials disciplined")
    assert (POLICE, "Protest (протест)", 1, 0, 1, 0, 0, 1, 1) in rows
    assert (CUSTOMS, "Submission (представление)", 1, 0, 0, 1, 0, "—", 0) in rows

    before = dump(db_path)
    wrong = tmp_path / "statistics.docx"
    assert_user_error(cli("report", "findings", "--from", "2026-01-01", "--to", "2026-12-31",
                          "--out", str(wrong)), "Save the report as .pdf or .xlsx")
    assert not wrong.exists() and dump(db_path) == before


def test_documents_results_and_comments_after_the_act(cli: Cli, seeded: dict[str, str],
                                                      db_path: Path, tmp_path: Path) -> None:
    act = tmp_path / "акт проверки.pdf"
    act.write_bytes(b"%PDF-1.4 inspection report")
    reference = seeded["submission"][:8]
    attached = cli("findings", "attach", reference, str(act), "--date", "2026-02-01",
                   "--text", "Акт проверки")
    assert attached.code == 0 and "Document added" in attached.out, attached
    assert cli("findings", "respond", reference, "--date", "2026-03-03").code == 0
    before = dump(db_path)
    huge = cli("findings", "measures", reference, "--date", "2026-03-04", "--disciplined",
               "99999999999999999999")
    assert huge.code == 2 and "Traceback" not in huge.err, huge
    assert dump(db_path) == before
    result = cli("findings", "result", reference, "--date", "2026-03-05", "--result", "partly")
    assert result.code == 0 and "Partly satisfied" in result.out, result
    commented = cli("findings", "comment", reference, "--text", "Контроль исполнения")
    assert commented.code == 0, commented
    shown = cli("--json", "findings", "show", reference).json()
    kinds = [event["kind"] for event in shown["events"]]
    assert kinds == ["recorded", "attached", "response", "result", "comment"], shown
