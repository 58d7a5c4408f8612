"""`workgroup agencies …` and `workgroup people …` end to end, in text and JSON."""

from __future__ import annotations

import pytest

from tests.cli.support import Cli, assert_user_error

pytestmark = pytest.mark.both_databases


def test_agencies_add_list_show_edit_delete(cli: Cli) -> None:
    assert cli("init").code == 0
    added = cli("--json", "agencies", "add", "--name", "Прокуратура Гродненской области",
                "--short-name", "Прокуратура", "--kind", "prosecution", "--region", "Гродно")
    assert added.code == 0, added
    prosecution = added.json()
    assert prosecution["name"] == "Прокуратура Гродненской области"
    assert prosecution["kind"] == "prosecution" and len(prosecution["id"]) == 36
    text = cli("agencies", "add", "--name", "Гродненская региональная таможня",
               "--short-name", "Таможня", "--kind", "customs")
    assert text.code == 0 and text.out.startswith("Agency added: Гродненская"), text

    listed = cli("--json", "agencies", "list")
    assert [a["short_name"] for a in listed.json()] == ["Таможня", "Прокуратура"]
    assert all(isinstance(a["people"], int) for a in listed.json())
    table = cli("agencies", "list", "--kind", "customs")
    lines = table.out.splitlines()
    assert lines[0].split()[:3] == ["ID", "Name", "Short"] and set(lines[1]) <= {"-", " "}
    assert len(lines) == 3 and "Гродненская региональная таможня" in lines[2], table

    # By short name, upper case, Cyrillic; and by an id prefix.
    shown = cli("agencies", "show", "ТАМОЖНЯ")
    assert shown.code == 0 and "Customs" in shown.out, shown
    edited = cli("--json", "agencies", "edit", prosecution["id"][:6], "--region",
                 "Гродненская область", "--kind", "other")
    assert edited.json()["region"] == "Гродненская область", edited
    again = cli("--json", "agencies", "show", "прокуратура гродненской области").json()
    assert (again["id"], again["region"], again["kind"]) == (
        prosecution["id"], "Гродненская область", "other")

    deleted = cli("agencies", "delete", "таможня")
    assert deleted.code == 0 and "deleted" in deleted.out, deleted
    assert [a["id"] for a in cli("--json", "agencies", "list").json()] == [prosecution["id"]]


def test_people_search_is_cyrillic_and_case_insensitive(cli: Cli, office: dict[str, str]) -> None:
    added = cli("--json", "people", "add", "--name", "Иванов Иван Иванович", "--position",
                "инспектор", "--agency", "увд", "--phone", "+375 152 00-00-00",
                "--email", "ivanov@uvd.by")
    assert added.code == 0, added
    person = added.json()
    assert person["agency_id"] == office["police"]
    assert person["agency_name"] == "УВД Гродненского облисполкома"

    found = cli("--json", "people", "list", "--search", "ИВАНОВ").json()
    # "Иванова Анна" of the office matches too: the search is a substring search.
    assert sorted(p["full_name"] for p in found) == ["Иванов Иван Иванович",
                                                      "Иванова Анна Сергеевна"]
    assert cli("--json", "people", "list", "--search", "иВаН ИВАНОВИЧ").json()[0]["id"] == \
        person["id"]
    # "е" finds "ё".
    assert [p["full_name"] for p in cli("--json", "people", "list", "--search",
                                        "елкин").json()] == ["Ёлкин Пётр Семёнович"]
    police = cli("people", "list", "--agency", "УВД", "--limit", "2")
    assert police.code == 0 and "Showing 2 of 4" in police.out, police

    moved = cli("--json", "people", "edit", "иванов иван иванович", "--agency", "",
                "--position", "старший инспектор")
    assert moved.json()["agency_id"] is None
    assert moved.json()["position"] == "старший инспектор"
    shown = cli("people", "show", person["id"])
    assert "старший инспектор" in shown.out and "ivanov@uvd.by" in shown.out, shown
    assert cli("people", "delete", person["id"][:8]).code == 0
    assert_user_error(cli("people", "show", person["id"]), "No person matches")
