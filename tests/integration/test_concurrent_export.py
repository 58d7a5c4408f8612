"""Two workstations of one office exporting to the same office at once (issue 8): the second
to finish refuses, since its bundle number was taken meanwhile, and nothing of it is sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync_support import PASSPHRASE, introduce, make_office
from workgroup_app.bootstrap import open_context
from workgroup_app.config import AppConfig
from workgroup_app.domain.errors import ConflictError
from workgroup_app.security.keystore import SecretStore
from workgroup_app.services import exchange
from workgroup_app.services.keys import Keychain

pytestmark = pytest.mark.both_databases


def test_a_bundle_number_taken_meanwhile_is_refused_and_nothing_sent(
        tmp_path: Path, database: str) -> None:
    alpha = make_office(tmp_path / "a", "Alpha", database)
    bravo = make_office(tmp_path / "b", "Bravo")
    second = None
    try:
        introduce(alpha, bravo)
        alpha.export(tmp_path / "first", [bravo])  # bundle 1, and the office's epoch
        second = open_context(AppConfig.build(database=str(alpha.target), language="en"))
        second._keychain = Keychain(folder=alpha.root / "keys", secrets=SecretStore(),
                                    cache=alpha.root / "cache2")
        other_drive, late_drive = tmp_path / "other", tmp_path / "late"
        other_drive.mkdir()
        late_drive.mkdir()
        raced: list[int] = []

        def meanwhile() -> bool:  # asked just before the bundle is published
            if not raced:
                sent = exchange.export_bundles(
                    second.uow(), second.keychain, other_drive, tmp_path / "work2",
                    recipients=[bravo.site], passphrase=PASSPHRASE)
                raced.append(sent[0].channel_seq)
            return False

        with pytest.raises(ConflictError, match="Another workstation sent a bundle"):
            exchange.export_bundles(alpha.uow(), alpha.context.keychain, late_drive,
                                    alpha.work, recipients=[bravo.site],
                                    passphrase=PASSPHRASE, cancelled=meanwhile)
        assert raced == [2]
        assert list(late_drive.iterdir()) == []  # nothing half-sent
        with alpha.uow() as uow:
            assert uow.sync.peer(bravo.site).out_seq == 2
    finally:
        if second is not None:
            second.close()
        alpha.close()
        bravo.close()
