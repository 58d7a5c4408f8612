"""`workgroup office …` and `workgroup sync …` in a subprocess: two offices, each with its own
store and data folder (keys), no keyring (passphrases from files). Identity, cards and trust;
a round trip of bundles on a "drive"; replay, dry run, refusals that change nothing; revoked
trust; a conflict listed and restored."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.support import Result, assert_user_error, run_cli
from tests.helpers import dump
from workgroup_app.bootstrap import AppContext, open_context
from workgroup_app.config import AppConfig
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import directory, exchange, exchange_import

PASS = "correct horse battery"
FINGERPRINT = re.compile(r"(?:[0-9A-F]{4} ){9}[0-9A-F]{4}")
AGENCIES = ("Прокуратура Гродненской области", "УВД Гродненского облисполкома",
            "Гродненская региональная таможня")

pytestmark = pytest.mark.both_databases


@dataclass(frozen=True)
class Side:
    """One office as the CLI sees it: its store, its data folder, its passphrase file."""

    root: Path

    @property
    def db(self) -> Path:
        return self.root / "store.sqlite"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def secret(self) -> str:
        return str(self.root / "pass.txt")

    def __call__(self, *args: str, lang: str = "en") -> Result:
        return run_cli(self.db, *args, lang=lang, env={"WORKGROUP_DATA_DIR": str(self.data)})

    def keyed(self, *args: str, lang: str = "en") -> Result:
        """A command that opens the office keys: their passphrase from the file."""
        return self(*args, "--passphrase-file", self.secret, lang=lang)


def new_store(root: Path) -> Side:
    """An empty store (made here, not by a subprocess: quicker) and a passphrase file."""
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig

    side = Side(root)
    side.data.mkdir(parents=True)
    (root / "pass.txt").write_text(PASS + "\n", encoding="utf-8")
    open_context(AppConfig.build(database=str(side.db), data_dir=side.data)).close()
    return side


def build_pair(root: Path) -> None:
    """Offices A (with three agencies) and B, each trusting the other by its card."""
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig
    from workgroup_app.domain.entities import Agency
    from workgroup_app.domain.enums import AgencyKind
    from workgroup_app.services import directory, offices

    contexts = {}
    for name in ("A", "B"):
        side = new_store(root / name)
        context = open_context(AppConfig.build(database=str(side.db), data_dir=side.data))
        offices.init_office(context.uow(), context.keychain, name=f"Office {name}",
                            region="Region", country="BY", passphrase=PASS)
        contexts[name] = context
    try:
        cards = {n: offices.export_card(c.uow(), c.keychain, PASS) for n, c in contexts.items()}
        for name, other in (("A", "B"), ("B", "A")):
            uow = contexts[name].uow
            offices.trust_card(uow(), cards[other], offices.preview_card(uow(), cards[other])
                               .fingerprint)
        for agency in AGENCIES:
            directory.save_agency(contexts["A"].uow(), contexts["A"].actor,
                                  Agency(agency, "", AgencyKind.OTHER))
    finally:
        for context in contexts.values():
            context.close()


@pytest.fixture(scope="module")
def pair_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pair")
    build_pair(root)
    return root


@pytest.fixture
def pair(pair_template: Path, tmp_path: Path) -> tuple[Side, Side]:
    """This test's copy of the two offices that trust each other."""
    shutil.copytree(pair_template, tmp_path / "pair")
    return Side(tmp_path / "pair" / "A"), Side(tmp_path / "pair" / "B")


@contextmanager
def opened(side: Side) -> Iterator[AppContext]:
    """The office's store opened in this process, with its own keys."""
    context = open_context(AppConfig.build(database=str(side.db), data_dir=side.data))
    try:
        yield context
    finally:
        context.close()


def drive(tmp_path: Path, name: str = "drive") -> Path:
    path = tmp_path / name
    path.mkdir(exist_ok=True)
    return path


def agency_names(side: Side) -> list[str]:
    result = side("--json", "agencies", "list")
    assert result.code == 0, result
    return sorted(a["name"] for a in result.json())


# -- identity, cards, trust -------------------------------------------------------------------

