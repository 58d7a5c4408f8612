"""Offices for exchange tests: each a store with its identity, trusting the others."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

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

    @property
    def store(self) -> Path:
        return self.root / "store.sqlite"

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


def make_office(root: Path, name: str) -> Office:
    root.mkdir(parents=True, exist_ok=True)
    config = AppConfig.build(database=str(root / "store.sqlite"), language="en")
    context = open_context(config)
    # Each office keeps its keys in its own folder (tests share one data directory).
    from workgroup_app.security.keystore import SecretStore
    from workgroup_app.services.keys import Keychain

    context._keychain = Keychain(folder=root / "keys", secrets=SecretStore(),
                                 cache=root / "cache")
    offices.init_office(context.uow(), context.keychain, name=name, region="Region",
                        country="BY", passphrase=PASSPHRASE)
    return Office(name, root, context)


def introduce(*members: Office) -> None:
    """Every office trusts every other by its card (fingerprints compared)."""
    cards = {o.site: offices.export_card(o.uow(), o.context.keychain, PASSPHRASE)
             for o in members}
    for office in members:
        for other in members:
            if other is not office:
                preview = offices.preview_card(office.uow(), cards[other.site])
                offices.trust_card(office.uow(), cards[other.site], preview.fingerprint)


def replicated_dump(path: Path, audit: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every replicated row with every column (derived ones too), the field clocks of each,
    and the blobs: what must be equal at every office after a full exchange. The audit trail
    only with ``audit``: each office's own entries (its set-up, trusting the others) reach the
    others only when it sends, so a one-way comparison leaves them out."""
    connection = sqlite3.connect(path)
    try:
        result: dict[str, list[tuple[Any, ...]]] = {}
        for model in REPLICATED_MODELS:
            table = model.__tablename__  # type: ignore[attr-defined]
            if table == "audit_event" and not audit:
                continue
            result[table] = connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        result["sync_change"] = connection.execute(
            "SELECT table_name, row_id, field_clocks FROM sync_change "
            + ("" if audit else "WHERE table_name != 'audit_event' ")
            + "ORDER BY table_name, row_id").fetchall()
        result["blob"] = connection.execute("SELECT sha256, size FROM blob ORDER BY sha256"
                                            ).fetchall()
        return result
    finally:
        connection.close()
