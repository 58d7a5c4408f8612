"""Execution control at the scale of a country's archive: 1,000,000 actions and their events.

Targets (issue 3), each printed with a baseline measured in the same run:

- overview figures: ``services.action_reports.overview`` ≤ 0.3 s and within 2× a hand-written
  SQL aggregate of the same figures (raw ``sqlite3``: totals and ages, per agency, per
  workgroup); the two must also agree;
- the overdue list: the first page (200 rows) of ``services.actions.list_actions`` with
  ``overdue=1`` sorted by deadline ≤ 0.2 s, and again filtered to the agency with the most
  overdue actions;
- the executive-discipline report for the last full year ≤ 5 s;
- resident memory while scrolling the whole register (every status) of the Actions page to its
  last row ≤ 400 MB, in a fresh process (``--probe-scroll``), with a time budget: when the
  budget runs out first, the bench says how far it got and what the peak would come to.

Timings are the median of ``--runs`` calls after one warm-up call (whose time, with a cold
cache and the statement not yet compiled, is printed too). ``--explain`` prints SQLite's
plan for every statement the services ran.

    python -m bench.bench_actions [--meetings N] [--actions N] [--seed S] [--db STORE]
                                  [--runs R] [--scroll-seconds S] [--no-scroll] [--explain]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.common import MB, OUT, ROOT, median, verdict

DEFAULT_MEETINGS = 100_000
DEFAULT_ACTIONS = 1_000_000
OVERVIEW_LIMIT, OVERVIEW_RATIO, PAGE_LIMIT, DISCIPLINE_LIMIT = 0.3, 2.0, 0.2, 5.0
SCROLL_LIMIT_MB = 400
ACTIVE = "a.status IN ('open', 'reported') AND a.deleted = 0"


def store_path(meetings: int, actions: int, seed: int) -> Path:
    return OUT / f"meetings-{meetings}-actions-{actions}-seed-{seed}.sqlite"


def ensure_store(meetings: int, actions: int, seed: int) -> Path:
    """The generated store with actions, made once and cached in bench/out/."""
    path = store_path(meetings, actions, seed)
    if path.exists():
        print(f"using the cached store {path.relative_to(ROOT)}")
        return path
    from bench.generate import generate

    OUT.mkdir(parents=True, exist_ok=True)
    print(f"generating {meetings:,} meetings and {actions:,} actions into "
          f"{path.relative_to(ROOT)} …", flush=True)
    counts = generate(path, meetings, seed, actions=actions)
    print(f"generated in {counts['seconds']} s: " + ", ".join(
        f"{v:,} {k}" for k, v in counts.items() if k != "seconds"), flush=True)
    return path


# ---- timing --------------------------------------------------------------------------------

def timed(call: Callable[[], Any], runs: int) -> tuple[dict[str, float], Any]:
    began = time.perf_counter()
    result = call()
    first = time.perf_counter() - began
    samples = []
    for _run in range(runs):
        began = time.perf_counter()
        result = call()
        samples.append(time.perf_counter() - began)
    return {"first": first, "median": median(samples), "min": min(samples),
            "max": max(samples)}, result


class Statements:
    """The SQL the services send, kept to print SQLite's plan for each (``--explain``)."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.seen: dict[str, tuple[str, Any]] = {}
        self.label = ""
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
              _many: bool) -> None:
        if self.label and statement.lstrip().upper().startswith("SELECT"):
            self.seen.setdefault(statement, (self.label, parameters))

    def explain(self, path: Path) -> None:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            for statement, (label, parameters) in self.seen.items():
                print(f"\n[{label}] {' '.join(statement.split())[:400]}")
                for row in connection.execute("EXPLAIN QUERY PLAN " + statement, parameters):
                    print(f"    {row[-1]}")
        finally:
            connection.close()


# ---- the hand-written baselines (raw sqlite3) -----------------------------------------------

def _ages(today: date) -> list[tuple[str, str]]:
    from workgroup_app.domain.action_views import AGE_BUCKETS

    return [((today - timedelta(days=high)).isoformat() if high else "0000-00-00",
             (today - timedelta(days=low)).isoformat()) for low, high in AGE_BUCKETS]