def test_offices_set_up_export_their_cards_and_trust_each_other_by_fingerprint(
        tmp_path: Path) -> None:
    a, b = new_store(tmp_path / "A"), new_store(tmp_path / "B")
    assert_user_error(a("office", "show"), "not set up")

    made = a.keyed("office", "init", "--name", "Прокуратура Гродненской области",
                   "--region", "Гродненская область", "--country", "BY")
    assert made.code == 0 and made.err == "", made
    shown = a("office", "show")
    assert shown.code == 0, shown
    assert "Прокуратура Гродненской области" in shown.out and "BY" in shown.out
    fingerprint = FINGERPRINT.search(shown.out)
    assert fingerprint is not None, shown  # groups of four, to read aloud
    assert (a.data / "keys").is_dir()  # the keys live in this office's data folder
    assert b.keyed("office", "init", "--name", "Office B", "--country", "RU").code == 0

    card = tmp_path / "a.card"
    written = a.keyed("office", "export-card", str(card))
    assert written.code == 0 and fingerprint.group(0) in written.out, written
    first = card.read_bytes()
    assert_user_error(a.keyed("office", "export-card", str(card)), "--force")
    assert card.read_bytes() == first
    assert a.keyed("office", "export-card", str(card), "--force").code == 0

    before = dump(b.db)
    wrong = "0000" + fingerprint.group(0)[4:]
    assert_user_error(b("office", "trust", str(card), "--fingerprint", wrong),
                      "does not match", fingerprint.group(0))
    assert dump(b.db) == before  # nothing trusted

    spoken = fingerprint.group(0).replace(" ", "").lower()  # as typed from the phone
    trusted = b("office", "trust", str(card), "--fingerprint", spoken)
    assert trusted.code == 0 and "is trusted" in trusted.out, trusted
    listed = b("--json", "office", "list").json()
    assert [(o["name"], o["is_self"], o["trusted"], o["fingerprint"]) for o in listed] == [
        ("Office B", True, False, listed[0]["fingerprint"]),
        ("Прокуратура Гродненской области", False, True, fingerprint.group(0))]


# -- bundles ----------------------------------------------------------------------------------

def test_a_round_trip_brings_the_data_over_once_and_a_dry_run_changes_nothing(
        pair: tuple[Side, Side], tmp_path: Path) -> None:
    a, b = pair
    stick = drive(tmp_path)
    sent = a.keyed("sync", "export", "--to", str(stick), "--for", "office b")
    assert sent.code == 0 and sent.err == "", sent  # no progress: stderr is no terminal
    files = list(stick.iterdir())
    assert len(files) == 1 and files[0].name in sent.out, sent
    # Three records and the seven entries of their audit trail (theirs, and the offices').
    assert re.search(r"Office B\s+\S+\.osb\s+10\s+0\s+\d", sent.out), sent

    before = dump(b.db)
    preview = b.keyed("sync", "import", str(stick), "--dry-run")
    assert preview.code == 0, preview
    assert "From Office A, bundle #1" in preview.out and "would apply" in preview.out
    assert "Agency: 3 new, 0 changed" in preview.out
    assert dump(b.db) == before  # byte for byte

    done = b.keyed("sync", "import", str(stick))
    assert done.code == 0 and done.err == "", done
    assert "applied" in done.out and "Agency: 3 new, 0 changed" in done.out
    assert agency_names(b) == sorted(AGENCIES)

    after = dump(b.db)
    again = b.keyed("sync", "import", str(files[0]))
    assert again.code == 0 and "already imported" in again.out, again
    assert dump(b.db) == after

    status = b("--json", "sync", "status").json()
    assert [(p["name"], p["received_seq"], p["missing"]) for p in status] == [
        ("Office A", 1, [])]
    text = a("sync", "status", lang="ru")
    assert text.code == 0 and "Office B" in text.out and "№1" in text.out, text


