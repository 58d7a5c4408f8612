"""`workgroup audit verify` at scale (issue 7): verifying a trail of 1,000,000 entries ≤ 10 s.

The store (``bench/out/audit-N.sqlite``) is an empty store whose trail is filled with N
chained entries by Core inserts — each one what ``storage/audit_capture.py`` writes for an
edit of an action (its hash computed by ``domain.audit.entry_hash``), spread over two offices.
The baseline, measured in the same run, is the least any verification must do: read every
entry's fields in chain order with raw ``sqlite3`` and hash them with ``hashlib``.

    python -m bench.bench_audit [--entries N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any

from bench.common import OUT, verdict

DEFAULT_ENTRIES = 1_000_000
LIMIT = 10.0
OFFICES = ("11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222")


def store_path(entries: int) -> Path:
    return OUT / f"audit-{entries}.sqlite"


def ensure_store(entries: int) -> Path:
    from workgroup_app.domain.audit import GENESIS, entry_hash
    from workgroup_app.storage.database import open_store

    path = store_path(entries)
    if path.exists():
        print(f"using the cached store {path.name}")
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    open_store(partial).close()
    began = time.perf_counter()
    connection = sqlite3.connect(partial)
    heads = {office: (0, GENESIS) for office in OFFICES}
    batch: list[tuple[Any, ...]] = []
    for n in range(entries):
        office = OFFICES[n % 2]
        seq, previous = heads[office]
        seq += 1
        at = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T09:{n % 60:02d}:00.{n % 1000000:06d}+00:00"
        row_id = str(uuid.UUID(int=n))
        changes = json.dumps({"text": [f"Поручение № {n}", f"Поручение № {n} (уточнено)"]},
                             ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        digest = entry_hash(office, seq, at, "prosecutor", "prosecutor", "action", row_id,
                            "update", changes, previous)
        batch.append((seq, at, "prosecutor", "prosecutor", "action", row_id, "update",
                      changes, previous, digest, str(uuid.uuid4()), at[:10] + " 09:00:00",
                      at[:10] + " 09:00:00", office, 0))
        heads[office] = (seq, digest)
        if len(batch) >= 50_000:
            _insert(connection, batch)
    _insert(connection, batch)
    connection.close()
    os.replace(partial, path)
    print(f"made {entries:,} entries in {time.perf_counter() - began:.0f} s")
    return path


def _insert(connection: sqlite3.Connection, batch: list[tuple[Any, ...]]) -> None:
    connection.executemany(
        "INSERT INTO audit_event (seq, at, user, role, table_name, row_id, operation, "
        "changes, prev_hash, hash, id, created_at, updated_at, origin_office_id, deleted) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
    connection.commit()
    batch.clear()


def baseline(path: Path) -> float:
    """Read and hash every entry in chain order, nothing more."""
    began = time.perf_counter()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    for office in OFFICES:
        for row in connection.execute(
                "SELECT origin_office_id, seq, at, user, role, table_name, row_id, operation, "
                "changes, prev_hash FROM audit_event WHERE origin_office_id = ? "
                "ORDER BY seq, id", (office,)):
            hashlib.sha256(json.dumps(list(row), ensure_ascii=False,
                                      separators=(",", ":")).encode()).hexdigest()
    connection.close()
    return time.perf_counter() - began


def measure(path: Path) -> dict[str, Any]:
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig
    from workgroup_app.services import audit

    raw = baseline(path)
    context = open_context(AppConfig.build(database=str(path), language="en"))
    try:
        began = time.perf_counter()
        report = audit.verify(context.uow())
        seconds = time.perf_counter() - began
    finally:
        context.close()
    return {"baseline": raw, "verify": seconds, "entries": report.entries,
            "intact": report.intact, "chains": len(report.chains)}


def summary_rows(r: dict[str, Any]) -> list[tuple[str, ...]]:
    return [(f"audit verify, {r['entries']:,} entries",
             f"{r['verify']:.1f} s = {r['verify'] / r['baseline']:.2f}×",
             f"read + hash {r['baseline']:.1f} s", f"≤ {LIMIT:.0f} s",
             verdict(r["verify"] <= LIMIT and r["intact"]))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_audit")
    parser.add_argument("--entries", type=int, default=DEFAULT_ENTRIES)
    args = parser.parse_args(argv)
    os.environ.setdefault("WORKGROUP_AUTO_BACKUP", "0")
    r = measure(ensure_store(args.entries))
    print(f"\nAudit trail: {r['entries']:,} entries in {r['chains']} chains, "
          f"intact: {'yes' if r['intact'] else 'NO'}")
    for row in summary_rows(r):
        print(f"  {row[0]:<34} {row[1]:<18} {row[2]:<22} {row[3]:<8} {row[4]}")
    return 0 if all(row[-1] == "PASS" for row in summary_rows(r)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
