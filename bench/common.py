"""What the benchmark drivers share: the cached stores, running a probe in a fresh process."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# No automatic backups in benchmarks (bootstrap.AUTO_BACKUP_VARIABLE): a first open of the day
# would copy a multi-gigabyte store and be timed with it. Child processes inherit this.
os.environ.setdefault("WORKGROUP_AUTO_BACKUP", "0")
# Stores made by the benchmarks stay plain (domain.encryption.SWITCH_VARIABLE); bench_login
# encrypts its own copy.
os.environ.setdefault("WORKGROUP_DB_ENCRYPTION", "off")

OUT = Path(__file__).resolve().parent / "out"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MEETINGS = 100_000
DEFAULT_SEED = 1
MB = 1024 * 1024


def store_path(meetings: int, seed: int = DEFAULT_SEED) -> Path:
    return OUT / f"meetings-{meetings}-seed-{seed}.sqlite"


def ensure_store(meetings: int, seed: int = DEFAULT_SEED) -> Path:
    """The generated store for (meetings, seed), made once and cached in bench/out/."""
    path = store_path(meetings, seed)
    if path.exists():
        print(f"using the cached store {path.relative_to(ROOT)}")
        return path
    from bench.generate import generate

    OUT.mkdir(parents=True, exist_ok=True)
    print(f"generating {meetings:,} meetings into {path.relative_to(ROOT)} …", flush=True)
    counts = generate(path, meetings, seed)
    print(f"generated in {counts['seconds']} s: " + ", ".join(
        f"{v:,} {k}" for k, v in counts.items() if k != "seconds"), flush=True)
    return path


def ensure_empty_store() -> Path:
    """An empty store (schema and office id only), made once."""
    path = OUT / "empty.sqlite"
    if not path.exists():
        from workgroup_app.storage.database import open_store

        OUT.mkdir(parents=True, exist_ok=True)
        open_store(path).close()
    return path


def run_probe(kind: str, store: Path, timeout: float = 1800) -> dict[str, Any]:
    """Run ``bench.probe KIND STORE`` in a fresh interpreter, headless, with its own settings
    folders; return its result with ``wall`` (the whole process, as the parent saw it)."""
    with tempfile.TemporaryDirectory(prefix="wgbench-") as scratch:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKGROUP_DATA_DIR=scratch,
                   XDG_CONFIG_HOME=scratch, BENCH_TIMEOUT=str(timeout))
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "bench.probe", kind, str(store)],
                              cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=timeout + 120, check=False)
        wall = time.perf_counter() - began
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-15:]
        return {"error": f"the probe exited with {done.returncode}:\n  " + "\n  ".join(tail)}
    result: dict[str, Any] = json.loads(lines[-1][len("RESULT "):])
    result["wall"] = wall
    return result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"
