"""An office whose store is put back to an older copy (a restored backup) loses nothing: it
notices from its peer's acknowledgement, starts a new epoch and sends everything; the peer
sends it everything back, its own lost writes included, and the stores end equal."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.sync_support import Office, introduce, make_office, replicated_dump
from workgroup_app.bootstrap import open_context
from workgroup_app.config import AppConfig
from workgroup_app.domain.actor import LOCAL_ADMIN
from workgroup_app.domain.entities import Agency
from workgroup_app.domain.sync import Outcome
from workgroup_app.services import directory


def names(office: Office) -> list[str]:
    from workgroup_app.domain.views import ListQuery

    return sorted(r.name for r in directory.list_agencies(office.uow(), ListQuery()).rows)


def reopen(office: Office) -> Office:
    context = open_context(AppConfig.build(database=str(office.store), language="en"))
    context._keychain = office.context._keychain
    return Office(office.name, office.root, context)


class Exchange:
    def __init__(self, root: Path) -> None:
        self.root, self.count = root, 0

    def __call__(self, sender: Office, receiver: Office) -> list[Outcome]:
        self.count += 1
        stick = self.root / f"stick{self.count}"
        sender.export(stick, to=[receiver])
        return [o.outcome for o in receiver.import_(stick)]


def test_a_store_put_back_after_sending_recovers_its_lost_writes(tmp_path: Path) -> None:
    a, b = make_office(tmp_path / "a", "A"), make_office(tmp_path / "b", "B")
    introduce(a, b)
    swap = Exchange(tmp_path)
    directory.save_agency(a.uow(), LOCAL_ADMIN, Agency("before the backup"))
    swap(a, b), swap(b, a)
    a.close()
    shutil.copy(a.store, tmp_path / "backup.sqlite")
    a = reopen(a)
    for i in range(3):
        directory.save_agency(a.uow(), LOCAL_ADMIN, Agency(f"lost {i}"))
    swap(a, b), swap(b, a)
    a.close()
    shutil.copy(tmp_path / "backup.sqlite", a.store)  # the restore
    a = reopen(a)
    directory.save_agency(a.uow(), LOCAL_ADMIN, Agency("after the restore"))
    for _ in range(3):
        assert Outcome.REFUSED not in swap(a, b) + swap(b, a)
    expected = ["after the restore", "before the backup", "lost 0", "lost 1", "lost 2"]
    assert names(a) == names(b) == expected
    assert replicated_dump(a.store) == replicated_dump(b.store)
    a.close(), b.close()


def test_a_store_put_back_to_before_its_first_exchange_catches_up(tmp_path: Path) -> None:
    a, b = make_office(tmp_path / "a", "A"), make_office(tmp_path / "b", "B")
    introduce(a, b)
    swap = Exchange(tmp_path)
    a.close()
    shutil.copy(a.store, tmp_path / "backup.sqlite")
    a = reopen(a)
    directory.save_agency(a.uow(), LOCAL_ADMIN, Agency("sent, then lost here"))
    directory.save_agency(b.uow(), LOCAL_ADMIN, Agency("from B"))
    swap(a, b), swap(b, a)
    a.close()
    shutil.copy(tmp_path / "backup.sqlite", a.store)
    a = reopen(a)
    for _ in range(2):
        swap(a, b), swap(b, a)
    assert names(a) == names(b) == ["from B", "sent, then lost here"]
    assert replicated_dump(a.store) == replicated_dump(b.store)
    a.close(), b.close()
