"""`workgroup actions …` in a subprocess: assigning, the life of an action, the register, and
bad input that changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.cli.support import Cli, assert_user_error
from tests.helpers import dump

# Decision 2.1 of the office's meeting of 12.03.2026 (Thursday): 30 working days from then in
# Belarus skip 20 April (moved off for Radunitsa) and 21 April (Radunitsa), and count the
# transferred working Saturday 25 April — without the BY calendar it would be 23 April.
FROM_DECISION_DEADLINE = "2026-04-25"

pytestmark = pytest.mark.both_databases


@pytest.fixture(autouse=True)
def held_meeting(office: dict[str, str], db_path: Path) -> None:
    """The office's meeting took place: only a held meeting assigns actions."""
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig
    from workgroup_app.domain.enums import MeetingStatus
    from workgroup_app.services import meetings

    context = open_context(AppConfig.build(database=str(db_path), language="en"))
    try:
        meeting = meetings.get_meeting(context.uow(), office["meeting"])
        meeting.status = MeetingStatus.HELD
        meetings.save_meeting(context.uow(), context.actor, meeting)
    finally:
        context.close()


def seed_actions(path: Path, ids: dict[str, str]) -> dict[str, str]:
    """Actions in several states, made through the services (quicker than commands)."""
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig
    from workgroup_app.domain.actions import Action
    from workgroup_app.services import actions

    context = open_context(AppConfig.build(database=str(path), language="en"))
    uow, actor, today = context.uow, context.actor, date(2026, 11, 27)

    def make(text: str, agency: str, assigned: date, deadline: date, **more: object) -> str:
        return actions.create_action(uow(), actor, Action(
            text=text, agency_id=ids[agency], assigned_on=assigned, deadline=deadline,
            **more)).id  # type: ignore[arg-type]

    try:
        made = {
            "overdue": make("Проверить аптеки области", "police", date(2026, 3, 2),
                            date(2026, 3, 20), controller_id=ids["chair"]),
            "done": make("Представить сведения о грузах", "customs", date(2026, 2, 2),
                         date(2026, 2, 27)),
            "extended": make("Провести рейды в местах досуга", "police", date(2026, 3, 2),
                             date(2026, 3, 31), workgroup_id=ids["group"]),
            "cancelled": make("Подготовить справку", "customs", date(2026, 3, 2),
                              date(2026, 4, 30)),
            "later": make("Обобщить практику за 2026 год", "prosecution", date(2026, 11, 2),
                          date(2027, 1, 15), workgroup_id=ids["group"]),
        }
        actions.report(uow(), actor, made["done"], "Сведения направлены", date(2026, 2, 20),
                       today=today)
        actions.accept(uow(), actor, made["done"], date(2026, 2, 24), today=today)
        actions.extend(uow(), actor, made["extended"], date(2026, 6, 30), "Большой объём",
                       date(2026, 3, 25), approved_by=ids["chair"], today=today)
        actions.cancel(uow(), actor, made["cancelled"], "Утратило актуальность",
                       date(2026, 3, 10), today=today)
    finally:
        context.close()
    return made


def test_an_action_from_a_decision_is_reported_accepted_and_shows_its_history(
        cli: Cli, office: dict[str, str], tmp_path: Path) -> None:
    added = cli("actions", "add", "--meeting", office["meeting"], "--decision", "2.1",
                "--working-days", "30", "--controller", "Ёлкин Пётр Семёнович",
                "--co-agency", "Таможня")
    assert added.code == 0, added
    first, second = added.out.splitlines()
    action = first.removeprefix("Action added: ")
    assert len(action) == 36 and second == f"Deadline: {FROM_DECISION_DEADLINE}"
    short = action[:8]

    extended = cli("actions", "extend", short, "--deadline", "2026-05-29", "--reason",
                   "Нужны сведения из области", "--approved-by", "Ёлкин Пётр Семёнович",
                   "--date", "2026-04-20")
    assert extended.out.strip() == "Deadline extended. Status: Open; deadline 2026-05-29.", \
        extended
    file = tmp_path / "план.txt"
    file.write_text("План мероприятий", encoding="utf-8")
    reported = cli("actions", "report", short, "--text", "План разработан и утверждён",
                   "--date", "2026-05-20", "--attach", str(file))
    assert "Status: Report awaiting acceptance" in reported.out, reported
    accepted = cli("--json", "actions", "accept", short, "--date", "2026-05-22")
    assert accepted.code == 0, accepted
    assert accepted.json()["status"] == "done" and accepted.json()["next_id"] is None

    shown = cli("actions", "show", short)
    assert shown.code == 0, shown
    text = " ".join(shown.out.split())  # labels are padded to the longest one
    for fragment in ("Разработать план.", "Status Done",
                     "Responsible agency УВД Гродненского облисполкома",
                     "Co-executing agencies Гродненская региональная таможня",
                     "Controller Ёлкин Пётр Семёнович",
                     "Meeting No. 1 of 2026-03-12, decision 2.1",
                     "In N working days: 30 → 2026-04-25", "Extensions 1",
                     "File: план.txt", "Approved by: Ёлкин Пётр Семёнович"):
        assert fragment in text, (fragment, shown.out)
    history = text.split("History:")[1]
    kinds = ["Assigned", "Deadline extended", "Report submitted", "Accepted"]
    positions = [history.index(kind) for kind in kinds]
    assert positions == sorted(positions), history


