"""Backups (issue 7): automatic ones before a migration, before an import and once a day, the
newest N kept; restoring this office's backup, and refusing another office's, a damaged file,
a newer program's store and a role that may not — each refusal leaving the store as it was."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command

from tests.helpers import dump, file_digest
from tests.sync_support import Office, introduce, make_office
from workgroup_app.bootstrap import AppContext, backup_store, open_context
from workgroup_app.config import AppConfig
from workgroup_app.domain.access import AccessDenied, Role
from workgroup_app.domain.actor import LOCAL_ADMIN, Actor
from workgroup_app.domain.backups import BackupError, BackupReason
from workgroup_app.domain.entities import Agency
from workgroup_app.domain.errors import StoreError
from workgroup_app.domain.sync import Outcome
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import backups, directory, exchange_epochs, users
from workgroup_app.storage import migrate
from workgroup_app.storage.database import make_engine, to_url

OLD_REVISION = "0006"  # before the audit trail
DAY = datetime(2026, 11, 28, 9, 30)


@pytest.fixture
def auto(monkeypatch: pytest.MonkeyPatch) -> None:
    """Automatic backups on (the test suite turns them off)."""
    monkeypatch.setenv("WORKGROUP_AUTO_BACKUP", "1")


def open_at(path: Path, **options: bool) -> AppContext:
    return open_context(AppConfig.build(database=str(path), language="en"), **options)


def agencies(context: AppContext) -> list[str]:
    return sorted(r.name for r in directory.list_agencies(context.uow(), ListQuery()).rows)


def add_agency(context: AppContext, name: str) -> None:
    directory.save_agency(context.uow(), LOCAL_ADMIN, Agency(name))


def revision_of(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def names_in(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in connection.execute("SELECT name FROM agency"))
    finally:
        connection.close()


def state_of(path: Path) -> tuple[str, ...]:
    """The store's files, byte for byte: the main file and its journal (an empty journal is
    as good as none — SQLite removes it when the last connection closes)."""
    return tuple(file_digest(p) if p.exists() and p.stat().st_size else "-" for p in
                 (path, path.with_name(path.name + "-wal")))


def folder_of(context: AppContext) -> Path:
    return context.backups.folder


def old_store(path: Path, *names: str) -> None:
    """A store of an older schema (as an older Workgroup left it), holding ``names``."""
    context = open_at(path)
    for name in names:
        add_agency(context, name)
    context.close()
    engine = make_engine(to_url(path))
    with engine.begin() as connection:
        command.downgrade(migrate.config(connection), OLD_REVISION)
    engine.dispose()
    assert revision_of(path) == OLD_REVISION


@pytest.fixture
def office(store_path: Path, auto: None) -> Iterator[AppContext]:
    """This office's store with one agency; automatic backups on."""
    context = open_at(store_path)
    add_agency(context, "Прокуратура области")
    yield context
    context.close()


# -- before a migration -----------------------------------------------------------------------

def test_a_store_with_data_is_backed_up_before_a_migration(store_path: Path, auto: None) -> None:
    old_store(store_path, "УВД")
    context = open_at(store_path)
    assert context.store.revision_on_open == OLD_REVISION
    assert context.store.revision == migrate.head()
    [made] = context.backups.list()
    assert made.reason == BackupReason.BEFORE_MIGRATION
    assert made.path.name.startswith(f"store-{context.office_id[:8]}-")
    assert made.path.name.endswith("-before-migration.sqlite")
    # The copy is the store as it was before the migration, and sound.
    assert revision_of(made.path) == OLD_REVISION and names_in(made.path) == ["УВД"]
    with sqlite3.connect(made.path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    context.close()
    # Up to date now: opening again migrates nothing and copies nothing more (the day's
    # backup is the one before the migration).
    again = open_at(store_path)
    assert [b.path for b in again.backups.list()] == [made.path]
    again.close()


def test_new_empty_and_current_stores_are_not_backed_up_on_opening(tmp_path: Path,
                                                                    auto: None) -> None:
    fresh = open_at(tmp_path / "new.sqlite")  # a new store: nothing to keep
    assert fresh.backups.list() == []
    fresh.close()
    empty = tmp_path / "empty.sqlite"
    old_store(empty)  # an old schema but no records
    context = open_at(empty)
    assert context.store.revision_on_open == OLD_REVISION
    assert context.backups.list() == []
    assert not folder_of(context).exists()
    context.close()


def test_a_failed_backup_before_a_migration_leaves_the_store_unmigrated(
        store_path: Path, auto: None) -> None:
    old_store(store_path, "УВД")
    before = state_of(store_path)
    blocker = AppConfig.build(database=str(store_path)).data_dir / "backups"
    blocker.write_text("a file where the backups folder should be", encoding="utf-8")
    with pytest.raises(BackupError) as refused:
        open_at(store_path)
    assert "The store was not upgraded" in refused.value.english()
    assert "Nothing was changed" in refused.value.english()
    assert state_of(store_path) == before and revision_of(store_path) == OLD_REVISION


def test_a_file_that_is_no_store_is_refused_as_before(tmp_path: Path, auto: None) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError) as refused:
        open_at(text)
    assert not isinstance(refused.value, BackupError)
    assert "is not a Workgroup database" in refused.value.english()
    assert not (AppConfig.build(database=str(text)).data_dir / "backups").exists()


