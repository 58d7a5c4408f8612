"""A command that changes a record refuses to undo someone else's change saved between its
read and its write (issue 8): one line, exit 1, their change kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workgroup_app.cli.main import main
from workgroup_app.domain.actor import Actor
from workgroup_app.domain.entities import Agency
from workgroup_app.services import directory
from workgroup_app.storage.database import open_store
from workgroup_app.storage.unit_of_work import SqlUnitOfWork


def test_an_edit_refuses_to_undo_a_change_saved_meanwhile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "office.sqlite"
    store = open_store(path)
    agency = directory.save_agency(SqlUnitOfWork(store), Actor(), Agency("УВД", "УВД"))
    read = directory.get_agency

    def read_then_someone_saves(uow: Any, agency_id: str) -> Agency:
        record = read(uow, agency_id)
        theirs = read(SqlUnitOfWork(store), agency_id)
        theirs.name = "УВД облисполкома"
        colleague = Actor(user="petrov")
        directory.save_agency(SqlUnitOfWork(store, colleague), colleague, theirs)
        return record

    monkeypatch.setattr(directory, "get_agency", read_then_someone_saves)
    code = main(["--db", str(path), "agencies", "edit", agency.id, "--region", "Гродненская"])
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "The agency was changed by petrov" in err
    monkeypatch.setattr(directory, "get_agency", read)
    kept = directory.get_agency(SqlUnitOfWork(store), agency.id)
    store.close()
    assert (kept.name, kept.region) == ("УВД облисполкома", "")
