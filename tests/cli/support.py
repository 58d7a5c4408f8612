"""Running the `workgroup` command in a subprocess, as a user runs it, and a small office."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from tests.databases import session_database

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def __str__(self) -> str:  # shown by pytest when an assertion fails
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def run_cli(db: Path | str | None, *args: str, lang: str = "en",
            env: dict[str, str] | None = None) -> Result:
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("WORKGROUP_DB", "WORKGROUP_DEBUG")}
    environment.update({"WORKGROUP_LANG": lang, "PYTHONIOENCODING": "utf-8"}, **(env or {}))
    command = [sys.executable, "-m", "workgroup_app.cli"]
    if db is not None:
        command += ["--db", str(db)]
    done = subprocess.run([*command, *args], capture_output=True, text=True, encoding="utf-8",
                          env=environment, cwd=ROOT, timeout=120)
    return Result(done.returncode, done.stdout, done.stderr)


Cli = Callable[..., Result]


def assert_user_error(result: Result, *fragments: str) -> None:
    """Exit 1, exactly one line on stderr (no traceback), nothing on stdout."""
    assert result.code == 1, result
    assert len(result.err_lines) == 1, result
    assert "Traceback" not in result.err and result.out == "", result
    for fragment in fragments:
        assert fragment in result.err, result


# -- a small office -------------------------------------------------------------------------

OFFICE_GROUP = "МРГ по противодействию наркотикам"


def build_office(path: Path | str) -> dict[str, str]:
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig
    from workgroup_app.domain.entities import (
        Agency,
        AgendaItem,
        Decision,
        Person,
        Workgroup,
        WorkgroupMember,
    )
    from workgroup_app.domain.enums import AgencyKind, MemberRole
    from workgroup_app.services import directory, meetings, workgroups

    context = open_context(AppConfig.build(database=str(path), language="en"))
    uow, actor = context.uow, context.actor
    try:
        prosecution = directory.save_agency(uow(), actor, Agency(
            "Прокуратура Гродненской области", "Прокуратура", AgencyKind.PROSECUTION,
            "Гродненская область"))
        police = directory.save_agency(uow(), actor, Agency(
            "УВД Гродненского облисполкома", "УВД", AgencyKind.INTERNAL_AFFAIRS))
        customs = directory.save_agency(uow(), actor, Agency(
            "Гродненская региональная таможня", "Таможня", AgencyKind.CUSTOMS))
        chair = directory.save_person(uow(), actor, Person(
            "Ёлкин Пётр Семёнович", "прокурор области", prosecution.id))
        secretary = directory.save_person(uow(), actor, Person(
            "Иванова Анна Сергеевна", "старший помощник прокурора", prosecution.id))
        officer = directory.save_person(uow(), actor, Person(
            "Сидоров Олег Игоревич", "начальник УНиПТЛ", police.id))
        for _n in range(2):  # namesakes: a reference by this name is ambiguous
            directory.save_person(uow(), actor, Person("Козлов Андрей Павлович", "инспектор",
                                                       police.id))
        group = workgroups.save_workgroup(uow(), actor, Workgroup(
            OFFICE_GROUP, "Гродненская область", "приказ прокурора области № 12",
            date(2025, 1, 10), chair.id, None, secretary.id,
            members=[WorkgroupMember(chair.id, MemberRole.CHAIR),
                     WorkgroupMember(secretary.id, MemberRole.SECRETARY),
                     WorkgroupMember(officer.id)]))
        meeting = meetings.draft_meeting(uow(), group.id, date(2026, 3, 12))
        meeting.starts_at, meeting.venue = time(10, 0), "г. Гродно, ул. Ожешко, 3"
        meeting.items = [
            AgendaItem("О состоянии работы по противодействию наркопреступности",
                       decisions=[Decision("Информацию принять к сведению.")]),
            AgendaItem("О профилактике среди несовершеннолетних",
                       decisions=[Decision("Разработать план.", police.id, date(2026, 4, 30))]),
        ]
        meetings.save_meeting(uow(), actor, meeting)
    finally:
        context.close()
    return {"prosecution": prosecution.id, "police": police.id, "customs": customs.id,
            "chair": chair.id, "secretary": secretary.id, "officer": officer.id,
            "group": group.id, "meeting": meeting.id}


# Fixtures whose store is built once per session, and how (a module may add its own): on
# the test server each is built in a database that the tests' databases copy.
SERVER_TEMPLATES: dict[str, Callable[[str], dict[str, str]]] = {"office": build_office}
_ON_SERVER: dict[str, tuple[str, dict[str, str]]] = {}


def on_server(key: str) -> tuple[str, dict[str, str]]:
    """The store of fixture ``key`` built once per session on the test server: (the name of
    its database, the ids the builder returned)."""
    if key not in _ON_SERVER:
        url, name = session_database()
        _ON_SERVER[key] = (name, SERVER_TEMPLATES[key](url))
    return _ON_SERVER[key]