def test_without_automatic_backups_a_migration_takes_none(store_path: Path) -> None:
    old_store(store_path, "УВД")  # WORKGROUP_AUTO_BACKUP=0, as in the whole test suite
    context = open_at(store_path)
    assert context.store.revision == migrate.head()
    assert not folder_of(context).exists()
    context.close()


# -- daily, and how many are kept -------------------------------------------------------------

def test_the_daily_backup_is_taken_once_a_day(office: AppContext) -> None:
    port = office.backups
    port.clock = lambda: DAY
    first = backups.daily(office.uow(), port)
    assert first is not None and first.reason == BackupReason.DAILY
    assert first.taken_at == DAY
    assert backups.daily(office.uow(), port) is None  # the same day: already done
    port.clock = lambda: DAY + timedelta(hours=8)
    assert backups.daily(office.uow(), port) is None
    port.clock = lambda: DAY + timedelta(days=1)
    second = backups.daily(office.uow(), port)
    assert second is not None and second.taken_at.date() == (DAY + timedelta(days=1)).date()
    assert [b.path for b in port.list()] == [first.path, second.path]


def test_opening_a_store_takes_the_days_backup_once(store_path: Path, auto: None) -> None:
    context = open_at(store_path)
    assert context.backups.list() == []  # a new store has no data to keep
    add_agency(context, "УВД")
    context.close()
    context = open_at(store_path)
    [daily] = context.backups.list()
    assert daily.reason == BackupReason.DAILY and names_in(daily.path) == ["УВД"]
    add_agency(context, "Таможня")
    context.close()
    context = open_at(store_path)  # the same day
    assert [b.path for b in context.backups.list()] == [daily.path]
    context.close()


