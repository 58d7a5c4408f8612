"""Supervision findings at scale: 200,000 findings and their events (issue 5).

Targets, each printed with a baseline measured in the same run (hand-written SQL over the same
store with raw ``sqlite3``, which must give the same rows and figures):

- the register's first page, ``services.findings.list_findings(ListQuery(limit=200))`` with
  its total, ≤ 0.2 s — and again filtered to overdue responses, to the agency with the most
  findings, to one act type (protests), and with a text search;
- ``services.findings.statistics`` for the last full year ≤ 3 s.

Timings are the median of ``--runs`` calls after one warm-up call (whose time is printed too).
``--explain`` prints SQLite's plan for every statement the services ran.

The store (``bench/out/findings-N-seed-S.sqlite``) holds the full directory of the archive
(60 regions, 2,940 agencies, 500 workgroups) with 10,000 meetings, and the findings: the
findings do not depend on the meetings, and a small meetings archive keeps it quick to make.

    python -m bench.bench_findings [--findings N] [--seed S] [--db STORE] [--runs R] [--explain]
"""

from __future__ import annotations

import argparse
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bench.bench_actions import Statements, timed
from bench.common import OUT, ROOT, verdict

DEFAULT_FINDINGS = 200_000
STORE_MEETINGS = 10_000  # with the directory of the full archive
PAGE_LIMIT, STATISTICS_LIMIT = 0.2, 3.0
SEARCH = "лекарственных средств"  # one subject of the health agencies': a selective search
REGISTER_COLUMNS = ("f.id, f.act_type, f.act_number, f.act_date, a.name, f.subject, "
                    "f.response_due, f.status, f.responded_on, f.result")


@dataclass(frozen=True)
class Case:
    key: str
    label: str
    filters: dict[str, str] = field(default_factory=dict)
    text: str = ""
    busiest_agency: bool = False


CASES = (Case("page", "findings register, page 1"),
         Case("overdue", "… overdue responses", {"overdue": "1"}),
         Case("agency", "… the busiest agency", busiest_agency=True),
         Case("act_type", "… protests", {"act_type": "protest"}),
         Case("text", f"… text «{SEARCH}»", text=SEARCH))


def store_path(findings: int, seed: int) -> Path:
    return OUT / f"findings-{findings}-seed-{seed}.sqlite"


def ensure_store(findings: int, seed: int) -> Path:
    """The generated store with findings, made once and cached in bench/out/."""
    path = store_path(findings, seed)
    if path.exists():
        print(f"using the cached store {path.relative_to(ROOT)}")
        return path
    from bench.generate import Shape, generate

    OUT.mkdir(parents=True, exist_ok=True)
    print(f"generating {findings:,} findings (and {STORE_MEETINGS:,} meetings) into "
          f"{path.relative_to(ROOT)} …", flush=True)
    counts = generate(path, STORE_MEETINGS, seed, progress=False,
                      shape=Shape(STORE_MEETINGS), findings=findings)
    print(f"generated in {counts['seconds']} s: " + ", ".join(
        f"{v:,} {k}" for k, v in counts.items() if k != "seconds"), flush=True)
    return path


# ---- the hand-written baselines (raw sqlite3) -----------------------------------------------

def sql_where(filters: dict[str, str], text: str, today: date) -> tuple[str, list[Any]]:
    from workgroup_app.storage.text_keys import like_pattern

    where, params = ["f.deleted = 0"], []
    if filters.get("overdue") == "1":
        where.append("f.status = 'awaiting' AND f.response_due < ?")
        params.append(today.isoformat())
    for name, column in (("agency", "agency_id"), ("act_type", "act_type")):
        if filters.get(name):
            where.append(f"f.{column} = ?")
            params.append(filters[name])
    if text.strip():
        where.append("f.text_key LIKE ? ESCAPE '\\'")
        params.append(like_pattern(text))
    return " AND ".join(where), params


def sql_page(connection: sqlite3.Connection, filters: dict[str, str], text: str,
             today: date) -> tuple[int, list[Any]]:
    """The register's first page by hand: the count, and 200 rows newest first."""
    where, params = sql_where(filters, text, today)
    (total,) = connection.execute(f"SELECT count(*) FROM finding f WHERE {where}",
                                  params).fetchone()
    rows = connection.execute(
        f"SELECT {REGISTER_COLUMNS} FROM finding f LEFT JOIN agency a ON a.id = f.agency_id "
        f"WHERE {where} ORDER BY f.act_date DESC, f.id DESC LIMIT 200", params).fetchall()
    return total, rows


def sql_statistics(connection: sqlite3.Connection, start: date, end: date,
                   today: date) -> list[tuple[Any, ...]]:
    rows = connection.execute(
        "SELECT coalesce(a.name, ''), f.act_type, count(*), "
        "sum(f.responded_on <= f.response_due), sum(f.responded_on > f.response_due), "
        "sum(f.responded_on IS NULL AND f.status != 'closed' AND f.response_due < :d), "
        "sum(f.responded_on IS NULL AND f.status != 'closed' AND f.response_due >= :d), "
        "sum(f.result IS NOT NULL), "
        "sum(f.result = 'satisfied'), sum(f.disciplined) FROM finding f "
        "LEFT JOIN agency a ON a.id = f.agency_id WHERE f.deleted = 0 AND f.act_date "
        "BETWEEN :f AND :l GROUP BY f.agency_id, a.name, f.act_type",
        {"f": start.isoformat(), "l": end.isoformat(), "d": today.isoformat()}).fetchall()
    # Agencies of the same name (a district department in several regions) stay apart.
    return sorted((r[0], r[1], *(int(v or 0) for v in r[2:])) for r in rows)


