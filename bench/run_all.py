"""`make bench`: generate (or reuse) the store, run every benchmark, print a summary table.

    python -m bench.run_all [--meetings N] [--seed S] [--runs R]

The generated store is cached in bench/out/ (gitignored) by meetings and seed. The exit status
is 1 when a target is missed or could not be measured.
"""

from __future__ import annotations

import argparse
import platform
import time

from bench import bench_scroll_memory, bench_startup
from bench.common import DEFAULT_MEETINGS, DEFAULT_SEED, ensure_empty_store, ensure_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run_all")
    parser.add_argument("--meetings", type=int, default=DEFAULT_MEETINGS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--runs", type=int, default=5, help="start-up runs per store")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    big = ensure_store(args.meetings, args.seed)
    empty = ensure_empty_store()
    startup = bench_startup.measure(empty, big, args.runs)
    bench_startup.report(startup, args.meetings)
    memory = bench_scroll_memory.measure(empty, big)
    bench_scroll_memory.report(memory, args.meetings)

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
    print(f"\nSummary — {args.meetings:,} meetings, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.system()} {platform.machine()}, "
          f"{time.perf_counter() - began:.0f} s in all")
    width = max(len(r[1]) for r in rows)
    print(f"  {'benchmark':<32} {'measured':<{width}}  {'target':<9} result")
    for name, measured, target, result in rows:
        print(f"  {name:<32} {measured:<{width}}  {target:<9} {result}")
    return 0 if all(r[3] == "PASS" for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
