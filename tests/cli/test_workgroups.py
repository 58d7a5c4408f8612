"""`workgroup workgroups …`: officers, members with roles and periods."""

from __future__ import annotations

import pytest

from tests.cli.support import OFFICE_GROUP, Cli, assert_user_error

pytestmark = pytest.mark.both_databases


def test_workgroup_with_officers_and_members(cli: Cli, office: dict[str, str]) -> None:
    added = cli("--json", "workgroups", "add", "--name", "МРГ по профилактике правонарушений",
                "--region", "Гродненская область", "--legal-basis",
                "приказ прокурора области № 7 от 01.02.2026", "--established", "01.02.2026",
                "--chair", "Ёлкин Пётр Семёнович", "--secretary", office["secretary"][:8])
    assert added.code == 0, added
    group = added.json()
    assert group["established_on"] == "2026-02-01"
    assert group["chair"] == "Ёлкин Пётр Семёнович" and group["secretary_id"] == \
        office["secretary"]
    # Officers are members with their roles.
    assert {(m["name"], m["role"]) for m in group["members"]} == {
        ("Ёлкин Пётр Семёнович", "chair"), ("Иванова Анна Сергеевна", "secretary")}

    member = cli("workgroups", "add-member", "мрг по профилактике правонарушений",
                 "сидоров олег игоревич", "--since", "2026-02-01", "--until", "31.12.2026")
    assert member.code == 0 and "Member added" in member.out, member
    deputy = cli("--json", "workgroups", "add-member", group["id"], office["officer"],
                 "--role", "deputy_chair").json()
    assert deputy["deputy_chair_id"] == office["officer"]
    sidorov = [m for m in deputy["members"] if m["person_id"] == office["officer"]]
    assert len(sidorov) == 1 and sidorov[0]["role"] == "deputy_chair"
    assert (sidorov[0]["since"], sidorov[0]["until"]) == ("2026-02-01", "2026-12-31")

    shown = cli("workgroups", "show", group["id"][:6])
    assert "Deputy chair" in shown.out and "31.12.2026" not in shown.out, shown
    assert "2026-12-31" in shown.out and "УВД Гродненского облисполкома" in shown.out

    # A new chair: the old one stays a plain member; removing the deputy clears the post.
    edited = cli("--json", "workgroups", "edit", group["id"], "--chair", "Сидоров Олег Игоревич",
                 "--name", "МРГ по профилактике").json()
    assert edited["name"] == "МРГ по профилактике" and edited["chair_id"] == office["officer"]
    roles = {m["person_id"]: m["role"] for m in edited["members"]}
    assert roles[office["chair"]] == "member" and roles[office["officer"]] == "chair"
    removed = cli("--json", "workgroups", "remove-member", group["id"], office["officer"]).json()
    assert removed["chair_id"] is None and removed["deputy_chair_id"] is None
    assert office["officer"] not in {m["person_id"] for m in removed["members"]}

    listed = cli("--json", "workgroups", "list").json()
    assert {g["name"]: g["members"] for g in listed} == {"МРГ по профилактике": 2,
                                                         OFFICE_GROUP: 3}
    assert cli("workgroups", "delete", group["id"]).code == 0
    # The office's workgroup has a meeting: deleting it is refused.
    assert_user_error(cli("workgroups", "delete", OFFICE_GROUP), "it has 1 meetings")
    assert [g["name"] for g in cli("--json", "workgroups", "list").json()] == [OFFICE_GROUP]
