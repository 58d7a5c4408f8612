"""Memory: scrolling the meetings list of a 100,000-meeting store from top to bottom.

Target (the issue): resident memory stays under 300 MB. A fresh process (`bench.probe scroll`)
shows the main window on the meetings page, then moves the table's scroll bar to its end again
and again — each time the view asks the lazy model for more — until every meeting is loaded.
The peak is the OS's high-water mark of the process (VmHWM on Linux; peak working set on Windows).
The baseline is the same window shown on an empty store.

    python -m bench.bench_scroll_memory [--meetings N] [--seed S] [--db STORE]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bench.common import (
    DEFAULT_MEETINGS,
    DEFAULT_SEED,
    MB,
    ensure_empty_store,
    ensure_store,
    run_probe,
    verdict,
)

LIMIT_MB = 300


def measure(empty: Path, big: Path) -> dict[str, Any]:
    baseline = run_probe("scroll", empty)
    if "error" in baseline:
        return {"error": baseline["error"]}
    result = run_probe("scroll", big)
    if "error" in result:
        return {"error": result["error"]}
    complete = result["rows"] >= result["total"] > 0
    peak = result["peak_rss"] / MB
    return {"baseline_mb": baseline["shown_rss"] / MB, "shown_mb": result["shown_rss"] / MB,
            "peak_mb": peak, "rows": result["rows"], "total": result["total"],
            "seconds": result["seconds"], "complete": complete,
            "pass": complete and peak < LIMIT_MB}


def report(summary: dict[str, Any], meetings: int) -> None:
    print("\nMemory while scrolling the meetings list from top to bottom (fresh process):")
    if "error" in summary:
        print(f"  could not measure: {summary['error']}")
        return
    lines = [("empty store, window shown", f"{summary['baseline_mb']:7.1f} MB"),
             (f"{meetings:,} meetings, window shown", f"{summary['shown_mb']:7.1f} MB"),
             ("peak while scrolling", f"{summary['peak_mb']:7.1f} MB  ({summary['rows']:,} of "
              f"{summary['total']:,} rows in {summary['seconds']:.1f} s)"),
             (f"target: peak < {LIMIT_MB} MB", verdict(summary["pass"]) if summary["complete"]
              else "FAIL (the end of the list was not reached)")]
    for label, value in lines:
        print(f"  {label:<36} {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_scroll_memory")
    parser.add_argument("--meetings", type=int, default=DEFAULT_MEETINGS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--db", type=Path, help="a store to use instead of the generated one")
    args = parser.parse_args(argv)
    big = args.db or ensure_store(args.meetings, args.seed)
    summary = measure(ensure_empty_store(), big)
    report(summary, args.meetings)
    return 0 if summary.get("pass") else 1


if __name__ == "__main__":
    raise SystemExit(main())
