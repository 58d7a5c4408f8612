"""`workgroup minutes …` in a subprocess, as users run it: build, approve, sign with keys
whose passphrases come from files (no keyring here), export the exact bytes, verify good,
changed, cut and foreign files, amend, extract; bad input changes nothing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.cli.support import Cli, assert_user_error
from tests.helpers import dump
from tests.minutes_support import build_minutes_office

PASS = "correct horse battery"
CHAIR = "Ёлкин Пётр Семёнович"
SECRETARY = "Щукина Анна Ильинична"

pytestmark = pytest.mark.both_databases


@contextmanager
def in_process(db_path: Path) -> Iterator[Any]:
    """The store opened here, beside the subprocesses (the same data folder for keys)."""
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig

    context = open_context(AppConfig.build(database=str(db_path), language="en"))
    try:
        yield context
    finally:
        context.close()


@contextmanager
def without_terminal() -> Iterator[None]:
    """Commands started inside have /dev/null for stdin, as under cron, even with ``pytest -s``
    (pytest's own capture gives them that anyway)."""
    saved, empty = os.dup(0), os.open(os.devnull, os.O_RDONLY)
    os.dup2(empty, 0)
    try:
        yield
    finally:
        os.dup2(saved, 0)
        os.close(saved)
        os.close(empty)


def seed_minutes_office(db_path: Path) -> dict[str, str]:
    with in_process(db_path) as context:
        return build_minutes_office(context.uow)


def passphrase_file(folder: Path, text: str = PASS, name: str = "pass.txt") -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def make_signers(cli: Cli, secret: str) -> None:
    """The office CA and the two signers' certificates, with chosen passphrases."""
    result = cli("keys", "ca-init", "--passphrase-file", secret)
    assert result.code == 0, result
    for person, role in ((CHAIR, "chair"), (SECRETARY, "secretary")):
        result = cli("keys", "issue", person, "--role", role, "--ca-passphrase-file", secret,
                     "--passphrase-file", secret)
        assert result.code == 0 and person in result.out, result


def test_build_approve_sign_export_verify_amend_and_extract(
        cli: Cli, db_path: Path, tmp_path: Path) -> None:
    from workgroup_app.services import minutes

    ids = seed_minutes_office(db_path)
    meeting = ids["meeting"]
    # The first line is the passphrase; its line end and any further lines are not.
    secret = passphrase_file(tmp_path, f"{PASS}\r\nnot part of it\n")
    make_signers(cli, secret)

    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    for out in (first, second):
        result = cli("minutes", "build", meeting, "--lang", "ru", "--out", str(out))
        assert result.code == 0 and str(out) in result.out and "2 p." in result.out, result
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(b"%PDF-")

    result = cli("minutes", "approve", meeting, "--lang", "ru")
    assert result.code == 0 and "approved" in result.out, result
    approved = dump(db_path)

    with without_terminal():
        unattended = cli("minutes", "sign", meeting, "--as", "chair")
    assert_user_error(unattended, "--passphrase-file", "no terminal")
    wrong = cli("minutes", "sign", meeting, "--as", "chair", "--passphrase-file",
                passphrase_file(tmp_path, "not the passphrase\n", "wrong.txt"))
    assert_user_error(wrong, "passphrase")
    assert dump(db_path) == approved
    for role, name in (("chair", CHAIR), ("secretary", SECRETARY)):
        result = cli("minutes", "sign", meeting, "--as", role, "--passphrase-file", secret)
        assert result.code == 0 and name in result.out, result

    exported = tmp_path / "signed.pdf"
    result = cli("minutes", "export", meeting, "--out", str(exported))
    assert result.code == 0 and "Version 1 (Signed)" in result.out, result
    with in_process(db_path) as context:
        stored = minutes.document(context.uow(), meeting)[1]
    assert exported.read_bytes() == stored

    result = cli("minutes", "verify", str(exported))
    assert result.code == 0 and result.err == "", result
    assert CHAIR in result.out and SECRETARY in result.out
    assert result.out.count("valid") >= 2 and "All signatures are valid (2)." in result.out

    flipped = bytearray(stored)
    flipped[len(stored) // 2] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(flipped))
    result = cli("minutes", "verify", str(changed))
    assert result.code == 3 and "Not valid" in result.out, result
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(stored[: len(stored) - 300])
    assert cli("minutes", "verify", str(cut)).code == 3
    not_pdf = tmp_path / "archive.pdf"
    not_pdf.write_bytes(b"PK\x03\x04 a zip file, not a protocol")
    assert_user_error(cli("minutes", "verify", str(not_pdf)), "not a PDF")

    extract = tmp_path / "выписка.pdf"
    result = cli("minutes", "extract", meeting, "--item", "1", "--agency", "УВД", "--out",
                 str(extract), "--sign", "--passphrase-file", secret)
    assert result.code == 0 and "Signed by the secretary." in result.out, result
    report = cli("--json", "minutes", "verify", str(extract))
    assert report.code == 0, report
    assert [(s["role"], s["signer"], s["verdict"]) for s in report.json()["signatures"]] == [
        ("secretary", SECRETARY, "valid")]

    result = cli("minutes", "amend", meeting, "--reason", "Уточнён срок по п. 1.1")
    assert result.code == 0 and "Version 2" in result.out, result
    listed = cli("--json", "minutes", "versions", meeting).json()
    assert [(v["version"], v["status"], v["supersedes_version"]) for v in listed] == [
        (1, "superseded", None), (2, "draft", 1)]
    assert [(s["role"], s["signer"]) for s in listed[0]["signatures"]] == [
        ("chair", CHAIR), ("secretary", SECRETARY)]
    assert listed[0]["sha256"] == stored_digest(stored)
    table = cli("minutes", "versions", meeting, lang="ru")
    assert table.code == 0, table
    assert "Версия" in table.out and "Заменён" in table.out and "Проект" in table.out
    assert f"Председательствующий: {CHAIR}" in table.out
    assert f"Секретарь: {SECRETARY}" in table.out
    shown = cli("meetings", "show", meeting)
    assert "Minutes: Draft, version 2" in shown.out, shown


def stored_digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_incomplete_meetings_bad_files_and_reopening(cli: Cli, db_path: Path,
                                                     tmp_path: Path) -> None:
    from workgroup_app.domain.entities import Meeting
    from workgroup_app.services import meetings, minutes

    ids = seed_minutes_office(db_path)
    with in_process(db_path) as context:
        bare = meetings.save_meeting(context.uow(), context.actor, Meeting(
            workgroup_id=ids["group"], held_on=date(2026, 4, 2)))
    before = dump(db_path)
    result = cli("minutes", "approve", bare.id)
    assert_user_error(result, "not marked as held", "no chair", "nobody is marked present",
                      "agenda is empty")
    missing = tmp_path / "nowhere" / "protocol.pdf"
    assert_user_error(cli("minutes", "build", ids["meeting"], "--out", str(missing)),
                      "does not exist")
    assert not missing.parent.exists()
    assert_user_error(cli("minutes", "verify", str(tmp_path / "absent.pdf")), "absent.pdf")
    assert dump(db_path) == before

    with in_process(db_path) as context:
        minutes.approve(context.uow(), context.actor, ids["meeting"], lang="en")
    result = cli("minutes", "reopen", ids["meeting"], "--reason", "Опечатка в фамилии",
                 lang="ru")
    assert result.code == 0 and "Проект" in result.out, result
