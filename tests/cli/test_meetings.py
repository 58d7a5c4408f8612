"""`workgroup meetings …`: a meeting from planning to its full protocol."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cli.support import OFFICE_GROUP, Cli, assert_user_error

pytestmark = pytest.mark.both_databases


def decisions(view: dict[str, Any]) -> list[tuple[str, str]]:
    return [(d["number"], d["text"]) for item in view["items"] for d in item["decisions"]]


def test_a_meeting_from_plan_to_protocol(cli: Cli, office: dict[str, str]) -> None:
    added = cli("meetings", "add", "--workgroup", OFFICE_GROUP.upper(), "--date", "14.05.2026",
                "--time", "10:30", "--venue", "г. Гродно, ул. Ожешко, 3, каб. 210")
    # No. 1 of 2026 is the office's meeting: the next free number is 2.
    assert added.code == 0 and added.out.startswith("Meeting No. 2 of 2026 added: "), added
    meeting = added.out.split()[-1]
    ref = f"{OFFICE_GROUP}/2/2026"  # a meeting may also be named WORKGROUP/NUMBER/YEAR

    for title in ("О профилактике наркомании среди несовершеннолетних",
                  "О противодействии незаконному обороту наркотиков"):
        assert cli("meetings", "add-item", meeting[:8], "--title", title).code == 0
    steps = [
        ("add-decision", meeting, "1", "--text", "Информацию принять к сведению."),
        ("add-decision", ref, "2", "--text", "Провести совместные рейды.", "--agency", "УВД",
         "--due", "30.06.2026"),
        ("add-decision", meeting, "2", "--text", "Проинформировать рабочую группу.",
         "--agency", "прокуратура", "--due", "2026-07-15"),
        ("add-speech", meeting, "2", "--heard", "--person", "Сидоров Олег Игоревич", "--text",
         "Доложил о выявленных преступлениях."),
        ("add-speech", meeting, "2", "--spoke", "--speaker", "Петров П.П.",
         "--speaker-position", "начальник таможни", "--text", "Поддержал предложения."),
        ("attend", meeting, "Сидоров Олег Игоревич", "--absent", "--substitute",
         office["secretary"], "--note", "командировка"),
        ("invite", meeting, "--name", "Кузнецова Елена Викторовна", "--position",
         "главный врач", "--organisation", "Областной наркологический диспансер"),
        ("invite", meeting, "--person", "козлов андрей павлович"),
    ]
    outputs = [cli("meetings", *step) for step in steps[:7]]
    assert [o.code for o in outputs] == [0] * 7, [str(o) for o in outputs if o.code]
    assert outputs[2].out.strip() == "Decision 2.2 added."
    # Namesakes: an ambiguous guest is refused.
    assert_user_error(cli("meetings", *steps[7]), "matches 2 people")

    before = cli("--json", "meetings", "show", meeting).json()
    assert decisions(before) == [("1.1", "Информацию принять к сведению."),
                                 ("2.1", "Провести совместные рейды."),
                                 ("2.2", "Проинформировать рабочую группу.")]
    moved = cli("meetings", "move-item", meeting, "2", "up")
    assert moved.out.strip() == "Agenda item 2 is now item 1.", moved
    view = cli("--json", "meetings", "show", ref).json()
    assert decisions(view) == [("1.1", "Провести совместные рейды."),
                               ("1.2", "Проинформировать рабочую группу."),
                               ("2.1", "Информацию принять к сведению.")]
    first = view["items"][0]
    assert first["title"] == "О противодействии незаконному обороту наркотиков"
    assert first["decisions"][0]["responsible_agency"] == "УВД Гродненского облисполкома"
    assert first["decisions"][1]["due_date"] == "2026-07-15"
    assert [(s["section"], s["speaker"]) for s in first["speeches"]] == [
        ("heard", "Сидоров Олег Игоревич"), ("spoke", "Петров П.П.")]
    # Attendance came from the workgroup's members, then changed.
    assert (view["number"], view["starts_at"], view["chair"]) == (2, "10:30",
                                                                  "Ёлкин Пётр Семёнович")
    lines = {a["name"]: a for a in view["attendees"]}
    assert set(lines) == {"Ёлкин Пётр Семёнович", "Иванова Анна Сергеевна",
                          "Сидоров Олег Игоревич", "Кузнецова Елена Викторовна"}
    assert lines["Сидоров Олег Игоревич"]["present"] is False
    assert lines["Сидоров Олег Игоревич"]["substitute"] == "Иванова Анна Сергеевна"
    assert lines["Кузнецова Елена Викторовна"]["kind"] == "invited"

    protocol = cli("meetings", "show", meeting).out
    for expected in ("PROTOCOL No. 2", "HEARD:", "SPOKE:", "DECIDED:", "Absent:", "Invited:",
                     "1.2. Проинформировать рабочую группу.", "Due: 2026-06-30",
                     "Сидоров Олег Игоревич — начальник УНиПТЛ", "(командировка)"):
        assert expected in protocol, protocol
    assert protocol.index("Present:") < protocol.index("Absent:") < protocol.index("AGENDA:")

    edited = cli("--json", "meetings", "edit", meeting, "--status", "held", "--number", "5",
                 "--time", "", "--secretary", "Ёлкин Пётр Семёнович").json()
    assert (edited["number"], edited["status"], edited["starts_at"], edited["secretary"]) == (
        5, "held", None, "Ёлкин Пётр Семёнович")
    listed = cli("--json", "meetings", "list", "--workgroup", OFFICE_GROUP, "--year", "2026",
                 "--status", "held").json()
    assert [(m["number"], m["held_on"]) for m in listed] == [(5, "2026-05-14")]
    # A held meeting with an agenda stays; removing an item renumbers what follows.
    assert_user_error(cli("meetings", "delete", meeting), "cannot be deleted")
    removed = cli("--json", "meetings", "remove-item", meeting, "1").json()
    assert decisions(removed) == [("1.1", "Информацию принять к сведению.")]


def test_planned_meetings_list_and_delete(cli: Cli, office: dict[str, str]) -> None:
    table = cli("meetings", "list", "--search", "наркотик")
    assert table.code == 0 and "1/2026" in table.out and "Planned" in table.out, table
    assert cli("--json", "meetings", "list", "--year", "2025").json() == []
    deleted = cli("meetings", "delete", office["meeting"][:8])
    assert deleted.code == 0 and "Meeting No. 1 of 2026" in deleted.out, deleted
    assert cli("--json", "meetings", "list").json() == []
    # With its meeting gone the workgroup can go too.
    assert cli("workgroups", "delete", office["group"]).code == 0
