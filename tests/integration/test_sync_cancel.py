"""Cancelling an export or an import leaves nothing half done, and says what was done."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import dump
from tests.sync_support import PASSPHRASE, Office, introduce, make_office
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.sync import Cancelled, Outcome
from workgroup_app.services import exchange, exchange_import, offices
from workgroup_app.services.demo import seed_demo


@pytest.fixture
def trio(tmp_path: Path) -> tuple[Office, Office, Office]:
    a, b, c = (make_office(tmp_path / n, f"Office {n}") for n in "abc")
    introduce(a, b, c)
    seed_demo(a.uow, LOCAL_ADMIN)
    yield a, b, c
    for office in (a, b, c):
        office.close()


def test_a_cancelled_import_rolls_back_the_bundle_in_progress(trio: tuple, tmp_path: Path
                                                              ) -> None:
    a, b, _c = trio
    a.export(tmp_path / "stick", to=[b])
    before = dump(b.store)
    with pytest.raises(Cancelled):
        exchange_import.import_path(b.uow(), b.context.keychain, tmp_path / "stick", b.work,
                                    passphrase=PASSPHRASE, cancelled=lambda: True)
    assert dump(b.store) == before
    assert [o.outcome for o in b.import_(tmp_path / "stick")] == [Outcome.APPLIED]


def test_a_cancelled_export_names_the_offices_whose_bundles_were_written(
        trio: tuple, tmp_path: Path) -> None:
    a, b, c = trio
    asked = iter([False] * 10_000)
    calls: list[int] = []

    def cancel_in_second() -> bool:
        calls.append(1)
        return next(asked) if len(calls) < 3 else True

    stick = tmp_path / "stick"
    stick.mkdir()
    with pytest.raises(Cancelled) as raised:
        exchange.export_bundles(a.uow(), a.context.keychain, stick, a.work,
                                recipients=[b.site, c.site], passphrase=PASSPHRASE,
                                cancelled=cancel_in_second)
    written = sorted(p.name for p in stick.iterdir())
    assert len(written) == 1 and b.site[:8] in written[0]  # B's bundle only, complete
    assert "Office b" in raised.value.english()
    assert [o.outcome for o in b.import_(stick)] == [Outcome.APPLIED]


def test_a_revoked_sender_is_named_in_the_refusal(trio: tuple, tmp_path: Path) -> None:
    a, b, _c = trio
    a.export(tmp_path / "stick", to=[b])
    offices.revoke(b.uow(), "Office a")
    [outcome] = b.import_(tmp_path / "stick")
    assert outcome.outcome == Outcome.REFUSED
    assert "Office a" in outcome.message and a.site not in outcome.message