def test_a_bundle_for_another_office_a_stranger_file_and_a_missing_path_are_refused(
        pair: tuple[Side, Side], tmp_path: Path) -> None:
    a, _b = pair
    stick = drive(tmp_path)
    assert a.keyed("sync", "export", "--to", str(stick)).code == 0
    bundle = next(stick.iterdir())
    stranger = tmp_path / "notes.osb"
    stranger.write_text("not a bundle", encoding="utf-8")
    before = dump(a.db)
    assert_user_error(a.keyed("sync", "import", str(bundle)), "addressed to other offices")
    stray = a.keyed("sync", "import", str(stranger))  # refused on verification: exit 3
    assert stray.code == 3 and stray.out == "" and len(stray.err_lines) == 1, stray
    assert "notes.osb" in stray.err and "not an exchange bundle" in stray.err, stray
    assert_user_error(a.keyed("sync", "import", str(tmp_path / "nowhere")), "does not exist")
    assert dump(a.db) == before


def test_an_office_whose_trust_is_revoked_has_its_bundles_refused(
        pair: tuple[Side, Side], tmp_path: Path) -> None:
    a, b = pair
    site_a = a("--json", "office", "show").json()["site_id"]
    revoked = b("office", "revoke", site_a[:8])
    assert revoked.code == 0 and "Office A" in revoked.out, revoked
    assert [o["trusted"] for o in b("--json", "office", "list").json()] == [False, False]

    stick = drive(tmp_path)
    assert a.keyed("sync", "export", "--to", str(stick)).code == 0
    before = dump(b.db)
    refused = b.keyed("sync", "import", str(stick))
    assert refused.code == 3 and refused.out == "", refused
    assert len(refused.err_lines) == 1 and "does not trust" in refused.err, refused
    assert dump(b.db) == before


def test_a_conflict_is_listed_and_the_overwritten_value_restored(
        pair: tuple[Side, Side], tmp_path: Path) -> None:
    a, b = pair
    # Done here, not by subprocesses (quicker): B gets A's agencies, then both offices rename
    # the same agency before they exchange again.
    with opened(a) as at_a:
        exchange.export_bundles(at_a.uow(), at_a.keychain, drive(tmp_path, "first"),
                                a.root / "work", passphrase=PASS)
    with opened(b) as at_b:
        exchange_import.import_path(at_b.uow(), at_b.keychain, tmp_path / "first",
                                    b.root / "work", passphrase=PASS)
    for side, name in ((a, "УВД (версия A)"), (b, "УВД (версия B)")):
        with opened(side) as context:
            row = next(x for x in directory.list_agencies(context.uow(), ListQuery()).rows
                       if x.name == AGENCIES[1])
            agency = directory.get_agency(context.uow(), row.id)
            agency.name = name
            directory.save_agency(context.uow(), context.actor, agency)
    assert b("sync", "conflicts").out.strip() == "No conflicts."

    to_b = drive(tmp_path, "to_b")
    assert a.keyed("sync", "export", "--to", str(to_b)).code == 0
    merged = b.keyed("sync", "import", str(to_b))
    assert merged.code == 0 and "Conflicts: 1" in merged.out, merged

    listed = b("--json", "sync", "conflicts").json()
    assert len(listed) == 1, listed
    conflict = listed[0]
    assert {conflict["kept"], conflict["lost"]} == {"УВД (версия A)", "УВД (версия B)"}
    assert (conflict["table"], conflict["column"]) == ("agency", "name")
    shown = b("sync", "conflicts")
    assert conflict["id"][:8] in shown.out and conflict["lost"] in shown.out, shown

    restored = b("sync", "conflicts", "--restore", conflict["id"][:8])
    assert restored.code == 0 and conflict["lost"] in restored.out, restored
    assert conflict["lost"] in agency_names(b)
    everything = b("--json", "sync", "conflicts", "--all").json()
    assert [c["restored_at"] is not None for c in everything] == [True]
    assert_user_error(b("sync", "conflicts", "--restore", conflict["id"][:8]),
                      "restored already")


def test_ctrl_c_during_the_work_asks_it_to_stop_instead_of_killing_it() -> None:
    import os
    import signal

    from workgroup_app.cli.sync_cmd import interruptible

    before = signal.getsignal(signal.SIGINT)
    with interruptible() as cancelled:
        assert not cancelled()
        os.kill(os.getpid(), signal.SIGINT)  # no KeyboardInterrupt: the work sees the flag
        assert cancelled()
    assert signal.getsignal(signal.SIGINT) is before
