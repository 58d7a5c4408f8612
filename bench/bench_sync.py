"""Exchange between offices at scale: 1,000,000 actions and their events (issue 6).

Targets, each printed with a baseline measured in the same run on the same store:

- a full export (``services.exchange.export_bundles`` to a folder, for one trusted office)
  ≤ 2× ``sqlite3 STORE .dump | gzip``;
- importing that bundle into an empty store (``services.exchange_import.import_path``, in a
  child process) ≤ 3× loading the dump into an empty database (``gunzip | sqlite3 NEW``);
- the import's peak resident memory (the child's ``VmHWM`` and its ``ru_maxrss``) ≤ 500 MB;
- an incremental export of 1,000 changed records, once the peer has acknowledged the full
  export, ≤ 1 s (it sends the 1,000 actions and the 1,000 audit entries of their edits).

Without the ``sqlite3`` command-line shell the baselines are Python's ``sqlite3``
(``iterdump()`` through ``gzip`` at level 6, and ``executescript``); the output says which.

The store (``bench/out/sync-meetings-M-actions-N-seed-S.sqlite``) is made by the generator
with a small archive (2,000 meetings, one region's directory) so that nearly all of it is the
actions and their events; this office's identity is set up in it once (passphrase, no
keyring), with a receiving office (an empty store with its own identity) that the two trust
both ways; their keys and the receiver's empty store live in ``….offices/`` beside it. Each run
works on copies in ``bench/out/sync-run/`` (removed afterwards), so the cached store stays as
generated: the full export counts as sent only in the copy.

    python -m bench.bench_sync [--actions N] [--meetings M] [--seed S] [--changes C] [--keep]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import MB, OUT, ROOT, verdict

DEFAULT_ACTIONS = 1_000_000
STORE_MEETINGS = 2_000
DEFAULT_CHANGES = 1_000
EXPORT_RATIO, IMPORT_RATIO, MEMORY_MB, INCREMENTAL_LIMIT = 2.0, 3.0, 500, 1.0
PASSPHRASE = "bench exchange passphrase"
NO_KEYRING = "keyring.backends.fail.Keyring"  # never the user's keyring


def store_path(actions: int, meetings: int, seed: int) -> Path:
    return OUT / f"sync-meetings-{meetings}-actions-{actions}-seed-{seed}.sqlite"


def offices_dir(store: Path) -> Path:
    return store.with_suffix(".offices")


# ---- the stores and the two offices --------------------------------------------------------

def _context(database: Path, data_dir: Path) -> Any:
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig

    return open_context(AppConfig.build(database=str(database), language="en",
                                        data_dir=data_dir))


def ensure_store(actions: int, meetings: int, seed: int) -> Path:
    """The generated store with its office identity and a trusted receiving office."""
    path = store_path(actions, meetings, seed)
    folder = offices_dir(path)
    if path.exists() and (folder / "ready.json").exists():
        print(f"using the cached store {path.relative_to(ROOT)}")
        return path
    if not path.exists():
        from bench.generate import generate

        OUT.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {actions:,} actions (and {meetings:,} meetings) into "
              f"{path.relative_to(ROOT)} …", flush=True)
        counts = generate(path, meetings, seed, progress=False, actions=actions)
        print(f"generated in {counts['seconds']} s: " + ", ".join(
            f"{v:,} {k}" for k, v in counts.items() if k != "seconds"), flush=True)
    _set_up_offices(path, folder)
    return path


def _set_up_offices(store: Path, folder: Path) -> None:
    """This office (in the store) and an empty receiving office, trusting each other."""
    from workgroup_app.services import offices

    source = _context(store, folder / "source")
    try:
        if offices.own_office(source.uow()) is not None:
            raise SystemExit(f"{store} has an office identity but its keys are gone; delete "
                             "the store to generate it again")
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "receiver").mkdir(parents=True)
        receiver = _context(folder / "receiver" / "empty.sqlite", folder / "receiver")
        try:
            offices.init_office(source.uow(), source.keychain, name="Source office",
                                region="Region", country="BY", passphrase=PASSPHRASE)
            offices.init_office(receiver.uow(), receiver.keychain, name="Receiving office",
                                region="Region", country="BY", passphrase=PASSPHRASE)
            for here, there in ((source, receiver), (receiver, source)):
                card = offices.export_card(there.uow(), there.keychain, PASSPHRASE)
                shown = offices.preview_card(here.uow(), card).fingerprint
                offices.trust_card(here.uow(), card, shown)
            sites = {"source": source.office_id, "receiver": receiver.office_id}
        finally:
            receiver.close()
    finally:
        source.close()
    for database in (store, folder / "receiver" / "empty.sqlite"):
        connection = sqlite3.connect(database)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
    (folder / "ready.json").write_text(json.dumps(sites))


# ---- the baselines ----------------------------------------------------------------------------

def sqlite_cli() -> str | None:
    return shutil.which("sqlite3")


def dump(store: Path, target: Path) -> float:
    """``sqlite3 STORE .dump | gzip > target``, in seconds."""
    began = time.perf_counter()
    cli = sqlite_cli()
    if cli:
        with target.open("wb") as out:
            dumper = subprocess.Popen([cli, str(store), ".dump"], stdout=subprocess.PIPE)
            packer = subprocess.Popen(["gzip", "-c"], stdin=dumper.stdout, stdout=out)
            assert dumper.stdout is not None
            dumper.stdout.close()
            if packer.wait() or dumper.wait():
                raise RuntimeError("sqlite3 .dump | gzip failed")
    else:
        connection = sqlite3.connect(store)
        with gzip.open(target, "wt", encoding="utf-8", compresslevel=6) as out:
            for line in connection.iterdump():
                out.write(line + "\n")
        connection.close()
    return time.perf_counter() - began


def load(source: Path, database: Path) -> float:
    """``gunzip -c source | sqlite3 database`` into a new file, in seconds."""
    began = time.perf_counter()
    cli = sqlite_cli()
    if cli:
        unpacker = subprocess.Popen(["gunzip", "-c", str(source)], stdout=subprocess.PIPE)
        loader = subprocess.Popen([cli, str(database)], stdin=unpacker.stdout,
                                  stdout=subprocess.DEVNULL)
        assert unpacker.stdout is not None
        unpacker.stdout.close()
        if loader.wait() or unpacker.wait():
            raise RuntimeError("gunzip | sqlite3 failed")
    else:
        connection = sqlite3.connect(database)
        with gzip.open(source, "rt", encoding="utf-8") as script:
            connection.executescript(script.read())
        connection.close()
    return time.perf_counter() - began


# ---- the import, in a child process ---------------------------------------------------------

def probe_import(data_dir: Path, database: Path, drive: Path, work: Path) -> None:
    """The child: import everything on ``drive``, print RESULT {seconds, outcomes, peak}."""
    from workgroup_app.services import exchange_import

    context = _context(database, data_dir)
    try:
        began = time.perf_counter()
        outcomes = exchange_import.import_path(context.uow(), context.keychain, drive, work,
                                               passphrase=PASSPHRASE)
        seconds = time.perf_counter() - began
    finally:
        context.close()
    print("RESULT " + json.dumps({
        "seconds": seconds, "peak_kb": _vm_hwm_kb(),
        "outcomes": [{"outcome": o.outcome.value, "new": o.new, "changed": o.changed,
                      "message": o.message} for o in outcomes]}), flush=True)


def _vm_hwm_kb(status: Path | None = None) -> int:
    """The peak resident memory in kB of this process (or of the one whose ``status`` file
    is given): ``VmHWM`` on Linux; elsewhere this process's ``ru_maxrss``."""
    try:
        for line in (status or Path("/proc/self/status")).read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    if status is not None:
        return 0
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_import(data_dir: Path, database: Path, drive: Path, work: Path) -> dict[str, Any]:
    """Run the import probe; its result with ``wall`` and ``polled_kb``, the highest ``VmHWM``
    read from the parent while it ran (``ru_maxrss`` of a child is no use here: it counts the
    parent's pages the child had between fork and exec)."""
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.bench_sync", "--probe-import", str(data_dir),
         str(database), str(drive), str(work)], cwd=ROOT, stdout=subprocess.PIPE,
        env=dict(os.environ, PYTHON_KEYRING_BACKEND=NO_KEYRING))
    status = Path(f"/proc/{child.pid}/status")
    polled = [0]

    def poll() -> None:
        while child.poll() is None:
            polled[0] = max(polled[0], _vm_hwm_kb(status))
            time.sleep(0.2)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    output, _ = child.communicate()
    watcher.join()
    wall = time.perf_counter() - began
    lines = [line for line in output.decode("utf-8", "replace").splitlines()
             if line.startswith("RESULT ")]
    if not lines:
        return {"error": f"the import probe exited with {child.returncode}"}
    result: dict[str, Any] = json.loads(lines[-1][len("RESULT "):])
    result["wall"] = wall
    result["polled_kb"] = polled[0]
    return result


