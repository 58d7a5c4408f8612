"""The office server (issue 8): several workstations writing to one PostgreSQL store, and the
overdue overview of a country's archive there.

Targets, each printed with a baseline measured in the same run:

- ``--writers 8 --edits 1000``: eight writer processes at once, each making its edits the way
  a user does — open an action, change its text (a pause of up to ``--think-ms``), save with
  the revision opened; twenty actions shared, so saves collide often; when the save
  is refused (someone else was first) read it again and redo the change. One edit in four is
  an appended comment instead. Afterwards every mark and every comment is in the store (no
  lost update), no writer met an error other than the refusal (no deadlock or other failure
  shown to a user), and the audit chain verifies with one entry per change. Baseline: the
  same number of edits by one writer alone.
- the overdue overview on PostgreSQL with 1,000,000 actions ≤ 0.5 s: the figures
  (``action_reports.overview``) and the first page of the overdue list, on a copy of the
  bench_actions store made with ``workgroup db copy`` (``--archive URL``). Baseline: the same
  calls on the SQLite store it was copied from; the two must agree.

    python -m bench.bench_server --server postgresql+psycopg://user:pw@localhost/postgres
        [--writers 8] [--edits 1000] [--actions 200]
        [--archive postgresql+psycopg://…/wg_bench_1m --archive-source bench/out/….sqlite]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from bench.common import ROOT, median, verdict

OVERVIEW_LIMIT = 0.5
COMMENT_SHARE = 0.25
ASSIGNED = date(2026, 1, 12)


# ---- the writers -----------------------------------------------------------------------------

def _database_url(server: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(server).set(database=name).render_as_string(hide_password=False)


def _admin(server: str, statement: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def _drop(server: str, name: str) -> None:
    """Every writer has closed its connections; an autovacuum worker still in the database
    ends by itself on a plain DROP (FORCE is refused for it to a role that is not a
    superuser), so that comes first, then a few more tries."""
    for attempt in range(10):
        try:
            _admin(server, f'DROP DATABASE IF EXISTS "{name}"')
            return
        except Exception:
            if attempt == 9:
                raise
            time.sleep(0.2 * (attempt + 1))


def seed(url: str, actions_count: int) -> list[str]:
    """A migrated store with ``actions_count`` actions of one agency; their ids."""
    from workgroup_app.domain.actions import Action
    from workgroup_app.domain.entities import Agency
    from workgroup_app.services import actions, directory
    from workgroup_app.storage.database import open_store
    from workgroup_app.storage.unit_of_work import SqlUnitOfWork

    store = open_store(url)
    try:
        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(store)

        agency = directory.save_agency(uow(), uow().actor, Agency("УВД облисполкома"))
        return [actions.create_action(uow(), uow().actor, Action(
            f"Поручение {n}:", agency.id, ASSIGNED, deadline=date(2026, 12, 30))).id
            for n in range(actions_count)]
    finally:
        store.close()


def writer(url: str, number: int, edits: int, ids: list[str], seed_value: int,
           think: float = 0.0) -> dict[str, Any]:
    """One workstation's edits (run in a process of its own); what happened. ``think``:
    the longest pause, in seconds, between opening a record and saving it."""
    from workgroup_app.domain.actor import Actor
    from workgroup_app.domain.errors import ConcurrentEditError
    from workgroup_app.services import actions
    from workgroup_app.storage.database import open_store
    from workgroup_app.storage.unit_of_work import SqlUnitOfWork

    rng = random.Random(seed_value * 1000 + number)
    actor = Actor(user=f"writer{number}")
    store = open_store(url)
    refused, errors, latencies = 0, [], []
    marks, comments = [], 0
    try:
        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(store, actor)

        for step in range(edits):
            action_id = rng.choice(ids)
            began = time.perf_counter()
            try:
                if rng.random() < COMMENT_SHARE:
                    actions.comment(uow(), actor, action_id, f"w{number}.{step}", ASSIGNED)
                    comments += 1
                else:
                    mark = f"{number}.{step}"
                    while True:
                        opened = actions.get_action(uow(), action_id).action
                        expected = actions.action_revision(opened)
                        opened.text = f"{opened.text} {mark}"
                        time.sleep(rng.uniform(0, think))  # the user types
                        try:
                            actions.update_action(uow(), actor, opened, expected)
                            break
                        except ConcurrentEditError:
                            refused += 1  # the user reloads and makes the change again
                    marks.append(mark)
            except Exception as error:  # anything else would be shown to a user: counted
                errors.append(f"{type(error).__name__}: {error}"[:300])
            latencies.append(time.perf_counter() - began)
    finally:
        store.close()
    return {"marks": marks, "comments": comments, "refused": refused, "errors": errors,
            "latencies": latencies}


def run_writers(url: str, writers: int, edits: int, ids: list[str], seed_value: int,
                think: float) -> tuple[float, list[dict[str, Any]]]:
    """``writers`` processes started together; the wall time until the last one ends."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as listing:
        json.dump(ids, listing)
    began = time.perf_counter()
    # All started before any is waited for: they write at the same time.
    children = [subprocess.Popen(
        [sys.executable, "-m", "bench.bench_server", "--child", url, str(n), str(edits),
         str(seed_value), str(think), listing.name], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for n in range(writers)]
    outputs = [child.communicate() for child in children]
    elapsed = time.perf_counter() - began
    Path(listing.name).unlink()
    results = []
    for child, (out, err) in zip(children, outputs, strict=True):
        lines = [line for line in out.splitlines() if line.startswith("RESULT ")]
        if child.returncode != 0 or not lines:
            tail = "\n  ".join(err.strip().splitlines()[-10:])
            raise SystemExit(f"a writer exited with {child.returncode}:\n  {tail}")
        results.append(json.loads(lines[-1][len("RESULT "):]))
    return elapsed, results


def check_store(url: str, results: list[dict[str, Any]]) -> dict[str, Any]:
    """Every mark once in the texts, every comment recorded, the audit chain whole."""
    from workgroup_app.services import audit
    from workgroup_app.storage.database import open_store
    from workgroup_app.storage.unit_of_work import SqlUnitOfWork

    store = open_store(url)
    try:
        from sqlalchemy import text

        with store.engine.connect() as connection:
            texts = [row[0] for row in connection.execute(text("SELECT text FROM action"))]
            comments = connection.execute(text(
                "SELECT count(*) FROM action_event WHERE kind = 'comment'")).scalar_one()
            seqs = [row[0] for row in connection.execute(text(
                "SELECT seq FROM audit_event ORDER BY seq"))]
        found = [word for t in texts for word in t.split()[2:]]
        wanted = [mark for r in results for mark in r["marks"]]
        verified = audit.verify(SqlUnitOfWork(store))
    finally:
        store.close()
    return {"marks_kept": sorted(found) == sorted(wanted), "marks": len(wanted),
            "marks_found": len(found),
            "comments_kept": comments == sum(r["comments"] for r in results),
            "comments": comments, "chain_intact": verified.intact,
            "seq_contiguous": seqs == list(range(1, len(seqs) + 1)), "entries": len(seqs)}


def measure_writers(server: str, writers: int, edits: int, actions_count: int,
                    seed_value: int, think: float) -> dict[str, Any]:
    report: dict[str, Any] = {}
    for label, processes, each in (("alone", 1, edits * writers), ("together", writers, edits)):
        name = f"wg_bench_writers_{uuid.uuid4().hex[:8]}"
        _admin(server, f'CREATE DATABASE "{name}"')
        url = _database_url(server, name)
        try:
            ids = seed(url, actions_count)
            elapsed, results = run_writers(url, processes, each, ids, seed_value, think)
            latencies = [x for r in results for x in r["latencies"]]
            report[label] = {
                "seconds": elapsed, "edits": len(latencies),
                "refused": sum(r["refused"] for r in results),
                "errors": [e for r in results for e in r["errors"]],
                "p50": median(latencies),
                "p95": statistics.quantiles(latencies, n=20)[18] if len(latencies) > 20 else 0,
                **check_store(url, results)}
        finally:
            _drop(server, name)
    return report


# ---- the overview of the archive ------------------------------------------------------------

def measure_overview(target: str, runs: int, today: date) -> dict[str, Any]:
    from bench.bench_actions import service_figures, timed
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig
    from workgroup_app.domain.views import ListQuery
    from workgroup_app.services import action_reports, actions

    context = open_context(AppConfig.build(database=target, language="en"))
    try:
        overview, figures = timed(lambda: action_reports.overview(context.uow(), today), runs)
        page, rows = timed(lambda: actions.list_actions(
            context.uow(), ListQuery(filters={"overdue": "1"}, sort="deadline"), today), runs)
        return {"overview": overview, "page": page, "figures": service_figures(figures),
                "rows": [r.id for r in rows.rows], "total": rows.total,
                "overdue": figures.overdue, "active": figures.active}
    finally:
        context.close()


# ---- reporting ------------------------------------------------------------------------------

def report_writers(found: dict[str, Any], writers: int, edits: int) -> bool:
    alone, together = found["alone"], found["together"]
    ok = True
    print(f"\n{writers} writers × {edits} edits against PostgreSQL "
          f"(one in {round(1 / COMMENT_SHARE)} an appended comment):")
    for label, r in (("one writer alone", alone), (f"{writers} writers at once", together)):
        rate = r["edits"] / r["seconds"]
        print(f"  {label:20} {r['edits']:,} edits in {r['seconds']:.1f} s = {rate:.0f}/s; "
              f"per edit median {r['p50'] * 1000:.1f} ms, 95% {r['p95'] * 1000:.1f} ms; "
              f"saves refused and redone {r['refused']:,}")
        passed = (r["marks_kept"] and r["comments_kept"] and r["chain_intact"]
                  and r["seq_contiguous"] and not r["errors"])
        print(f"  {'':20} marks {r['marks_found']:,}/{r['marks']:,} kept: {r['marks_kept']}; "
              f"comments {r['comments']:,} kept: {r['comments_kept']}; audit entries "
              f"{r['entries']:,}, chain intact: {r['chain_intact']}, seq contiguous: "
              f"{r['seq_contiguous']}; errors shown: {len(r['errors'])}  {verdict(passed)}")
        for error in r["errors"][:5]:
            print(f"      {error}")
        ok = ok and passed
    ratio = together["seconds"] / alone["seconds"]
    print(f"  wall time together / alone = {ratio:.2f}× (the same number of edits)")
    return ok


def report_overview(server: dict[str, Any], local: dict[str, Any]) -> bool:
    agree = (server["figures"] == local["figures"] and server["rows"] == local["rows"]
             and server["total"] == local["total"])
    print(f"\nthe overdue overview, {server['active']:,} active actions, "
          f"{server['overdue']:,} overdue (median of the runs; first call in brackets):")
    ok = agree
    for key, label in (("overview", "overview figures"), ("page", "overdue list, page 1")):
        pg, lite = server[key]["median"], local[key]["median"]
        passed = pg <= OVERVIEW_LIMIT
        ok = ok and passed
        print(f"  {label:22} PostgreSQL {pg:.3f} s ({server[key]['first']:.3f})  "
              f"SQLite {lite:.3f} s ({local[key]['first']:.3f}) = {pg / lite:.2f}×  "
              f"target ≤ {OVERVIEW_LIMIT} s  {verdict(passed)}")
    print(f"  PostgreSQL and SQLite agree on the figures and the page: {agree}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", help="a PostgreSQL URL whose role may create databases")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--actions", type=int, default=20,
                        help="how many actions the writers share (few: they collide often)")
    parser.add_argument("--think-ms", type=float, default=20,
                        help="the longest pause between opening an action and saving it")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--archive", help="the 1,000,000-action store on the server")
    parser.add_argument("--archive-source", type=Path, help="the SQLite store it was copied "
                        "from (the baseline)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        url, number, edits, seed_value, think, listing = args.child
        ids = json.loads(Path(listing).read_text())
        result = writer(url, int(number), int(edits), ids, int(seed_value), float(think))
        print("RESULT " + json.dumps(result))
        return 0
    ok = True
    if args.server:
        found = measure_writers(args.server, args.writers, args.edits, args.actions, args.seed,
                                args.think_ms / 1000)
        ok = report_writers(found, args.writers, args.edits) and ok
    if args.archive:
        if args.archive_source is None:
            parser.error("--archive needs --archive-source (the baseline)")
        today = date.today()
        server = measure_overview(args.archive, args.runs, today)
        local = measure_overview(str(args.archive_source), args.runs, today)
        ok = report_overview(server, local) and ok
    if not (args.server or args.archive):
        parser.error("give --server, --archive or both")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
