"""The audit trail through the services: every change names who, when, at which office and
what (old → new); `verify` proves the chain or names the first broken link after the file
was edited by hand."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers import execute
from workgroup_app.bootstrap import AppContext
from workgroup_app.domain.access import Role
from workgroup_app.domain.actor import Actor
from workgroup_app.domain.entities import Agency
from workgroup_app.domain.enums import AgencyKind
from workgroup_app.services import audit, directory, users

PASSWORD = "correct horse battery"

pytestmark = pytest.mark.both_databases


@pytest.fixture
def history(context: AppContext) -> dict[str, str]:
    admin = users.create_first_administrator(context.uow(), "admin", "Иванов", PASSWORD)
    users.add_user(context.uow(), admin, "pro", "Петров", "prosecutor", "prosecutor pass 1")
    pro = Actor("pro", Role.PROSECUTOR)
    agency = directory.save_agency(context.uow(), pro, Agency("УВД", "УВД",
                                                              AgencyKind.INTERNAL_AFFAIRS))
    directory.save_agency(context.uow(), pro, Agency("УВД облисполкома", "УВД",
                                                     AgencyKind.INTERNAL_AFFAIRS, id=agency.id))
    directory.delete_agency(context.uow(), pro, agency.id)
    return {"agency": agency.id}


def test_each_change_names_who_what_and_how(context: AppContext,
                                            history: dict[str, str]) -> None:
    page = audit.list_entries(context.uow(), audit.AuditQuery(row_id=history["agency"]))
    assert page.total == 3
    newest, edited, created = page.rows
    assert (created.operation, edited.operation, newest.operation) == ("create", "update",
                                                                       "delete")
    assert {(line.user, line.role) for line in page.rows} == {("pro", "prosecutor")}
    assert created.changes["name"] == [None, "УВД"]
    assert edited.changes == {"name": ["УВД", "УВД облисполкома"]}
    assert newest.changes == {"deleted": [False, True]}
    assert created.office == "this office" and created.at.astimezone().date() == date.today()


def test_passwords_never_enter_the_trail(context: AppContext, history: dict[str, str]) -> None:
    accounts = audit.list_entries(context.uow(), audit.AuditQuery(table="user_account"))
    assert accounts.total == 2
    for line in accounts.rows:
        assert line.changes["password_hash"] == [None, "•••"]
        assert "argon2" not in str(line.changes) and PASSWORD not in str(line.changes)
    assert accounts.rows[-1].user == "admin"  # the first administrator made themself


def test_filters_by_user_and_time(context: AppContext, history: dict[str, str]) -> None:
    assert audit.users(context.uow()) == ["admin", "pro"]
    assert audit.list_entries(context.uow(), audit.AuditQuery(user="admin")).total == 2
    today = date.today()
    assert audit.list_entries(context.uow(), audit.AuditQuery(date_from=today)).total == 5
    assert audit.list_entries(context.uow(), audit.AuditQuery(
        date_to=date(2000, 1, 1))).total == 0


@pytest.fixture(params=["Etc/GMT-14", "Etc/GMT+12"])  # UTC+14 and UTC−12
def far_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """A computer whose day is not UTC's: at any hour one of the two zones has another date."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_days_are_this_computers_days(far_zone: str, context: AppContext,
                                      history: dict[str, str]) -> None:
    today = date.today()  # the local day the entries were made, as the list shows them
    one_day = timedelta(days=1)

    def total(since: date | None, until: date | None) -> int:
        query = audit.AuditQuery(date_from=since, date_to=until)
        return audit.list_entries(context.uow(), query).total

    assert total(today, today) == total(None, None) == 5
    assert total(None, today - one_day) == 0 and total(today + one_day, None) == 0


def test_an_intact_trail_verifies(context: AppContext, history: dict[str, str]) -> None:
    report = audit.verify(context.uow())
    assert report.intact and report.entries == 5
    assert report.chains[0].message().endswith("5 entries, chain intact.")


def test_a_change_of_the_office_settings_is_recorded(context: AppContext) -> None:
    from workgroup_app.services import workdays

    admin = users.create_first_administrator(context.uow(), "admin", "Иванов", PASSWORD)
    workdays.set_office_country(context.uow(), admin, "RU")
    workdays.set_office_country(context.uow(), admin, "BY")
    page = audit.list_entries(context.uow(), audit.AuditQuery(table="setting"))
    assert [(line.user, line.changes) for line in page.rows] == [
        ("admin", {"value": ["RU", "BY"]}), ("admin", {"value": [None, "RU"]})]
    assert audit.record_kind(page.rows[0].table) == "Office setting"
    assert {line.row_id for line in page.rows} == {"country"}
    assert audit.verify(context.uow()).intact


def test_any_text_in_an_entry_verifies(context: AppContext) -> None:
    """The chain is checked from SQLite's JSON of each entry: quotes, backslashes, signs, line
    separators and emoji must read as the program wrote them."""
    tricky = ['Кавычки "так" и \\ так', "№ 5 § 2 — «ёлка» ½", "\u2028\u2029 😀 \x7f"]
    for name in tricky:
        directory.save_agency(context.uow(), Actor("pro", Role.PROSECUTOR),
                              Agency(name, "Сокр", AgencyKind.INTERNAL_AFFAIRS))
    report = audit.verify(context.uow())
    assert report.intact and report.entries == 3


@pytest.mark.parametrize(("edit", "seq", "reason"), [
    ("UPDATE audit_event SET changes = replace(changes, 'облисполкома', 'горисполкома') "
     "WHERE seq = 4", 4, "does not match its hash"),
    ("DELETE FROM audit_event WHERE seq = 3", 3, "is missing"),
    ("UPDATE audit_event SET \"user\" = 'admin' WHERE seq = 5", 5, "does not match its hash"),
    ("UPDATE audit_event SET prev_hash = hash WHERE seq = 2", 2, "does not match its hash"),
    ("INSERT INTO audit_event SELECT seq, at, \"user\", role, table_name, row_id, operation, "
     "changes, prev_hash, hash, 'copy', created_at, updated_at, origin_office_id, deleted "
     "FROM audit_event WHERE seq = 2", 2, "two different entries"),
])
def test_a_hand_edited_trail_names_its_first_broken_link(
        context: AppContext, history: dict[str, str], store_path: Path, edit: str, seq: int,
        reason: str) -> None:
    execute(store_path, edit)
    report = audit.verify(context.uow())
    assert not report.intact
    (chain,) = report.chains
    assert chain.broken is not None and chain.broken.seq == seq
    assert reason in chain.message()