def sql_overview(connection: sqlite3.Connection, today: date) -> dict[str, Any]:
    """The overview's figures as one would write them by hand: one pass for the totals and
    the ages, one GROUP BY per agency and per workgroup with the names joined."""
    from workgroup_app.storage.action_queries import week_end

    day, end = today.isoformat(), week_end(today).isoformat()
    ages = _ages(today)
    age_sums = ", ".join("sum(a.current_deadline BETWEEN ? AND ?)" for _age in ages)
    totals = connection.execute(
        f"SELECT count(*), sum(a.current_deadline < ?), sum(a.current_deadline BETWEEN ? AND ?),"
        f" sum(a.status = 'reported'), {age_sums} FROM action a WHERE {ACTIVE}",
        [day, day, end, *(d for age in ages for d in age)]).fetchone()
    groups = {}
    for name, column, table in (("by_agency", "current_agency_id", "agency"),
                                ("by_workgroup", "workgroup_id", "workgroup")):
        groups[name] = {row[0]: tuple(row[1:]) for row in connection.execute(
            f"SELECT a.{column}, coalesce(n.name, ''), count(*), sum(a.current_deadline < ?), "
            "sum(a.current_deadline BETWEEN ? AND ?), sum(a.status = 'reported') "
            f"FROM action a LEFT JOIN {table} n ON n.id = a.{column} WHERE {ACTIVE} "
            f"GROUP BY a.{column}", (day, day, end))}
    return {"totals": tuple(v or 0 for v in totals), **groups}


def service_figures(figures: Any) -> dict[str, Any]:
    """The overview's figures in the shape of ``sql_overview`` to compare them."""
    totals = (figures.active, figures.overdue, figures.due_this_week,
              figures.awaiting_acceptance, *figures.overdue_by_age)
    return {"totals": totals, **{name: {g.id: (g.name, g.active, g.overdue, g.due_this_week,
                                                g.awaiting_acceptance)
                                         for g in getattr(figures, name)}
                                  for name in ("by_agency", "by_workgroup")}}


def sql_overdue_page(connection: sqlite3.Connection, today: date,
                     agency_id: str | None) -> tuple[int, list[Any]]:
    """The overdue list's first page by hand: the count and 200 rows with the names."""
    where = f"{ACTIVE} AND a.current_deadline < ?"
    params: list[Any] = [today.isoformat()]
    if agency_id:
        where += " AND a.current_agency_id = ?"
        params.append(agency_id)
    total = connection.execute(f"SELECT count(*) FROM action a WHERE {where}", params).fetchone()
    rows = connection.execute(
        "SELECT a.id, a.text, g.short_name, w.name, c.full_name, m.number, m.held_on, "
        "a.current_deadline, a.status FROM action a LEFT JOIN agency g ON "
        "g.id = a.current_agency_id LEFT JOIN workgroup w ON w.id = a.workgroup_id LEFT JOIN "
        "person c ON c.id = a.controller_id LEFT JOIN meeting m ON m.id = a.meeting_id "
        f"WHERE {where} ORDER BY a.current_deadline, a.id LIMIT 200", params).fetchall()
    return total[0], rows


def sql_discipline(connection: sqlite3.Connection, start: date, end: date,
                   today: date) -> list[Any]:
    first, last, day = start.isoformat(), end.isoformat(), today.isoformat()
    return connection.execute(
        "SELECT a.current_agency_id, sum(a.assigned_on BETWEEN :f AND :l), "
        "sum(a.status = 'done' AND a.done_on BETWEEN :f AND :l AND "
        "a.done_on <= a.current_deadline), sum(a.status = 'done' AND a.done_on BETWEEN :f AND "
        ":l AND a.done_on > a.current_deadline), sum(a.status IN ('open', 'reported') AND "
        "a.current_deadline < :d AND a.assigned_on <= :l), sum(a.assigned_on BETWEEN :f AND :l "
        "AND a.extensions > 0) FROM action a WHERE a.deleted = 0 AND (a.assigned_on BETWEEN :f "
        "AND :l OR a.done_on BETWEEN :f AND :l OR a.status IN ('open', 'reported') AND "
        "a.current_deadline < :d) GROUP BY a.current_agency_id",
        {"f": first, "l": last, "d": day}).fetchall()


# ---- the queries ---------------------------------------------------------------------------

