"""A first import into an empty store skips looking up ids it never wrote (RowMerger's filter
of written ids); a row that comes again — later in the same bundle, or in the next one — is
still found and merged, never inserted twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.sync_support import introduce, make_office, replicated_dump
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.services.demo import seed_demo
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
