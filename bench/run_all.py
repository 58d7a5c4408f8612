"""`make bench`: generate (or reuse) the store, run every benchmark, print a summary table.

    python -m bench.run_all [--meetings N] [--actions N] [--findings N] [--seed S] [--runs R]
                            [--scroll-seconds S] [--sync-actions N]

The generated store (100,000 meetings and 1,000,000 actions by default; ``--actions 0`` for
meetings only) is cached in bench/out/ (gitignored) by its counts and seed. The exit status
is 1 when a target is missed or could not be measured. The findings (200,000 by default;
``--findings 0`` skips them) have a store of their own, ``findings-N-seed-S.sqlite``: the
directory of the full archive with 10,000 meetings, made in about 35 s. The exchange
benchmark (``--sync-actions``, 1,000,000 by default; 0 skips it) has one too,
``sync-meetings-2000-actions-N-seed-S.sqlite``, with its offices beside it.
"""

from __future__ import annotations

import argparse
import platform
import time
from datetime import date

from bench import (
    bench_actions,
    bench_audit,
    bench_findings,
    bench_login,
    bench_minutes,
    bench_scroll_memory,
    bench_startup,
    bench_sync,
)
from bench.common import DEFAULT_MEETINGS, DEFAULT_SEED, ensure_empty_store, ensure_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run_all")
    parser.add_argument("--meetings", type=int, default=DEFAULT_MEETINGS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--actions", type=int, default=bench_actions.DEFAULT_ACTIONS)
    parser.add_argument("--runs", type=int, default=5,
                        help="start-up runs per store; timed calls per query")
    parser.add_argument("--scroll-seconds", type=float, default=900.0,
                        help="time budget for scrolling the actions register")
    parser.add_argument("--findings", type=int, default=bench_findings.DEFAULT_FINDINGS,
                        help="supervision findings in their own store (0: skip)")
    parser.add_argument("--sync-actions", type=int, default=bench_sync.DEFAULT_ACTIONS,
                        help="actions in the exchange benchmark's own store (0: skip)")
    parser.add_argument("--audit-entries", type=int, default=bench_audit.DEFAULT_ENTRIES,
                        help="entries in the audit benchmark's own trail (0: skip)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    big = bench_actions.ensure_store(args.meetings, args.actions, args.seed) if args.actions \
        else ensure_store(args.meetings, args.seed)
    empty = ensure_empty_store()
    startup = bench_startup.measure(empty, big, args.runs)
    bench_startup.report(startup, args.meetings)
    memory = bench_scroll_memory.measure(empty, big)
    bench_scroll_memory.report(memory, args.meetings)
    # Issue 7: login on an encrypted copy of the actions store vs the plain one.
    login_rows = [bench_login.run(big, args.actions, args.runs)] if args.actions else []
    actions_rows: list[tuple[str, ...]] = []
    if args.actions:
        queries = bench_actions.measure_queries(big, args.runs, date.today(), explain=False)
        scroll = bench_actions.measure_scroll(big, args.scroll_seconds)
        bench_actions.report(queries, scroll, args.actions)
        actions_rows = bench_actions.summary_rows(queries, scroll)
    findings_rows: list[tuple[str, ...]] = []
    if args.findings:
        findings_store = bench_findings.ensure_store(args.findings, args.seed)
        measured = bench_findings.measure(findings_store, args.runs, date.today())
        bench_findings.report(measured)
        findings_rows = bench_findings.summary_rows(measured)

    minutes_rows = bench_minutes.report(bench_minutes.measure(max(args.runs, 10)))
    sync_rows: list[tuple[str, ...]] = []
    if args.sync_actions:
        sync_store = bench_sync.ensure_store(args.sync_actions, bench_sync.STORE_MEETINGS,
                                             args.seed)
        exchanged = bench_sync.measure(sync_store)
        bench_sync.report(exchanged)
        sync_rows = bench_sync.summary_rows(exchanged)

    audit_rows: list[tuple[str, ...]] = []
    if args.audit_entries:
        audit_rows = bench_audit.summary_rows(
            bench_audit.measure(bench_audit.ensure_store(args.audit_entries)))

    rows = []
    if "error" in startup:
        rows.append(("start-up, big vs empty", "not measured", "≤ 1.5×", "FAIL"))
    else:
        rows.append(("start-up, big vs empty",
                     f"{startup['big']['median']:.2f} s / {startup['empty']['median']:.2f} s "
                     f"= {startup['ratio']:.2f}×", "≤ 1.5×",
                     "PASS" if startup["pass"] else "FAIL"))
    if "error" in memory:
        rows.append(("peak RSS, scrolling to the end", "not measured", "< 300 MB", "FAIL"))
    else:
        rows.append(("peak RSS, scrolling to the end",
                     f"{memory['peak_mb']:.0f} MB (empty: {memory['baseline_mb']:.0f} MB)",
                     "< 300 MB", "PASS" if memory["pass"] else "FAIL"))
    rows += login_rows
    measured_rows = actions_rows + findings_rows + sync_rows + audit_rows
    for name, measured, baseline, target, result in measured_rows:
        rows.append((name, f"{measured} ({baseline})" if baseline else measured, target, result))
    rows += minutes_rows
    print(f"\nSummary — {args.meetings:,} meetings, {args.actions:,} actions, "
          f"{args.findings:,} findings, "
          f"{platform.python_implementation()} "
          f"{platform.python_version()}, {platform.system()} {platform.machine()}, "
          f"{time.perf_counter() - began:.0f} s in all")
    width = max(len(r[1]) for r in rows)
    target_width = max(len(r[2]) for r in rows)
    print(f"  {'benchmark':<32} {'measured':<{width}}  {'target':<{target_width}} result")
    for name, measured, target, result in rows:
        print(f"  {name:<32} {measured:<{width}}  {target:<{target_width}} {result}")
    return 0 if all(r[3] == "PASS" for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