def service_statistics(stats: Any) -> list[tuple[Any, ...]]:
    return sorted((line.agency_name, line.act_type.value, line.issued, line.on_time,
                   line.late, line.missing, line.pending, line.with_result, line.satisfied,
                   line.disciplined) for line in stats.lines)


# ---- measuring --------------------------------------------------------------------------------

def measure(store: Path, runs: int, today: date, explain: bool = False) -> dict[str, Any]:
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig
    from workgroup_app.domain.views import ListQuery
    from workgroup_app.services import findings

    context = open_context(AppConfig.build(database=str(store), language="en"))
    statements = Statements(context.store.engine)
    raw = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    results: dict[str, Any] = {}
    try:
        (results["findings"],) = raw.execute(
            "SELECT count(*) FROM finding WHERE deleted = 0").fetchone()
        busiest = raw.execute(
            "SELECT f.agency_id, a.name, count(*) FROM finding f JOIN agency a ON "
            "a.id = f.agency_id WHERE f.deleted = 0 GROUP BY f.agency_id "
            "ORDER BY count(*) DESC, f.agency_id LIMIT 1").fetchone()
        results["busiest"] = (busiest[1], busiest[2]) if busiest else ("", 0)
        for case in CASES:
            filters = dict(case.filters)
            if case.busiest_agency and busiest:
                filters["agency"] = busiest[0]
            query = ListQuery(limit=200, text=case.text, filters=filters)
            statements.label = case.key
            results[case.key], page = timed(
                lambda q=query: findings.list_findings(context.uow(), q, today), runs)
            statements.label = ""
            results[case.key + "_sql"], (total, rows) = timed(
                lambda f=filters, t=case.text: sql_page(raw, f, t, today), runs)
            results[case.key + "_agree"] = (page.total, [r.id for r in page.rows]) == \
                (total, [r[0] for r in rows])
            results[case.key + "_rows"] = (len(page.rows), page.total)
        start, end = date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
        statements.label = "statistics"
        results["statistics"], stats = timed(
            lambda: findings.statistics(context.uow(), start, end, today), runs)
        statements.label = ""
        results["statistics_sql"], by_hand = timed(
            lambda: sql_statistics(raw, start, end, today), runs)
        results["statistics_agree"] = service_statistics(stats) == by_hand
        results["statistics_year"] = start.year
        results["statistics_issued"] = stats.total.issued
        results["statistics_lines"] = len(stats.lines)
        if explain:
            statements.explain(store)
    finally:
        raw.close()
        context.close()
    return results


# ---- reporting ----------------------------------------------------------------------------------

def _seconds(sample: dict[str, float]) -> str:
    return (f"{sample['median']:6.3f} s  (min {sample['min']:.3f}, max {sample['max']:.3f}; "
            f"first call {sample['first']:.3f})")


def summary_rows(results: dict[str, Any]) -> list[tuple[str, ...]]:
    """(benchmark, measured, baseline, target, result) for the run_all table."""
    if "error" in results:
        return [("findings: queries", "not measured", "", "", "FAIL")]
    rows: list[tuple[str, ...]] = []
    for case in CASES:
        took, by_hand = results[case.key]["median"], results[case.key + "_sql"]["median"]
        rows.append((case.label, f"{took:.3f} s", f"SQL {by_hand:.3f} s", f"≤ {PAGE_LIMIT} s",
                     verdict(took <= PAGE_LIMIT and results[case.key + "_agree"])))
    took = results["statistics"]["median"]
    rows.append((f"finding statistics {results['statistics_year']}", f"{took:.3f} s",
                 f"SQL {results['statistics_sql']['median']:.3f} s", f"≤ {STATISTICS_LIMIT:.0f} s",
                 verdict(took <= STATISTICS_LIMIT and results["statistics_agree"])))
    return rows


def report(results: dict[str, Any]) -> None:
    if "error" in results:
        print(f"\nFindings: could not measure: {results['error']}")
        return
    r = results
    print(f"\nSupervision findings on {r['findings']:,} findings (median of runs after a "
          "warm-up):")
    print(f"  busiest agency {r['busiest'][0][:60]!r} with {r['busiest'][1]:,} findings")
    for case in CASES:
        shown, total = r[case.key + "_rows"]
        print(f"  {case.label:<34} (service) {_seconds(r[case.key])}  {shown} of {total:,}")
        print(f"  {'':<34} (SQL)     {_seconds(r[case.key + '_sql'])}  "
              f"{'same rows' if r[case.key + '_agree'] else 'DIFFERENT rows'}")
    print(f"  target ≤ {PAGE_LIMIT} s")
    print(f"  statistics {r['statistics_year']} (service)         {_seconds(r['statistics'])}  "
          f"{r['statistics_issued']:,} acts, {r['statistics_lines']:,} lines")
    print(f"  statistics (SQL)                        {_seconds(r['statistics_sql'])}  "
          f"{'same figures' if r['statistics_agree'] else 'DIFFERENT figures'}")
    print(f"  target ≤ {STATISTICS_LIMIT:.0f} s")
    print()
    for row in summary_rows(results):
        print(f"  {row[0]:<38} {row[1]:<10} {row[2]:<14} {row[3]:<9} {row[4]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_findings")
    parser.add_argument("--findings", type=int, default=DEFAULT_FINDINGS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="a store to use instead of the generated one")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    args = parser.parse_args(argv)
    store = args.db or ensure_store(args.findings, args.seed)
    results = measure(store, args.runs, date.today(), args.explain)
    report(results)
    return 0 if all(row[-1] == "PASS" for row in summary_rows(results)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
