"""Start-up: the time from a fresh process to the main window showing the first page of the
meetings list, on an empty store and on a store of 100,000 meetings.

Target (the issue): with 100,000 meetings the window is shown within 1.5× the time it takes
on an empty store. Each run is a new interpreter (`bench.probe startup`); the two stores are
measured alternately after one discarded warm-up run each, and the medians are compared.

    python -m bench.bench_startup [--meetings N] [--seed S] [--runs R] [--db STORE]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bench.common import (
    DEFAULT_MEETINGS,
    DEFAULT_SEED,
    ensure_empty_store,
    ensure_store,
    median,
    run_probe,
    verdict,
)

TARGET = 1.5


def measure(empty: Path, big: Path, runs: int = 5) -> dict[str, Any]:
    stores = {"empty": empty, "big": big}
    samples: dict[str, list[dict[str, Any]]] = {"empty": [], "big": []}
    for key, store in stores.items():  # warm-up: the OS file cache, Python's bytecode cache
        result = run_probe("startup", store)
        if "error" in result:
            return {"error": result["error"]}
        if key == "big" and not result["rows"]:
            return {"error": "the meetings list of the big store showed no rows"}
    for _run in range(runs):
        for key, store in stores.items():
            result = run_probe("startup", store)
            if "error" in result:
                return {"error": result["error"]}
            samples[key].append(result)
    summary: dict[str, Any] = {"runs": runs}
    for key, results in samples.items():
        seconds = [r["seconds"] for r in results]
        summary[key] = {"median": median(seconds), "min": min(seconds), "max": max(seconds),
                        "opened": median([r["opened"] for r in results]),
                        "built": median([r["built"] for r in results]),
                        "wall": median([r["wall"] for r in results]),
                        "rows": results[-1]["rows"]}
    summary["ratio"] = summary["big"]["median"] / summary["empty"]["median"]
    summary["pass"] = summary["ratio"] <= TARGET
    return summary


def report(summary: dict[str, Any], meetings: int) -> None:
    print(f"\nStart-up to the first page of meetings (fresh process each, median of "
          f"{summary.get('runs', '?')}):")
    if "error" in summary:
        print(f"  could not measure: {summary['error']}")
        return
    for key, label in (("empty", "empty store"), ("big", f"{meetings:,} meetings")):
        s = summary[key]
        print(f"  {label:<18} {s['median']:6.3f} s  (min {s['min']:.3f}, max {s['max']:.3f}; "
              f"store open {s['opened']:.3f}, window built {s['built']:.3f}; "
              f"whole process {s['wall']:.3f}; {s['rows']} rows shown)")
    print(f"  ratio              {summary['ratio']:6.2f}×  target ≤ {TARGET}×  "
          f"{verdict(summary['pass'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_startup")
    parser.add_argument("--meetings", type=int, default=DEFAULT_MEETINGS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="a store to use instead of the generated one")
    args = parser.parse_args(argv)
    big = args.db or ensure_store(args.meetings, args.seed)
    summary = measure(ensure_empty_store(), big, args.runs)
    report(summary, args.meetings)
    return 0 if summary.get("pass") else 1


if __name__ == "__main__":
    raise SystemExit(main())
