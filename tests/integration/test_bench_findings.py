"""The findings writer of the benchmark (``generate --findings``) writes what the services
would: derived state equal to ``refresh_state``, search keys as capture.py makes them, change
capture for every row, unique numbers; the register, the statistics and the bench agree."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bench import bench_findings
from bench.generate import generate
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.errors import ConflictError
from workgroup_app.domain.findings import (
    ActType,
    Finding,
    FindingStatus,
    ResponseResult,
    response_timeliness,
)
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import findings
from workgroup_app.storage import capture, clock_codec, maintenance
from workgroup_app.storage import models as m
from workgroup_app.storage.database import Store, open_store
from workgroup_app.storage.text_keys import search_key
from workgroup_app.storage.unit_of_work import SqlUnitOfWork

TODAY = date(2026, 3, 18)
FINDINGS = 2000
DERIVED = ("status", "responded_on", "result", "disciplined", "acts_repealed", "escalation",
           "closed_on", "text_key")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("bench-findings") / "generated.sqlite"
    counts = generate(path, 300, seed=11, today=TODAY, progress=False, findings=FINDINGS)
    return path, counts


@pytest.fixture
def store(generated: tuple[Path, dict[str, int]]) -> Iterator[Store]:
    opened = open_store(generated[0])
    yield opened
    opened.close()


def query(path: Path, sql: str, *params: object) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def test_the_findings_have_the_shape_asked_for(generated: tuple[Path, dict[str, int]],
                                               store: Store) -> None:
    path, counts = generated
    assert counts["finding"] == FINDINGS and counts["finding_event"] > 2 * FINDINGS
    assert maintenance.check(store).ok  # integrity, foreign keys, schema
    types = Counter(t for (t,) in query(path, "SELECT act_type FROM finding"))
    assert set(types) == {t.value for t in ActType}
    years = {y for (y,) in query(path, "SELECT act_year FROM finding")}
    assert len(years) >= 10 and max(years) == TODAY.year
    (duplicates,), = query(path, "SELECT count(*) - count(DISTINCT act_type || '|' || act_year "
                           "|| '|' || lower(act_number)) FROM finding")
    assert duplicates == 0, "act numbers are unique per type and year"
    (due_passed, answered, late), = query(
        path, "SELECT count(*), sum(responded_on IS NOT NULL), sum(responded_on > response_due)"
        " FROM finding WHERE response_due < ?", TODAY.isoformat())
    assert 0.7 <= answered / due_passed <= 0.9 and 0 < late < answered / 2
    statuses = Counter(s for (s,) in query(path, "SELECT status FROM finding"))
    assert all(statuses[s.value] > 0.1 * FINDINGS for s in FindingStatus)
    kinds = {k for (k,) in query(path, "SELECT DISTINCT kind FROM finding_event")}
    assert {"recorded", "response", "result", "measures", "escalated", "closed"} <= kinds
    (inspected,), = query(path, "SELECT count(DISTINCT agency_id) FROM finding f JOIN agency a "
                          "ON a.id = f.agency_id WHERE a.kind != 'prosecution'")
    (agencies,), = query(path, "SELECT count(*) FROM agency WHERE kind != 'prosecution'")
    assert inspected == agencies, "every inspectable agency of the store is inspected"
    assert query(path, "SELECT count(*) FROM finding f JOIN agency a ON a.id = f.agency_id "
                 "WHERE a.kind = 'prosecution'") == [(0,)]


def test_refresh_state_changes_nothing(generated: tuple[Path, dict[str, int]],
                                       store: Store) -> None:
    path, _counts = generated
    ids = [i for (i,) in query(path, "SELECT id FROM finding ORDER BY id")]
    sample = random.Random(5).sample(ids, 300)
    columns = ", ".join(DERIVED)
    before = {i: query(path, f"SELECT {columns} FROM finding WHERE id = ?", i)[0]
              for i in sample}
    version_before = query(path, "SELECT value FROM local_state WHERE key = ?",
                           capture.VERSION_KEY)
    uow = SqlUnitOfWork(store)
    with uow:
        for finding_id in sample:
            uow.findings.refresh_state(finding_id)
            row = uow.session.get(m.FindingRow, finding_id)
            assert row is not None
            key_column, sources = capture.KEY_SOURCES["finding"]
            assert getattr(row, key_column) == search_key(
                " ".join(getattr(row, s) or "" for s in sources))
        assert not uow.session.dirty
        uow.commit()
    after = {i: query(path, f"SELECT {columns} FROM finding WHERE id = ?", i)[0] for i in sample}
    assert after == before
    assert query(path, "SELECT value FROM local_state WHERE key = ?",
                 capture.VERSION_KEY) == version_before, "nothing was written"


def test_every_row_has_the_change_capture_of_the_services(
        generated: tuple[Path, dict[str, int]], store: Store) -> None:
    path, _counts = generated
    for table in ("finding", "finding_event"):
        assert query(path, f"SELECT count(*) FROM {table} t LEFT JOIN sync_change c ON "
                     "c.table_name = ? AND c.row_id = t.id WHERE c.row_id IS NULL",
                     table) == [(0,)], table
    state = dict(query(path, "SELECT key, value FROM local_state"))
    assert int(state["local_version"]) == query(
        path, "SELECT max(local_version) FROM sync_change")[0][0]
    answered = query(path, "SELECT f.id, c.local_version, c.field_clocks FROM finding f JOIN "
                     "sync_change c ON c.table_name = 'finding' AND c.row_id = f.id "
                     "WHERE f.status = 'closed' LIMIT 1")[0]
    clocks = clock_codec.decode(answered[2])
    assert clocks["updated_at"][0] > clocks["subject"][0], "updated when the state changed"
    uow = SqlUnitOfWork(store)
    made = findings.add_finding(uow, LOCAL_ADMIN, Finding(
        agency_id=query(path, "SELECT agency_id FROM finding LIMIT 1")[0][0],
        inspected_on=TODAY, subject="Проверка", act_type=ActType.PROTEST, act_number="x-1",
        act_date=TODAY))
    findings.respond(SqlUnitOfWork(store), LOCAL_ADMIN, made.id, TODAY,
                     result=ResponseResult.SATISFIED)
    by_service = clock_codec.decode(query(path, "SELECT field_clocks FROM sync_change WHERE "
                                          "row_id = ?", made.id)[0][0])
    assert set(by_service) == set(clocks)
    taken = query(path, "SELECT act_type, act_number, act_date FROM finding "
                  "WHERE act_type = 'submission' LIMIT 1")[0]
    with pytest.raises(ConflictError):
        findings.add_finding(SqlUnitOfWork(store), LOCAL_ADMIN, Finding(
            agency_id=made.agency_id, inspected_on=day(taken[2]), subject="Повтор",
            act_type=ActType.SUBMISSION, act_number=taken[1].upper(), act_date=day(taken[2])))


def test_register_and_statistics_agree_with_what_was_written(
        generated: tuple[Path, dict[str, int]], store: Store) -> None:
    path, _counts = generated
    rows = query(path, "SELECT id, act_date, response_due, status, responded_on, result, "
                 "disciplined FROM finding WHERE deleted = 0 AND act_number NOT LIKE 'x-%'")
    overdue = {r[0] for r in rows if r[3] == "awaiting" and r[2] and day(r[2]) < TODAY}
    page = findings.list_findings(SqlUnitOfWork(store), ListQuery(
        limit=200, filters={"overdue": "1"}), TODAY)
    assert page.total == len(overdue) and {r.id for r in page.rows} <= overdue
    assert all(r.overdue_days > 0 for r in page.rows)
    year = TODAY.year - 1
    stats = findings.statistics(SqlUnitOfWork(store), date(year, 1, 1), date(year, 12, 31),
                                TODAY)
    in_year = [r for r in rows if day(r[1]).year == year]
    timeliness = Counter(response_timeliness(day(r[2]), day(r[4]), TODAY) for r in in_year)
    total = stats.total
    assert total.issued == len(in_year) > 0
    assert (total.on_time, total.late, total.missing, total.pending) == (
        timeliness["on_time"], timeliness["late"], timeliness["missing"], timeliness["pending"])
    assert total.satisfied == sum(r[5] == "satisfied" for r in in_year)
    assert total.disciplined == sum(r[6] for r in in_year) > 0


def test_the_bench_measures_and_its_baselines_agree(
        generated: tuple[Path, dict[str, int]]) -> None:
    path, _counts = generated
    results = bench_findings.measure(path, runs=1, today=TODAY)
    assert results["findings"] >= FINDINGS
    for case in bench_findings.CASES:
        assert results[case.key + "_agree"], case.key
        assert results[case.key + "_rows"][1] > 0, case.key
    assert results["statistics_agree"] and results["statistics_issued"] > 0
    rows = bench_findings.summary_rows(results)
    assert len(rows) == len(bench_findings.CASES) + 1
