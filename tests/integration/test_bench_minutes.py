"""The minutes benchmark still runs (its figures are checked by `make bench`, not here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_minutes_benchmark_runs_and_rebuilds_identically(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "bench.bench_minutes", "--runs", "1"],
                          capture_output=True, text=True, cwd=ROOT, timeout=240,
                          env={"PATH": "/usr/bin:/bin", "WORKGROUP_DATA_DIR": str(tmp_path),
                               "HOME": str(tmp_path)})
    assert done.returncode in (0, 1), done.stderr
    assert "byte-identical rebuild: True" in done.stdout, done.stdout + done.stderr
    assert "all valid: True" in done.stdout, done.stdout
