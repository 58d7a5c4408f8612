"""Offices for exchange tests: each a store with its identity, trusting the others."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.databases import postgres_database
from workgroup_app.bootstrap import AppContext, open_context
from workgroup_app.config import AppConfig
from workgroup_app.domain.sync import BundleOutcome, ExportResult
from workgroup_app.services import exchange, exchange_import, offices
from workgroup_app.storage.models import REPLICATED_MODELS

PASSPHRASE = "correct horse battery"
LOCAL_TABLES = ("local_state", "office", "sync_peer", "sync_receipt", "sync_quarantine",
                "sync_origin", "signing_certificate", "alembic_version")


@dataclass
class Office:
    name: str
    root: Path
    context: AppContext
    # A PostgreSQL office's database (dropped at close); None: the SQLite file in root.
    url: str | None = None
    _cleanup: Callable[[], None] = field(default=lambda: None, repr=False)

    @property
    def store(self) -> Path:
        """The SQLite file of an office that keeps one (tests of the file itself)."""
        assert self.url is None, "a PostgreSQL office has no store file"
        return self.root / "store.sqlite"

    @property
    def target(self) -> Path | str:
        """Where the office's store is: its file, or its database URL."""
        return self.url or self.store

    @property
    def work(self) -> Path:
        return self.root / "work"

    @property
    def site(self) -> str:
        return self.context.office_id

    def uow(self) -> Any:
        return self.context.uow()

    def export(self, drive: Path, to: list[Office] | None = None,
               now: datetime | None = None) -> list[ExportResult]:
        drive.mkdir(parents=True, exist_ok=True)
        return exchange.export_bundles(
            self.context.uow(), self.context.keychain, drive, self.work,
            recipients=None if to is None else [o.site for o in to], passphrase=PASSPHRASE,
            now=now)

    def import_(self, path: Path, dry_run: bool = False,
                now: datetime | None = None) -> list[BundleOutcome]:
        return exchange_import.import_path(self.context.uow(), self.context.keychain, path,
                                           self.work, dry_run=dry_run, passphrase=PASSPHRASE,
                                           now=now)

    def close(self) -> None:
        self.context.close()
        self._cleanup()


def next_millisecond() -> None:
    """Let the wall clock move on, so the next write is stamped strictly later."""
    start = time.time_ns() // 1_000_000
    while time.time_ns() // 1_000_000 <= start:
        pass


def make_office(root: Path, name: str, database: str = "sqlite") -> Office:
    """An office with its identity; ``database="postgresql"`` keeps its store in a database
    of its own on the test server (tests/databases.py)."""
    root.mkdir(parents=True, exist_ok=True)
    resources = ExitStack()
    url = resources.enter_context(postgres_database()) if database == "postgresql" else None
    config = AppConfig.build(database=url or str(root / "store.sqlite"), language="en")
    context = open_context(config)
    # Each office keeps its keys in its own folder (tests share one data directory).
    from workgroup_app.security.keystore import SecretStore
    from workgroup_app.services.keys import Keychain

    context._keychain = Keychain(folder=root / "keys", secrets=SecretStore(),
                                 cache=root / "cache")
    offices.init_office(context.uow(), context.keychain, name=name, region="Region",
                        country="BY", passphrase=PASSPHRASE)
    return Office(name, root, context, url, resources.close)


def introduce(*members: Office) -> None:
    """Every office trusts every other by its card (fingerprints compared)."""
    cards = {o.site: offices.export_card(o.uow(), o.context.keychain, PASSPHRASE)
             for o in members}
    for office in members:
        for other in members:
            if other is not office:
                preview = offices.preview_card(office.uow(), cards[other.site])
                offices.trust_card(office.uow(), cards[other.site], preview.fingerprint)


def replicated_dump(target: Path | str, audit: bool = False
                    ) -> dict[str, list[tuple[Any, ...]]]:
    """Every replicated row with every column (derived ones too), the field clocks of each,
    and the blobs: what must be equal at every office after a full exchange, whichever
    database each keeps (read through the tables' types, so that a PostgreSQL office and a
    SQLite office give the same values). The audit trail only with ``audit``: each office's
    own entries (its set-up, trusting the others) reach the others only when it sends, so a
    one-way comparison leaves them out."""
    from sqlalchemy import create_engine, select

    from workgroup_app.storage.database import to_url
    from workgroup_app.storage.models import BlobRow, SyncChangeRow

    engine = create_engine(to_url(target))
    try:
        with engine.connect() as connection:
            result: dict[str, list[tuple[Any, ...]]] = {}
            for model in REPLICATED_MODELS:
                table = model.__table__  # type: ignore[attr-defined]
                if table.name == "audit_event" and not audit:
                    continue
                result[table.name] = sorted((tuple(r) for r in connection.execute(select(table))),
                                            key=repr)
            changes = SyncChangeRow.__table__
            query = select(changes.c.table_name, changes.c.row_id, changes.c.field_clocks)
            if not audit:
                query = query.where(changes.c.table_name != "audit_event")
            result["sync_change"] = sorted(tuple(r) for r in connection.execute(query))
            blobs = BlobRow.__table__
            result["blob"] = sorted(tuple(r) for r in connection.execute(
                select(blobs.c.sha256, blobs.c.size)))
            return result
    finally:
        engine.dispose()