def test_a_failed_daily_backup_only_warns(store_path: Path, auto: None,
                                          caplog: pytest.LogCaptureFixture) -> None:
    context = open_at(store_path)
    add_agency(context, "УВД")
    folder = folder_of(context)
    context.close()
    folder.write_text("not a folder", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        context = open_at(store_path)  # the work goes on
    assert agencies(context) == ["УВД"]
    assert any("daily backup" in r.getMessage() for r in caplog.records)
    context.close()


def test_pruning_keeps_the_newest_n_of_this_store_only(office: AppContext) -> None:
    port, folder = office.backups, folder_of(office)
    backups.set_keep_count(office.uow(), 3)
    folder.mkdir(parents=True)
    others = [folder / "store-00000000-2020-01-01T000000-daily.sqlite",  # another office's
              folder / "my own copy.sqlite"]  # the user's
    for other in others:
        other.write_bytes(b"not ours to delete")
    made = []
    for hour in range(5):
        port.clock = lambda hour=hour: DAY + timedelta(hours=hour)
        made.append(backups.automatic(office.uow(), port, BackupReason.BEFORE_IMPORT))
    assert [b.path for b in port.list()] == [b.path for b in made[2:]]
    assert all(not b.path.exists() for b in made[:2])
    assert all(other.exists() for other in others)
    assert backups.overview(office.uow(), port).keep == 3


def test_keeping_none_turns_automatic_backups_off(office: AppContext) -> None:
    backups.set_keep_count(office.uow(), 0)
    assert backups.automatic(office.uow(), office.backups, BackupReason.BEFORE_IMPORT) is None
    assert backups.daily(office.uow(), office.backups) is None
    assert not backups.overview(office.uow(), office.backups).automatic
    assert office.backups.list() == []
    with pytest.raises(Exception) as refused:
        backups.set_keep_count(office.uow(), -1)
    assert "between 0 and 1000" in str(refused.value)


# -- before an import -------------------------------------------------------------------------

@pytest.fixture
def two(tmp_path: Path, auto: None) -> Iterator[tuple[Office, Office]]:
    a, b = make_office(tmp_path / "a", "A"), make_office(tmp_path / "b", "B")
    introduce(a, b)
    yield a, b
    a.close(), b.close()


def test_an_import_that_applies_is_preceded_by_a_backup(two: tuple[Office, Office],
                                                        tmp_path: Path) -> None:
    a, b = two
    add_agency(a.context, "Прокуратура")
    add_agency(b.context, "Таможня")
    stick = tmp_path / "stick"
    b.export(stick, to=[a])
    assert a.import_(stick, dry_run=True)[0].outcome == Outcome.PREVIEW
    assert a.context.backups.list() == []  # a preview changes nothing: no backup
    assert [o.outcome for o in a.import_(stick)] == [Outcome.APPLIED]
    [made] = a.context.backups.list()
    assert made.reason == BackupReason.BEFORE_IMPORT
    assert names_in(made.path) == ["Прокуратура"]  # the store before the import
    assert agencies(a.context) == ["Прокуратура", "Таможня"]
    assert [o.outcome for o in a.import_(stick)] == [Outcome.REPLAY]
    assert len(a.context.backups.list()) == 1  # nothing new to apply: no backup


def test_a_failed_backup_stops_the_import_and_changes_nothing(two: tuple[Office, Office],
                                                              tmp_path: Path) -> None:
    a, b = two
    add_agency(b.context, "Таможня")
    stick = tmp_path / "stick"
    b.export(stick, to=[a])
    before = dump(a.store)
    folder_of(a.context).write_text("not a folder", encoding="utf-8")
    with pytest.raises(BackupError) as refused:
        a.import_(stick)
    assert "The import did not start" in refused.value.english()
    assert "Nothing was changed" in refused.value.english()
    assert dump(a.store) == before
    assert agencies(a.context) == []


# -- restoring --------------------------------------------------------------------------------

def test_restoring_this_offices_backup(office: AppContext) -> None:
    made = backups.automatic(office.uow(), office.backups, BackupReason.DAILY)
    assert made is not None
    add_agency(office, "Таможня")  # after the backup: the restore takes it away
    epoch = _epoch(office)
    prepared = backups.prepare_restore(office.uow(), office.backups, made.path)
    assert prepared.info.taken_at == made.taken_at
    assert prepared.temp.exists() and prepared.temp.parent == office.store.path.parent
    done = backups.restore(office.uow(), office.backups, prepared)
    assert agencies(office) == ["Прокуратура области"]
    assert office.store.revision == migrate.head()
    # The store as it was is kept, and the backup restored from is untouched.
    assert done.safety.reason == BackupReason.BEFORE_RESTORE
    assert names_in(done.safety.path) == ["Прокуратура области", "Таможня"]
    assert names_in(made.path) == ["Прокуратура области"]
    assert not prepared.temp.exists()
    # A new exchange epoch: the other offices will send back what the copy lacks.
    assert _epoch(office) not in ("", epoch)
    add_agency(office, "УВД")  # the restored store works on
    office.close()
    reopened = open_at(office.store.path)
    assert agencies(reopened) == ["Прокуратура области", "УВД"]
    reopened.close()


def _epoch(context: AppContext) -> str:
    with context.uow() as uow:
        return uow.settings.get(exchange_epochs.SETTING)


def test_an_older_schemas_backup_is_restored_and_migrated(store_path: Path, tmp_path: Path,
                                                          auto: None) -> None:
    old_store(store_path, "УВД")
    context = open_at(store_path)
    [made] = context.backups.list()  # the one before the migration
    add_agency(context, "Таможня")
    prepared = backups.prepare_restore(context.uow(), context.backups, made.path)
    assert prepared.info.revision == OLD_REVISION
    backups.restore(context.uow(), context.backups, prepared)
    assert context.store.revision == migrate.head() and agencies(context) == ["УВД"]
    context.close()


def _refused_unchanged(context: AppContext, source: Path, *fragments: str) -> str:
    """Restoring ``source`` is refused; the store's files stay byte for byte, no copy is
    left beside it and no backup was taken. Returns the message."""
    path = context.store.path
    assert path is not None
    before, files = state_of(path), sorted(p.name for p in path.parent.iterdir())
    taken = context.backups.list()
    with pytest.raises(BackupError) as refused:
        backups.prepare_restore(context.uow(), context.backups, source)
    message = refused.value.english()
    for fragment in fragments:
        assert fragment in message
    assert state_of(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == files
    assert context.backups.list() == taken
    return message


def test_another_offices_backup_is_refused_without_saying_whose(office: AppContext,
                                                               tmp_path: Path) -> None:
    other = open_at(tmp_path / "other" / "store.sqlite")
    add_agency(other, "Чужая прокуратура")
    foreign = tmp_path / "foreign.sqlite"
    backup_store(other, foreign)
    other_id = other.office_id
    other.close()
    message = _refused_unchanged(office, foreign, "another office's store",
                                 "cannot be restored here")
    assert other_id not in message and other_id[:8] not in message
    assert agencies(office) == ["Прокуратура области"]


def test_damaged_and_foreign_files_are_refused(office: AppContext, tmp_path: Path) -> None:
    made = backups.automatic(office.uow(), office.backups, BackupReason.DAILY)
    assert made is not None
    damaged = tmp_path / "damaged.sqlite"
    data = bytearray(made.path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):  # every page but the first
        data[offset + 100:offset + 140] = b"\xff" * 40
    damaged.write_bytes(bytes(data))
    _refused_unchanged(office, damaged, "damaged")
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all\n" * 100, encoding="utf-8")
    _refused_unchanged(office, text, "is not a Workgroup store")
    plain = tmp_path / "plain.sqlite"
    with sqlite3.connect(plain) as connection:
        connection.execute("CREATE TABLE t (x)")
    _refused_unchanged(office, plain, "is not a Workgroup store")
    _refused_unchanged(office, tmp_path / "missing.sqlite", "There is no file")
    _refused_unchanged(office, tmp_path, "is a folder")
    _refused_unchanged(office, office.store.path, "is the store itself")


def test_a_newer_programs_backup_is_refused(office: AppContext, tmp_path: Path) -> None:
    made = backups.automatic(office.uow(), office.backups, BackupReason.DAILY)
    assert made is not None
    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(made.path.read_bytes())
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    _refused_unchanged(office, newer, "newer version of Workgroup", "9999")


def test_restoring_needs_an_administrator(office: AppContext) -> None:
    users.ensure_demo_accounts(office.uow())
    made = backups.automatic(office.uow(), office.backups, BackupReason.DAILY)
    assert made is not None
    path = office.store.path
    assert path is not None
    before = state_of(path)
    for role in (Role.PROSECUTOR, Role.SECRETARY, Role.HEAD, Role.OBSERVER):
        office.actor = Actor(role.value, role.value)
        with pytest.raises(AccessDenied):
            backups.prepare_restore(office.uow(), office.backups, made.path)
        with pytest.raises(AccessDenied):
            backups.set_keep_count(office.uow(), 1)
    assert state_of(path) == before
    assert [p for p in path.parent.iterdir() if p.name.endswith(".partial")] == []
    # The administrator may; a prepared restore is refused to anyone else too.
    office.actor = users.sign_in(office.uow(), "admin", users.DEMO_PASSWORD)
    before = state_of(path)  # the sign-in noted its time
    prepared = backups.prepare_restore(office.uow(), office.backups, made.path)
    office.actor = Actor("observer", Role.OBSERVER.value)
    with pytest.raises(AccessDenied):
        backups.restore(office.uow(), office.backups, prepared)
    assert not prepared.temp.exists() and state_of(path) == before


def test_a_store_in_use_elsewhere_is_not_replaced(office: AppContext) -> None:
    made = backups.automatic(office.uow(), office.backups, BackupReason.DAILY)
    assert made is not None
    add_agency(office, "Таможня")
    path = office.store.path
    assert path is not None
    other = open_at(path)  # another window or program on the same store
    assert agencies(other) == ["Прокуратура области", "Таможня"]
    prepared = backups.prepare_restore(office.uow(), office.backups, made.path)
    with pytest.raises(BackupError) as refused:
        backups.restore(office.uow(), office.backups, prepared)
    assert "in use by another window or program" in refused.value.english()
    assert agencies(other) == agencies(office) == ["Прокуратура области", "Таможня"]
    assert not prepared.temp.exists()
    other.close()


# -- what a restore means for the exchange ----------------------------------------------------

def test_a_restored_store_gets_its_lost_writes_back_even_after_more_writes(
        two: tuple[Office, Office], tmp_path: Path) -> None:
    """The restore starts a new epoch itself. Waiting for an acknowledgement to reveal the
    restore is not enough here: more changes after the restore than were lost carry the
    office's numbers past what the other office acknowledged, so nothing would reveal it and
    the lost changes, which the other office holds, would never come back."""
    a, b = two
    count = [0]

    def swap(sender: Office, receiver: Office) -> list[Outcome]:
        count[0] += 1
        stick = tmp_path / f"stick{count[0]}"
        sender.export(stick, to=[receiver])
        return [o.outcome for o in receiver.import_(stick)]

    add_agency(a.context, "before the backup")
    swap(a, b), swap(b, a)
    made = backups.automatic(a.uow(), a.context.backups, BackupReason.DAILY)
    assert made is not None
    for i in range(3):
        add_agency(a.context, f"lost {i}")
    swap(a, b), swap(b, a)
    prepared = backups.prepare_restore(a.uow(), a.context.backups, made.path)
    backups.restore(a.uow(), a.context.backups, prepared)
    assert agencies(a.context) == ["before the backup"]
    for i in range(10):
        add_agency(a.context, f"after {i}")
    for _ in range(2):
        assert Outcome.REFUSED not in swap(a, b) + swap(b, a)
    expected = sorted(["before the backup", *(f"lost {i}" for i in range(3)),
                       *(f"after {i}" for i in range(10))])
    assert agencies(a.context) == agencies(b.context) == expected