def measure_queries(store: Path, runs: int, today: date, explain: bool) -> dict[str, Any]:
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig
    from workgroup_app.domain.views import ListQuery
    from workgroup_app.services import action_reports, actions

    context = open_context(AppConfig.build(database=str(store), language="en"))
    statements = Statements(context.store.engine)
    raw = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    results: dict[str, Any] = {}
    try:
        statements.label = "overview"
        results["overview"], figures = timed(lambda: action_reports.overview(context.uow(),
                                                                             today), runs)
        statements.label = ""
        results["overview_sql"], by_hand = timed(lambda: sql_overview(raw, today), runs)
        results["figures_agree"] = service_figures(figures) == by_hand
        results["active"], results["overdue"] = figures.active, figures.overdue
        busiest = figures.by_agency[0] if figures.by_agency else None
        results["agency"] = (busiest.name, busiest.overdue) if busiest else ("", 0)
        for key, agency in (("page", None), ("page_agency", busiest.id if busiest else None)):
            filters = {"overdue": "1", **({"agency_id": agency} if agency else {})}
            statements.label = key
            results[key], page = timed(lambda f=filters: actions.list_actions(  # type: ignore
                context.uow(), ListQuery(filters=f, sort="deadline"), today), runs)
            statements.label = ""
            results[key + "_sql"], (total, rows) = timed(
                lambda a=agency: sql_overdue_page(raw, today, a), runs)  # type: ignore[misc]
            results[key + "_agree"] = (page.total, [r.id for r in page.rows]) == \
                (total, [r[0] for r in rows])
            results[key + "_rows"] = (len(page.rows), page.total)
        start, end = date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
        statements.label = "discipline"
        results["discipline"], report = timed(
            lambda: action_reports.discipline(context.uow(), start, end, today), max(1, runs // 2))
        statements.label = ""
        results["discipline_sql"], _lines = timed(lambda: sql_discipline(raw, start, end, today),
                                                  max(1, runs // 2))
        results["discipline_year"] = start.year
        results["discipline_assigned"] = report.total.assigned
        if explain:
            statements.explain(store)
    finally:
        raw.close()
        context.close()
    return results


# ---- scrolling (the child process) ----------------------------------------------------------

def scroll_child(store: str, budget: float, status: str = "") -> dict[str, Any]:
    """Show the Actions page on every status (or ``status``) and move its scroll bar to the
    end until the last row is in or the budget is spent; track resident memory."""
    from bench.probe import peak_rss, rss
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig
    from workgroup_app.domain.views import ListQuery
    from workgroup_app.services import actions

    context = open_context(AppConfig.build(database=store, language="ru"))
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication, QComboBox, QTableView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    how = f"the Actions page (QTableView 'actionsTable'), status filter {status or 'all'!r}"
    try:
        from workgroup_app.ui.app import create_main_window

        window = create_main_window(context)
        window.show_page("actions")
        window.show()
        table = window.findChild(QTableView, "actionsTable")
        combo = window.findChild(QComboBox, "actionsStatusFilter")
        if table is None or combo is None:
            raise LookupError("no actionsTable or actionsStatusFilter")
        combo.setCurrentIndex(combo.findData(status))
    except (ImportError, LookupError) as missing:
        from workgroup_app.ui.models.paged import Column, PagedTableModel

        how = f"a PagedTableModel over list_actions in a QTableView ({missing})"
        model = PagedTableModel(
            [Column("Deadline", lambda r: r.deadline), Column("Text", lambda r: r.text),
             Column("Agency", lambda r: r.agency_name), Column("Status", lambda r: r.status)],
            lambda q: actions.list_actions(context.uow(), q),
            query=ListQuery(sort="deadline", filters={"status": status} if status else {}))
        window = table = QTableView()
        table.setModel(model)
        table.resize(1200, 800)
        table.show()
    model = table.model()
    while model.rowCount() == 0 and model.canFetchMore(QModelIndex()):
        app.processEvents()
    total = actions.list_actions(context.uow(), ListQuery(
        limit=1, filters={"status": status} if status else {})).total
    shown_rss = rss()
    bar = table.verticalScrollBar()
    began = time.perf_counter()
    marks, polled = [], shown_rss
    while model.rowCount() < total and time.perf_counter() - began < budget:
        before = time.perf_counter()
        bar.setValue(bar.maximum())
        app.processEvents()
        polled = max(polled, rss())
        if model.rowCount() // 10_000 > len(marks):
            marks.append((model.rowCount(), time.perf_counter() - began, rss(),
                          time.perf_counter() - before))
    for _round in range(20):
        app.processEvents()
    return {"how": how, "rows": model.rowCount(), "total": total,
            "seconds": time.perf_counter() - began, "shown_rss": shown_rss,
            "peak_rss": max(peak_rss(), polled, rss()), "end_rss": rss(), "marks": marks}


def measure_scroll(store: Path, budget: float, status: str = "") -> dict[str, Any]:
    import json

    with tempfile.TemporaryDirectory(prefix="wgbench-") as scratch:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKGROUP_DATA_DIR=scratch,
                   XDG_CONFIG_HOME=scratch)
        done = subprocess.run([sys.executable, "-m", "bench.bench_actions", "--probe-scroll",
                               str(store), "--scroll-seconds", str(budget),
                               "--scroll-status", status], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=budget + 600, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-15:]
        return {"error": f"the probe exited with {done.returncode}:\n  " + "\n  ".join(tail)}
    result: dict[str, Any] = json.loads(lines[-1][len("RESULT "):])
    if "error" in result:
        return result
    complete = result["rows"] >= result["total"] > 0
    grown = max(0, result["end_rss"] - result["shown_rss"])
    per_row = grown / max(1, result["rows"])
    result.update(complete=complete, peak_mb=result["peak_rss"] / MB,
                  shown_mb=result["shown_rss"] / MB, per_row_kb=per_row / 1024,
                  projected_mb=(result["shown_rss"] + per_row * result["total"]) / MB)
    result["pass"] = complete and result["peak_mb"] <= SCROLL_LIMIT_MB
    return result


# ---- reporting -----------------------------------------------------------------------------

def _seconds(sample: dict[str, float]) -> str:
    return (f"{sample['median']:6.3f} s  (min {sample['min']:.3f}, max {sample['max']:.3f}; "
            f"first call {sample['first']:.3f})")


def summary_rows(queries: dict[str, Any], scroll: dict[str, Any] | None) -> list[tuple[str, ...]]:
    """(benchmark, measured, baseline, target, result) for the run_all table."""
    rows: list[tuple[str, ...]] = []
    if "error" in queries:
        return [("actions: queries", "not measured", "", "", "FAIL")]
    over, by_hand = queries["overview"]["median"], queries["overview_sql"]["median"]
    ratio = over / by_hand if by_hand else float("inf")
    rows.append(("overview figures", f"{over:.3f} s", f"SQL {by_hand:.3f} s = {ratio:.2f}×",
                 f"≤ {OVERVIEW_LIMIT} s, ≤ {OVERVIEW_RATIO}×",
                 verdict(over <= OVERVIEW_LIMIT and ratio <= OVERVIEW_RATIO
                         and queries["figures_agree"])))
    for key, label in (("page", "overdue list, page 1"),
                       ("page_agency", "… with an agency filter")):
        took = queries[key]["median"]
        rows.append((label, f"{took:.3f} s", f"SQL {queries[key + '_sql']['median']:.3f} s",
                     f"≤ {PAGE_LIMIT} s", verdict(took <= PAGE_LIMIT and queries[key + "_agree"])))
    took = queries["discipline"]["median"]
    rows.append((f"discipline report {queries['discipline_year']}", f"{took:.2f} s",
                 f"SQL {queries['discipline_sql']['median']:.2f} s", f"≤ {DISCIPLINE_LIMIT:.0f} s",
                 verdict(took <= DISCIPLINE_LIMIT)))
    if scroll is not None:
        if "error" in scroll:
            rows.append(("peak RSS, scrolling actions", "not measured", "", "", "FAIL"))
        else:
            reached = "" if scroll["complete"] else \
                f" ({scroll['rows']:,} of {scroll['total']:,} rows)"
            rows.append(("peak RSS, scrolling actions", f"{scroll['peak_mb']:.0f} MB{reached}",
                         f"shown {scroll['shown_mb']:.0f} MB", f"≤ {SCROLL_LIMIT_MB} MB",
                         verdict(scroll["pass"])))
    return rows


def report(queries: dict[str, Any], scroll: dict[str, Any] | None, actions: int) -> None:
    print(f"\nExecution control on {actions:,} actions (median of runs after a warm-up):")
    if "error" in queries:
        print(f"  could not measure: {queries['error']}")
    else:
        q = queries
        print(f"  active {q['active']:,}, overdue {q['overdue']:,}; busiest agency "
              f"{q['agency'][0][:50]!r} with {q['agency'][1]:,} overdue")
        ratio = q["overview"]["median"] / q["overview_sql"]["median"]
        print(f"  overview (service)           {_seconds(q['overview'])}")
        print(f"  overview (hand-written SQL)  {_seconds(q['overview_sql'])}")
        print(f"  ratio {ratio:.2f}×, figures {'agree' if q['figures_agree'] else 'DIFFER'}; "
              f"target ≤ {OVERVIEW_LIMIT} s and ≤ {OVERVIEW_RATIO}×")
        for key, label in (("page", "overdue page 1"), ("page_agency", "… one agency")):
            shown, total = q[key + "_rows"]
            print(f"  {label:<13} (service)     {_seconds(q[key])}  {shown} of {total:,} rows")
            print(f"  {label:<13} (SQL)         {_seconds(q[key + '_sql'])}  "
                  f"{'same rows' if q[key + '_agree'] else 'DIFFERENT rows'}")
        print(f"  target ≤ {PAGE_LIMIT} s")
        print(f"  discipline {q['discipline_year']} (service) {_seconds(q['discipline'])}  "
              f"{q['discipline_assigned']:,} assigned")
        print(f"  discipline (SQL)             {_seconds(q['discipline_sql'])}")
        print(f"  target ≤ {DISCIPLINE_LIMIT} s")
    if scroll is not None:
        print("\nMemory while scrolling the actions register to its last row (fresh process):")
        if "error" in scroll:
            print(f"  could not measure: {scroll['error']}")
        else:
            print(f"  scrolled {scroll['how']}")
            print(f"  window shown {scroll['shown_mb']:.0f} MB; peak {scroll['peak_mb']:.0f} MB "
                  f"after {scroll['rows']:,} of {scroll['total']:,} rows in "
                  f"{scroll['seconds']:.0f} s")
            marks = scroll["marks"]
            for rows, seconds, resident, page in marks[::max(1, len(marks) // 12)]:
                print(f"    {rows:>9,} rows at {seconds:7.1f} s: {resident / MB:6.0f} MB, "
                      f"last page {page:.2f} s")
            if not scroll["complete"]:
                print(f"  the time budget ran out; {scroll['per_row_kb']:.2f} kB per row loaded "
                      f"projects {scroll['projected_mb']:,.0f} MB at the last row")
            print(f"  target ≤ {SCROLL_LIMIT_MB} MB: "
                  f"{verdict(scroll['pass']) if scroll['complete'] else 'FAIL (not reached)'}")
    rows = summary_rows(queries, scroll)
    print()
    for row in rows:
        print(f"  {row[0]:<30} {row[1]:<28} {row[2]:<22} {row[3]:<20} {row[4]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_actions")
    parser.add_argument("--meetings", type=int, default=DEFAULT_MEETINGS)
    parser.add_argument("--actions", type=int, default=DEFAULT_ACTIONS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="a store to use instead of the generated one")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scroll-seconds", type=float, default=900.0)
    parser.add_argument("--no-scroll", action="store_true")
    parser.add_argument("--scroll-status", default="", choices=("", "active"),
                        help="scroll only active actions (the page's default view)")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--probe-scroll", metavar="STORE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe_scroll:
        import json

        try:
            result = scroll_child(args.probe_scroll, args.scroll_seconds, args.scroll_status)
        except Exception as error:  # reported to the parent, which prints it
            result = {"error": f"{type(error).__name__}: {error}"}
        print("RESULT " + json.dumps(result), flush=True)
        os._exit(0)  # the measurement is taken; skip Qt's teardown
    store = args.db or ensure_store(args.meetings, args.actions, args.seed)
    queries = measure_queries(store, args.runs, date.today(), args.explain)
    scroll = None if args.no_scroll else measure_scroll(store, args.scroll_seconds,
                                                        args.scroll_status)
    report(queries, scroll, args.actions)
    rows = summary_rows(queries, scroll)
    return 0 if all(row[-1] == "PASS" for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