def test_accepting_a_recurring_action_makes_its_next_occurrence(cli: Cli,
                                                               office: dict[str, str]) -> None:
    added = cli("--json", "actions", "add", "--text", "Представлять сведения о лицах",
                "--agency", "УВД", "--assigned", "2026-01-12", "--deadline", "2026-01-30",
                "--recur", "monthly", "--until", "2026-12-31")
    assert added.code == 0, added
    action = added.json()["id"]
    assert cli("actions", "report", action, "--text", "Сведения представлены", "--date",
               "2026-01-29").code == 0
    accepted = cli("actions", "accept", action, "--date", "2026-01-30")
    assert accepted.code == 0, accepted
    done, following = accepted.out.splitlines()
    assert done == "Accepted. Status: Done; deadline 2026-01-30."
    # 28 February 2026 is a Saturday: the next deadline moves to Monday, 2 March.
    assert following.startswith("Next occurrence: ") and \
        following.endswith(", deadline 2026-03-02."), accepted
    next_id = following.removeprefix("Next occurrence: ").split(",")[0]
    listed = cli("--json", "actions", "list", "--status", "open", "--agency", "УВД")
    assert [(r["id"], r["deadline"]) for r in listed.json()] == [(next_id, "2026-03-02")]


def test_the_register_filters_overdue_actions_as_of_a_date(cli: Cli, office: dict[str, str],
                                                           db_path: Path) -> None:
    made = seed_actions(db_path, office)
    overdue = cli("actions", "list", "--overdue", "--as-of", "2026-04-01")
    assert overdue.code == 0, overdue
    header, _rule, *lines = overdue.out.splitlines()
    assert header.split() == ["ID", "Deadline", "Days", "overdue", "Agency", "Status", "Text"]
    assert len(lines) == 1 and lines[0].split()[:5] == [made["overdue"][:8], "2026-03-20",
                                                         "12", "УВД", "Open"]
    later = cli("--json", "actions", "list", "--overdue", "--as-of", "2026-07-01",
                "--controller", "", "--workgroup", "МРГ по противодействию наркотикам")
    assert [(r["id"], r["days_overdue"]) for r in later.json()] == [(made["extended"], 1)]
    window = cli("--json", "actions", "list", "--due-after", "2026-02-27", "--due-before",
                 "2027-01-15", "--text", "рейды")
    assert [r["id"] for r in window.json()] == [made["extended"]]


M, D = "{meeting}", "{action}"  # replaced by the meeting's id and a seeded action's id prefix

BAD = {
    "unknown agency": (["actions", "add", "--text", "Проверить", "--agency", "Минздрав",
                        "--deadline", "2026-12-30"], "No agency matches 'Минздрав'"),
    "deadline before the meeting": (["actions", "add", "--meeting", M, "--decision", "2.1",
                                     "--deadline", "2026-03-01"],
                                    "The deadline 2026-03-01 is before the meeting"),
    "two deadline options": (["actions", "add", "--text", "Проверить", "--agency", "УВД",
                              "--deadline", "2026-12-30", "--working-days", "5"],
                             "Give only one of --deadline"),
    "no deadline": (["actions", "add", "--text", "Проверить", "--agency", "УВД"],
                    "Give the deadline"),
    "no such decision": (["actions", "add", "--meeting", M, "--decision", "3.1",
                          "--days", "5"], "There is no decision 3.1"),
    "extension without a reason": (["actions", "extend", D + "overdue", "--deadline",
                                    "2026-12-30"], "An extension needs a reason"),
    "accepting without a report": (["actions", "accept", D + "overdue"],
                                   "There is no report to accept"),
    "report on a cancelled action": (["actions", "report", D + "cancelled", "--text",
                                      "Исполнено"], "The action is cancelled"),
    "bad date": (["actions", "report", D + "overdue", "--text", "Исполнено", "--date",
                  "2026-02-30"], "'2026-02-30' is not a valid date"),
    "date before the assignment": (["actions", "comment", D + "overdue", "--text", "…",
                                    "--date", "2026-01-01"], "before the action was assigned"),
    "missing attachment": (["actions", "report", D + "overdue", "--text", "Исполнено",
                            "--attach", "/nonexistent/акт.pdf"], "does not exist"),
    "unknown action": (["actions", "show", "ffffffff"], "No action matches 'ffffffff'"),
    "too short an id": (["actions", "cancel", "ab", "--reason", "…"], "at least 4 characters"),
    "return without a report": (["actions", "return", D + "overdue", "--reason", "Неполно"],
                                "There is no report to return"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_line_and_changes_nothing(case: str, cli: Cli, office: dict[str, str],
                                                   db_path: Path) -> None:
    made = seed_actions(db_path, office) if any(D in a for a in BAD[case][0]) else {}
    args, message = BAD[case]

    def filled(arg: str) -> str:
        if arg == M:
            return office["meeting"]
        return made[arg.removeprefix(D)][:8] if arg.startswith(D) else arg

    before = dump(db_path)
    result = cli(*(filled(arg) for arg in args))
    assert_user_error(result, message)
    assert dump(db_path) == before
