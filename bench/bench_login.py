"""Login on an encrypted store: the time from a fresh process to the main window showing the
first page of meetings — the store opened, a user signed in, the window built — on an
encrypted copy of a store against the plain store of the same data, in the same run.

Target (issue 7): on a store with 1,000,000 actions the encrypted start is ≤ 1.5× the plain
one. Both stores are made from the generated actions store (bench_actions): a copy with one
administrator account ("login-plain-…"), and that copy encrypted by the program's own
conversion with a random key kept in a file keyring beside them ("login-encrypted-…",
``login-keyring.json``) — the app's default where a keyring exists. Each run is a new
interpreter (``bench.login_probe``); the two stores are measured alternately after one
discarded warm-up run each, and the medians are compared.

    python -m bench.bench_login [--meetings N] [--actions N] [--seed S] [--runs R]

The default is 10,000 meetings and 100,000 actions (prepared in about 1.5 minutes);
``--actions 1000000 --meetings 100000`` measures the issue's figure on the store run_all uses
(about 7 GB: the two copies take about 5 minutes and 14 GB more the first time).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import DEFAULT_SEED, OUT, ROOT, median, verdict

TARGET = 1.5
DEFAULT_MEETINGS = 10_000
DEFAULT_ACTIONS = 100_000
USER, PASSWORD = "bench-admin", "Bench-login-2024"
KEYRING = OUT / "login-keyring.json"


def _copy(source: Path, target: Path) -> None:
    """The store file alone, its journal written back into it first (a probe exits without
    closing the store, leaving the journal of the plain store beside it)."""
    if source.with_name(source.name + "-wal").exists():
        connection = sqlite3.connect(source)  # the plain stores only: the source of a copy
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    shutil.copyfile(source, target)


def _with_account(base: Path, target: Path) -> None:
    """A copy of ``base`` with the administrator the benchmark signs in as."""
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig
    from workgroup_app.services import users

    work = target.with_name(target.name + ".making")
    _copy(base, work)
    context = open_context(AppConfig.build(database=str(work), language="ru"))
    users.create_first_administrator(context.uow(), USER, "Администратор", PASSWORD)
    context.close()
    os.replace(work, target)


def _key_kept(path: Path) -> bool:
    from workgroup_app.domain.encryption import keyring_name

    if not path.exists() or not KEYRING.exists():
        return False
    with path.open("rb") as handle:
        salt = handle.read(16)
    return f"workgroup\n{keyring_name(salt)}" in json.loads(KEYRING.read_text())


def _encrypted(plain: Path, target: Path) -> None:
    """An encrypted copy of ``plain``, its key in the benchmark's keyring file."""
    from workgroup_app.domain.encryption import keyring_name
    from workgroup_app.storage import encryption

    work = target.with_name(target.name + ".making")
    _copy(plain, work)
    key = encryption.new_key()
    kept = json.loads(KEYRING.read_text()) if KEYRING.exists() else {}
    kept[f"workgroup\n{keyring_name(key.salt)}"] = key.key.hex()  # before the file uses it
    KEYRING.write_text(json.dumps(kept))
    began = time.perf_counter()
    encryption.encrypt(work, key)
    print(f"encrypted in {time.perf_counter() - began:.0f} s", flush=True)
    os.replace(work, target)


def prepare(base: Path) -> tuple[Path, Path]:
    """(plain, encrypted) stores of the same data, made once and cached in bench/out/."""
    plain = OUT / f"login-plain-{base.name}"
    encrypted = OUT / f"login-encrypted-{base.name}"
    if not plain.exists():
        print(f"copying {base.name} with an administrator account …", flush=True)
        _with_account(base, plain)
        encrypted.unlink(missing_ok=True)
    if not _key_kept(encrypted):
        print(f"encrypting a copy of {plain.name} …", flush=True)
        _encrypted(plain, encrypted)
    return plain, encrypted


