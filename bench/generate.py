"""Fill a store with a country-scale archive, fast: `python -m bench.generate --meetings 100000
[--actions 1000000] --out FILE.sqlite [--seed S]`.

The store is created by ``open_store`` (migrations, office id), then filled with SQLAlchemy Core
bulk inserts (executemany) into the tables of ``workgroup_app.storage.models``. Every row gets
the bookkeeping that ``storage/capture.py`` would give it — timestamps, origin office, search
keys, and a ``sync_change`` row with per-field clocks and a local version — and ``local_state``
is advanced, so the result is an ordinary valid store: each record (an agency, a person, a
workgroup with its members, a meeting with everything in it) is written as if saved in one
flush, with its own HLC tick and local version.

Shape (defaults for 100,000 meetings): 60 regions, 49 agencies and ~230 people per region,
500 workgroups of 8–10 members, meetings every month or so going back years, ~3 agenda items
per held meeting and ~2.5 decisions per item, attendance of ~9, a report per item and some
discussion. With ``--actions N``, N actions with their events follow (``bench/action_writer.py``):
from the decisions of the last ten years and entered directly. The content is deterministic for
a seed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time as clock
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench import names
from bench.action_writer import ActionMaker
from bench.finding_writer import FindingMaker
from bench.meetings import MeetingMaker, split
from bench.store_writer import Group, Member, Writer
from workgroup_app.domain.enums import MemberRole
from workgroup_app.services import demo_texts as texts
from workgroup_app.storage.database import make_engine, open_store, to_url
from workgroup_app.storage.text_keys import search_key

BATCH = 1000  # meetings per transaction


@dataclass(frozen=True)
class Shape:
    meetings: int
    regions: int = 60
    workgroups: int = 500
    districts: int = 8

    @classmethod
    def for_meetings(cls, meetings: int) -> Shape:
        """Smaller archives get fewer workgroups, so each still has years of meetings."""
        groups = max(2, min(500, meetings // 200))
        return cls(meetings, regions=max(1, min(60, groups // 8)), workgroups=groups)


# ---- the directory and the workgroups ----------------------------------------------------

@dataclass
class RegionStaff:
    forms: dict[str, texts.AgencyText]
    agency_ids: dict[str, str]
    people: dict[str, list[Member]]  # by agency key ("district:N:prosecution" for districts)
    region: names.Region


def make_directory(writer: Writer, shape: Shape, rng: random.Random) -> list[RegionStaff]:
    staff = []
    for region in names.regions(shape.regions):
        forms = names.regional_agencies(region)
        agency_ids: dict[str, str] = {}
        people: dict[str, list[Member]] = {}
        area = "края" if region.krai else "области"
        for key, form in forms.items():
            agency_ids[key] = _agency(writer, form.name, form.short_name, form.kind.value,
                                      region.name)
            titles = [t.format(area=area) for t in names.PROSECUTION_TITLES] \
                if key == "prosecution" else list(names.REGIONAL_TITLES)
            people[key] = [_person(writer, rng, agency_ids[key], title, key, form.short_name,
                                   region.country) for title in titles]
        for number, district in enumerate(rng.sample(names.DISTRICTS, shape.districts)):
            for name, short, kind in names.district_agencies(district):
                agency_id = _agency(writer, name, short, kind.value, region.name)
                key = _KIND_KEYS[kind.value]
                titles = names.DISTRICT_PROSECUTION_TITLES if key == "prosecution" \
                    else names.DISTRICT_TITLES
                people[f"district:{number}:{key}"] = [
                    _person(writer, rng, agency_id, title, key, short, region.country)
                    for title in titles]
        staff.append(RegionStaff(forms, agency_ids, people, region))
    return staff


_KIND_KEYS = {"prosecution": "prosecution", "internal_affairs": "police",
              "investigative_committee": "investigation", "education": "education",
              "health": "health"}


def _agency(writer: Writer, name: str, short: str, kind: str, region: str) -> str:
    writer.record()
    return writer.add("agency", {"id": writer.new_id(), "name": name, "short_name": short,
                                 "kind": kind, "region": region,
                                 "name_key": search_key(f"{name} {short}")})


def _person(writer: Writer, rng: random.Random, agency_id: str, title: str, key: str,
            short: str, country: str) -> Member:
    full_name, female = names.person_name(rng)
    code = "+375 " + str(rng.randint(15, 29)) if country == "BY" else \
        "+7 " + str(rng.randint(300, 999))
    phone = f"{code} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
    writer.record()
    person_id = writer.add("person", {"id": writer.new_id(), "full_name": full_name,
                                      "position": title, "agency_id": agency_id,
                                      "phone": phone, "email": "",
                                      "name_key": search_key(full_name)})
    return Member(person_id, full_name, f"{title}, {short}", female, key)


def make_workgroups(writer: Writer, shape: Shape, staff: list[RegionStaff], today: date,
                    rng: random.Random) -> list[Group]:
    groups = []
    for index in range(shape.workgroups):
        region = staff[index % len(staff)]
        local = index // len(staff)  # 0 and 1: the region's own groups; then district ones
        theme = texts.THEMES[index % 2 if local < 2 else rng.randrange(2)]
        district = None if local < 2 else (local - 2) % shape.districts
        groups.append(_workgroup(writer, region, theme, district, today, rng))
    return groups


def _workgroup(writer: Writer, staff: RegionStaff, theme: texts.Theme, district: int | None,
               today: date, rng: random.Random) -> Group:
    people = staff.people
    local = f"district:{district}:" if district is not None else ""
    prosecution = people[f"{local}prosecution"]
    chair, secretary = prosecution[0], prosecution[2]
    deputy = people[f"{local}police"][0]
    members: list[Member] = []
    for key in rng.sample(theme.members, rng.randint(4, 6)):
        agency = texts.PERSON[key].agency
        pool = people.get(f"{local}{agency}") or people[agency]
        candidate = rng.choice(pool[1:])
        if candidate not in members and candidate not in (chair, deputy, secretary):
            members.append(candidate)
    established = today - timedelta(days=rng.randint(5500, 7000))
    if district is None:
        place = staff.region.prepositional
    else:
        place = f"{names.DISTRICTS[district]}ом районе {staff.region.genitive}"
    name = f"{theme.name} в {place}"
    basis = (f"приказ прокурора {staff.region.genitive} № {rng.randint(5, 180)} от "
             f"{established:%d.%m.%Y} «{theme.order_title}»")
    writer.record()
    group_id = writer.new_id()
    writer.add("workgroup", {"id": group_id, "name": name, "region": staff.region.name,
                             "legal_basis": basis, "established_on": established,
                             "chair_id": chair.person_id, "deputy_chair_id": deputy.person_id,
                             "secretary_id": secretary.person_id, "name_key": search_key(name)})
    roles = [(chair, MemberRole.CHAIR), (deputy, MemberRole.DEPUTY_CHAIR),
             (secretary, MemberRole.SECRETARY)] + [(p, MemberRole.MEMBER) for p in members]
    for position, (person, role) in enumerate(roles):
        writer.add("workgroup_member", {"id": writer.new_id(), "workgroup_id": group_id,
                                        "person_id": person.person_id, "role": role.value,
                                        "since": established, "until": None,
                                        "position": position})
    forms = staff.forms
    venues = (f"прокуратура {staff.region.genitive}, зал заседаний коллегии",
              f"{forms['police'].short_name}, актовый зал",
              f"{forms['administration'].name}, малый зал заседаний",
              "в режиме видеоконференцсвязи")
    return Group(group_id, theme, forms, staff.agency_ids, chair, secretary,
                 [chair, deputy, secretary, *members], established, venues)


# ---- meetings ----------------------------------------------------------------------------

# ---- entry point ---------------------------------------------------------------------------

def _bulk_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """A file being generated has nothing to lose: no journal, no syncs, a big page cache.
    The file becomes a WAL store again at the end, as open_store leaves it."""
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-262144"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def generate(out: Path, meetings: int, seed: int = 1, today: date | None = None,
             progress: bool = True, shape: Shape | None = None,
             actions: int = 0, findings: int = 0) -> dict[str, int]:
    """Create the store ``out`` (which must not exist) with ``meetings`` meetings,
    ``actions`` actions and ``findings`` supervision findings."""
    out = out.expanduser().resolve()
    if out.exists():
        raise FileExistsError(f"{out} exists; remove it or choose another name")
    partial = out.with_name(out.name + ".partial")
    for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    today = today or date.today()
    shape = shape or Shape.for_meetings(meetings)
    rng = random.Random(seed)
    started = clock.perf_counter()
    open_store(partial).close()  # schema, office id, zeroed clocks
    engine = make_engine(to_url(partial))
    event.listen(engine, "connect", _bulk_pragmas)
    try:
        writer = Writer(engine, rng)
        staff = make_directory(writer, shape, rng)
        groups = make_workgroups(writer, shape, staff, today, rng)
        writer.flush()
        maker = MeetingMaker(writer, rng)
        done, step = 0, max(1, meetings // 20)
        for group, count in zip(groups, split(meetings, len(groups), rng), strict=True):
            for _meeting in maker.group(group, count, today):
                done += 1
                if done % BATCH == 0:
                    writer.flush()
                if progress and done % step == 0:
                    print(f"  {done:>9,} / {meetings:,} meetings  "
                          f"{clock.perf_counter() - started:6.1f} s", flush=True)
        writer.flush()
        if actions:
            shown = [0]

            def report(made: int) -> None:
                if progress and made - shown[0] >= actions // 20:
                    shown[0] = made
                    print(f"  {made:>9,} / {actions:,} actions   "
                          f"{clock.perf_counter() - started:6.1f} s", flush=True)

            ActionMaker(partial, writer, groups, today, rng).run(actions, report)
        if findings:
            made = FindingMaker(partial, today, rng).run(findings)
            for table, count in made.items():
                writer.counts.add(table, count)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    finally:
        engine.dispose()
    partial.replace(out)
    counts = dict(writer.counts.rows)
    counts["seconds"] = round(clock.perf_counter() - started)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__
                                     .split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--actions", type=int, default=0,
                        help="actions with their events (from decisions and direct)")
    parser.add_argument("--findings", type=int, default=0,
                        help="supervision findings with their events (bench/finding_writer.py)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    args = parser.parse_args(argv)
    if args.force:
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.out) + suffix).unlink(missing_ok=True)
    try:
        counts = generate(args.out, args.meetings, args.seed, actions=args.actions,
                          findings=args.findings)
    except FileExistsError as error:
        print(error, file=sys.stderr)
        return 1
    seconds = counts.pop("seconds")
    print(f"{args.out}: " + ", ".join(f"{v:,} {k}" for k, v in counts.items())
          + f" in {seconds} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