# ---- measuring --------------------------------------------------------------------------------

def _counts(database: Path) -> dict[str, Any]:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        counts: dict[str, Any] = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("action", "action_event", "action_co_agency", "sync_change")}
        counts["statuses"] = dict(connection.execute(
            "SELECT status, count(*) FROM action GROUP BY status ORDER BY status").fetchall())
        return counts
    finally:
        connection.close()


def _change_records(context: Any, count: int) -> float:
    """Edit the text of ``count`` actions through the services, as users would."""
    from workgroup_app.domain.actor import LOCAL_ADMIN
    from workgroup_app.services import actions

    connection = sqlite3.connect(f"file:{context.store.path}?mode=ro", uri=True)
    total = connection.execute("SELECT count(*) FROM action").fetchone()[0]
    step = max(1, total // count)
    ids = [r[0] for r in connection.execute(
        "SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM action) "
        "WHERE n % ? = 0 LIMIT ?", (step, count))]
    connection.close()
    began = time.perf_counter()
    for action_id in ids:
        action = actions.get_action(context.uow(), action_id).action
        actions.update_action(context.uow(), LOCAL_ADMIN,
                              replace(action, text=action.text + " (уточнено)"))
    return time.perf_counter() - began


def measure(store: Path, changes: int = DEFAULT_CHANGES, keep: bool = False
            ) -> dict[str, Any]:
    from workgroup_app.services import exchange

    os.environ["PYTHON_KEYRING_BACKEND"] = NO_KEYRING
    folder = offices_dir(store)
    sites = json.loads((folder / "ready.json").read_text())
    run = OUT / "sync-run"
    shutil.rmtree(run, ignore_errors=True)
    run.mkdir(parents=True)
    r: dict[str, Any] = {"baseline": "sqlite3 CLI" if sqlite_cli() else
                         "Python sqlite3 (iterdump + gzip; executescript)"}
    try:
        source, receiver = run / "source.sqlite", run / "receiver.sqlite"
        began = time.perf_counter()
        shutil.copyfile(store, source)
        shutil.copyfile(folder / "receiver" / "empty.sqlite", receiver)
        r["copy"] = time.perf_counter() - began
        r["source"] = _counts(source)
        r["store_mb"] = source.stat().st_size / MB

        r["dump"] = dump(source, run / "dump.sql.gz")
        r["dump_mb"] = (run / "dump.sql.gz").stat().st_size / MB

        drive = run / "drive"
        drive.mkdir()
        context = _context(source, folder / "source")
        try:
            began = time.perf_counter()
            results = exchange.export_bundles(context.uow(), context.keychain, drive,
                                              run / "source-work",
                                              recipients=[sites["receiver"]],
                                              passphrase=PASSPHRASE)
            r["export"] = time.perf_counter() - began
            r["export_rows"], r["export_blobs"] = results[0].rows, results[0].blobs
            r["bundle_mb"] = results[0].size / MB

            r["load"] = load(run / "dump.sql.gz", run / "loaded.sqlite")
            (run / "dump.sql.gz").unlink()
            (run / "loaded.sqlite").unlink()

            imported = run_import(folder / "receiver", receiver, drive, run / "receiver-work")
            r["import"] = imported
            r["receiver"] = _counts(receiver)

            # The receiver acknowledges the full export (as its next bundle would say).
            with context.uow() as uow:
                peer = uow.sync.peer(sites["receiver"])
                peer.acked_base = peer.sent_head
                uow.commit()
            r["change_seconds"] = _change_records(context, changes)
            r["changes"] = changes
            again = run / "drive-2"
            again.mkdir()
            began = time.perf_counter()
            results = exchange.export_bundles(context.uow(), context.keychain, again,
                                              run / "source-work",
                                              recipients=[sites["receiver"]],
                                              passphrase=PASSPHRASE)
            r["incremental"] = time.perf_counter() - began
            r["incremental_rows"] = results[0].rows
            r["export_peak_mb"] = _vm_hwm_kb() / 1024
        finally:
            context.close()
    finally:
        if not keep:
            shutil.rmtree(run, ignore_errors=True)
    return r


# ---- reporting ----------------------------------------------------------------------------------

def _imported_ok(r: dict[str, Any]) -> bool:
    imported = r.get("import", {})
    outcomes = imported.get("outcomes", [])
    source, receiver = r["source"], r.get("receiver", {})
    return len(outcomes) == 1 and outcomes[0]["outcome"] == "applied" and all(
        source[t] == receiver.get(t) for t in ("action", "action_event", "action_co_agency")) \
        and source["statuses"] == receiver.get("statuses")


def _peak_mb(r: dict[str, Any]) -> float:
    imported = r["import"]
    return max(imported.get("peak_kb", 0), imported.get("polled_kb", 0)) / 1024


def summary_rows(r: dict[str, Any]) -> list[tuple[str, ...]]:
    """(benchmark, measured, baseline, target, result) for the run_all table."""
    if "error" in r or "incremental" not in r or "error" in r.get("import", {}):
        reason = r.get("error") or r.get("import", {}).get("error", "not measured")
        return [("exchange: export / import", str(reason)[:40], "", "", "FAIL")]
    imported = r["import"]["seconds"]
    export_ratio, import_ratio = r["export"] / r["dump"], imported / r["load"]
    peak = _peak_mb(r)
    return [
        ("full export", f"{r['export']:.1f} s = {export_ratio:.2f}×",
         f"dump | gzip {r['dump']:.1f} s", f"≤ {EXPORT_RATIO:.0f}×",
         verdict(export_ratio <= EXPORT_RATIO and r["export_rows"] > 0)),
        ("import into an empty store", f"{imported:.1f} s = {import_ratio:.2f}×",
         f"load the dump {r['load']:.1f} s", f"≤ {IMPORT_RATIO:.0f}×",
         verdict(import_ratio <= IMPORT_RATIO and _imported_ok(r))),
        ("peak RSS during the import", f"{peak:.0f} MB", "", f"≤ {MEMORY_MB} MB",
         verdict(peak <= MEMORY_MB)),
        (f"incremental export, {r['changes']:,} changed", f"{r['incremental']:.3f} s",
         f"{r['incremental_rows']:,} rows", f"≤ {INCREMENTAL_LIMIT:.0f} s",
         # Each edited action goes with the audit entry of its edit.
         verdict(r["incremental"] <= INCREMENTAL_LIMIT
                 and r["incremental_rows"] == 2 * r["changes"])),
    ]


def report(r: dict[str, Any]) -> None:
    if "error" in r:
        print(f"\nExchange: could not measure: {r['error']}")
        return
    s = r["source"]
    print(f"\nExchange between offices: {s['action']:,} actions, {s['action_event']:,} events, "
          f"{s['action_co_agency']:,} co-executors; {s['sync_change']:,} captured rows; "
          f"store {r['store_mb']:,.0f} MB (copied in {r['copy']:.1f} s)")
    print(f"  baseline: {r['baseline']}")
    print(f"  dump | gzip              {r['dump']:8.1f} s   {r['dump_mb']:,.0f} MB")
    print(f"  full export              {r['export']:8.1f} s   {r['bundle_mb']:,.0f} MB, "
          f"{r['export_rows']:,} rows, {r['export_blobs']} blobs")
    print(f"  load the dump            {r['load']:8.1f} s")
    imported = r.get("import", {})
    if "error" in imported:
        print(f"  import                   {imported['error']}")
    else:
        outcomes = ", ".join(o["outcome"] + (f" ({o['message']})" if o["message"] else "")
                             for o in imported["outcomes"])
        print(f"  import (in the child)    {imported['seconds']:8.1f} s   "
              f"(process {imported['wall']:.1f} s): {outcomes}")
        print(f"  import peak RSS          {_peak_mb(r):8.0f} MB  (VmHWM "
              f"{imported['peak_kb'] / 1024:.0f} MB at the end, polled "
              f"{imported['polled_kb'] / 1024:.0f} MB)")
        print(f"  receiver after import    {r['receiver']['action']:,} actions, "
              f"{r['receiver']['action_event']:,} events; same states as the source: "
              f"{'yes' if _imported_ok(r) else 'NO'}")
    if "incremental" in r:
        print(f"  {r['changes']:,} actions edited through the services in "
              f"{r['change_seconds']:.1f} s")
        print(f"  incremental export       {r['incremental']:8.3f} s   "
              f"{r['incremental_rows']:,} rows  (exporting process peak "
              f"{r['export_peak_mb']:.0f} MB)")
    print()
    for row in summary_rows(r):
        print(f"  {row[0]:<34} {row[1]:<16} {row[2]:<22} {row[3]:<8} {row[4]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_sync")
    parser.add_argument("--actions", type=int, default=DEFAULT_ACTIONS)
    parser.add_argument("--meetings", type=int, default=STORE_MEETINGS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--changes", type=int, default=DEFAULT_CHANGES)
    parser.add_argument("--keep", action="store_true", help="keep bench/out/sync-run/")
    parser.add_argument("--probe-import", nargs=4, metavar=("DATA_DIR", "STORE", "DRIVE",
                                                            "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ["PYTHON_KEYRING_BACKEND"] = NO_KEYRING
    if args.probe_import:
        probe_import(*(Path(p) for p in args.probe_import))
        return 0
    store = ensure_store(args.actions, args.meetings, args.seed)
    results = measure(store, args.changes, args.keep)
    report(results)
    return 0 if all(row[-1] == "PASS" for row in summary_rows(results)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
