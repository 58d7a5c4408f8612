"""A first import into an empty store skips looking up ids it never wrote (RowMerger's filter
of written ids); a row that comes again — later in the same bundle, or in the next one — is
still found and merged, never inserted twice; its indexes are built once the rows are in."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.sync_support import introduce, make_office, replicated_dump
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.services.demo import seed_demo
from workgroup_app.storage import import_indexes
from workgroup_app.storage.written_ids import WrittenIds


def test_rows_that_come_twice_into_an_empty_store_merge(tmp_path: Path) -> None:
    a, b, c = (make_office(tmp_path / n, n) for n in ("a", "b", "c"))
    try:
        introduce(a, b, c)
        seed_demo(a.uow, LOCAL_ADMIN)
        with a.uow() as uow:
            rows = [(r.table, r.id, r.values, r.clocks)
                    for r in uow.sync.changed_rows(0, b.site)]
        # The demo's rows as an export writes them, then again with a newer clock for the
        # agencies' names: the second must win, as a merge, in the fresh store.
        newer = []
        for table, row_id, values, clocks in rows:
            if table == "agency":
                stamp = max(entry[0] for entry in clocks["clocks"]) + 1
                newer.append((table, row_id, {"name": values["name"] + " (2)"},
                              {"site": a.site, "clocks": [[stamp, ["name"]]]}))
        with b.uow() as uow:
            uow.import_mode()
            merger = uow.sync.merger(version=uow.sync.next_version(), have={}, now_ms=2 ** 50,
                                     names={})
            for row in rows + newer:
                merger.add(*row)
            merger.flush()
            uow.refresh_imported()
            assert sum(merger.stats.new.values()) == len(rows)
            assert merger.stats.changed["agency"] == len(newer)
            uow.commit()
        with sqlite3.connect(b.store) as connection:
            names = dict(connection.execute("SELECT id, name FROM agency").fetchall())
        assert newer and all(names[row_id].endswith(" (2)") and " (2) (2)" not in names[row_id]
                             for _table, row_id, _values, _clocks in newer)
        # The same through whole bundles: twice from a to c, each applied once.
        for _ in range(2):
            [result] = a.export(tmp_path / "drive", to=[c])
            c.import_(Path(result.path))
        dumped_a, dumped_c = replicated_dump(a.store), replicated_dump(c.store)
        assert dumped_a["action"] == dumped_c["action"]
        assert dumped_a["sync_change"] == dumped_c["sync_change"]
    finally:
        for office in (a, b, c):
            office.close()


def test_the_filter_never_forgets_an_id() -> None:
    written = WrittenIds()
    keys = [("action", f"{n:036d}") for n in range(20000)]
    for key in keys[:10000]:
        written.add(key)
    assert all(key in written for key in keys[:10000])
    assert sum(key in written for key in keys[10000:]) < 10  # few false alarms


def _indexes(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                  "ORDER BY name").fetchall()


def test_indexes_set_aside_for_a_first_import_are_all_back_and_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import into empty tables builds their indexes once the rows are in
    (storage.import_indexes): afterwards the store has every index it had, with the same
    definition, and SQLite finds each row through them."""
    a, b = (make_office(tmp_path / n, n) for n in ("a", "b"))
    try:
        introduce(a, b)
        seed_demo(a.uow, LOCAL_ADMIN)
        before = _indexes(b.store)
        assert any(name == "ix_action_agency" for name, _sql in before)
        built: list[str] = []
        original = import_indexes.build
        monkeypatch.setattr(import_indexes, "build", lambda connection, statements: (
            built.extend(statements), original(connection, statements)))
        [result] = a.export(tmp_path / "drive", to=[b])
        [outcome] = b.import_(Path(result.path))
        assert outcome.new["action"] > 0
        assert any("ix_action_agency" in statement for statement in built)
        assert _indexes(b.store) == before
        with sqlite3.connect(b.store) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            plan = " ".join(str(r) for r in connection.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM action WHERE current_agency_id = 'x' "
                "AND status = 'open'"))
            assert "ix_action_agency" in plan
    finally:
        for office in (a, b):
            office.close()