def run_login(store: Path, timeout: float = 1800) -> dict[str, Any]:
    """``bench.login_probe STORE`` in a fresh interpreter, with the benchmark's keyring."""
    with tempfile.TemporaryDirectory(prefix="wgbench-") as scratch:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKGROUP_DATA_DIR=scratch,
                   XDG_CONFIG_HOME=scratch, BENCH_TIMEOUT=str(timeout),
                   PYTHON_KEYRING_BACKEND="bench.file_keyring.FileKeyring",
                   BENCH_KEYRING=str(KEYRING), BENCH_USER=USER, BENCH_PASSWORD=PASSWORD)
        env.pop("WORKGROUP_DB_PASSPHRASE", None)
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "bench.login_probe", str(store)],
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


def measure(plain: Path, encrypted: Path, runs: int = 5) -> dict[str, Any]:
    stores = {"plain": plain, "encrypted": encrypted}
    samples: dict[str, list[dict[str, Any]]] = {"plain": [], "encrypted": []}
    for key, store in stores.items():  # warm-up: the OS file cache, Python's bytecode cache
        result = run_login(store)
        if "error" in result:
            return {"error": result["error"]}
        if result["encrypted"] != (key == "encrypted") or not result["rows"]:
            return {"error": f"the {key} store did not open as expected: {result}"}
    for _run in range(runs):
        for key, store in stores.items():
            result = run_login(store)
            if "error" in result:
                return {"error": result["error"]}
            samples[key].append(result)
    summary: dict[str, Any] = {"runs": runs}
    for key, results in samples.items():
        seconds = [r["seconds"] for r in results]
        summary[key] = {"median": median(seconds), "min": min(seconds), "max": max(seconds),
                        "opened": median([r["opened"] for r in results]),
                        "signed_in": median([r["signed_in"] for r in results]),
                        "wall": median([r["wall"] for r in results]),
                        "rows": results[-1]["rows"]}
    summary["ratio"] = summary["encrypted"]["median"] / summary["plain"]["median"]
    summary["pass"] = summary["ratio"] <= TARGET
    return summary


def report(summary: dict[str, Any], actions: int) -> None:
    print(f"\nLogin to the main window, {actions:,} actions, encrypted vs plain (fresh process "
          f"each, median of {summary.get('runs', '?')}):")
    if "error" in summary:
        print(f"  could not measure: {summary['error']}")
        return
    for key in ("plain", "encrypted"):
        s = summary[key]
        print(f"  {key:<10} {s['median']:6.3f} s  (min {s['min']:.3f}, max {s['max']:.3f}; "
              f"store open {s['opened']:.3f}, signed in {s['signed_in']:.3f}; "
              f"whole process {s['wall']:.3f}; {s['rows']} rows shown)")
    print(f"  ratio      {summary['ratio']:6.2f}×  target ≤ {TARGET}×  "
          f"{verdict(summary['pass'])}")


def summary_row(summary: dict[str, Any], actions: int) -> tuple[str, str, str, str]:
    name = f"login, encrypted vs plain ({actions:,} actions)"
    if "error" in summary:
        return (name, "not measured", f"≤ {TARGET}×", "FAIL")
    return (name, f"{summary['encrypted']['median']:.2f} s / {summary['plain']['median']:.2f} s"
            f" = {summary['ratio']:.2f}×", f"≤ {TARGET}×", verdict(summary["pass"]))


def run(base: Path, actions: int, runs: int) -> tuple[str, str, str, str]:
    """Prepare, measure and report on the generated store ``base``; the summary row of
    run_all."""
    from workgroup_app.storage import encryption

    if encryption.available():
        summary = measure(*prepare(base), runs)
    else:
        summary = {"error": "sqlcipher3 is not installed: encrypted stores cannot be opened"}
    report(summary, actions)
    return summary_row(summary, actions)


def main(argv: list[str] | None = None) -> int:
    from bench import bench_actions

    parser = argparse.ArgumentParser(prog="python -m bench.bench_login")
    parser.add_argument("--meetings", type=int, default=DEFAULT_MEETINGS)
    parser.add_argument("--actions", type=int, default=DEFAULT_ACTIONS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    base = bench_actions.ensure_store(args.meetings, args.actions, args.seed)
    return 0 if run(base, args.actions, args.runs)[3] == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
