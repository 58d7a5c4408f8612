"""Signed minutes at the size of a long meeting: 30 agenda items, 40 attendees, 90 decisions.

Targets (issue 4), in-process medians of ``--runs`` calls after one warm-up call:

- the protocol PDF built (``services.minutes.build``: read the meeting, lay it out, add the
  signature fields) ≤ 0.5 s; the baseline, measured in the same run, is the same build of a
  small meeting (2 items, 5 attendees, 4 decisions), so the ratio shows what size costs;
- each signature (the key loaded from its PKCS#12 file, the PDF signed as an incremental
  update) ≤ 0.3 s, for the chair and for the secretary;
- verifying both signatures (``services.minutes.verify``) ≤ 0.1 s;
- building twice from the same data gives byte-identical PDFs.

    python -m bench.bench_minutes [--runs R]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from datetime import date
from datetime import time as clock
from pathlib import Path
from typing import Any

from bench.common import median, verdict

BUILD_LIMIT, SIGN_LIMIT, VERIFY_LIMIT = 0.5, 0.3, 0.1


def _memory_keyring() -> None:
    """Keys' passphrases in memory, as a desktop keyring would hold them."""
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        secrets: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.secrets.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.secrets[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.secrets.pop((service, username), None)

    keyring.set_keyring(Memory())


def _meeting(uow: Callable[[], Any], items: int, attendees: int, decisions: int) -> str:
    from workgroup_app.domain.actor import LOCAL_ADMIN as actor
    from workgroup_app.domain.entities import (
        Agency,
        AgendaItem,
        Attendee,
        Decision,
        Meeting,
        Person,
        Speech,
        Workgroup,
    )
    from workgroup_app.domain.enums import AttendeeKind, MeetingStatus, SpeechSection
    from workgroup_app.services import directory, meetings
    from workgroup_app.services import workgroups as groups

    agencies = [directory.save_agency(uow(), actor, Agency(f"Ведомство № {n} области"))
                for n in range(1, 9)]
    people = [directory.save_person(uow(), actor, Person(
        f"Сотрудников{n} Иван Петрович", f"заместитель начальника отдела № {n}",
        agencies[n % len(agencies)].id)) for n in range(attendees)]
    group = groups.save_workgroup(uow(), actor, Workgroup(
        f"Межведомственная рабочая группа № {items}", chair_id=people[0].id,
        secretary_id=people[1].id))
    lines = [Attendee(person_id=p.id, present=n % 9 != 8) for n, p in enumerate(people[:-2])]
    lines += [Attendee(kind=AttendeeKind.INVITED, person_id=p.id) for p in people[-2:]]
    per_item = [decisions // items + (1 if n < decisions % items else 0) for n in range(items)]
    agenda = [AgendaItem(
        f"О состоянии взаимодействия по направлению № {n + 1} и мерах по его улучшению",
        speeches=[Speech(SpeechSection.HEARD, people[(2 * n) % attendees].id,
                         text="Доложил о результатах работы за период. " * 6),
                  Speech(SpeechSection.SPOKE, people[(2 * n + 1) % attendees].id,
                         text="Предложил дополнительные меры. " * 3)],
        decisions=[Decision(f"Обеспечить выполнение мероприятия {n + 1}.{k + 1} "
                            "и проинформировать рабочую группу о результатах. " * 2,
                            agencies[(n + k) % len(agencies)].id, date(2026, 6, 1 + k % 28))
                   for k in range(per_item[n])]) for n in range(items)]
    meeting = meetings.save_meeting(uow(), actor, Meeting(
        workgroup_id=group.id, held_on=date(2026, 3, 5), starts_at=clock(10, 0),
        venue="г. Гродно, ул. Ленина, 1", status=MeetingStatus.HELD, chair_id=people[0].id,
        secretary_id=people[1].id, attendees=lines, items=agenda))
    return meeting.id


def _timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """(first call, median of the next ``runs``, last result)."""
    start = time.perf_counter()
    result = fn()
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return first, median(times), result


def measure(runs: int) -> dict[str, Any]:
    os.environ.setdefault("WORKGROUP_DATA_DIR", tempfile.mkdtemp(prefix="bench-minutes-"))
    _memory_keyring()
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig
    from workgroup_app.domain.minutes import SignerRole
    from workgroup_app.security import signing
    from workgroup_app.security.stamp_font import stamp_font
    from workgroup_app.services import keys, minutes
    from workgroup_app.services import meetings as meeting_service

    folder = Path(os.environ["WORKGROUP_DATA_DIR"])
    context = open_context(AppConfig.build(database=str(folder / "bench.sqlite"),
                                           data_dir=folder, language="en"))
    uow, chain, actor = context.uow, context.keychain, context.actor
    try:
        big = _meeting(uow, 30, 40, 90)
        small = _meeting(uow, 2, 5, 4)
        results: dict[str, Any] = {}
        build = lambda meeting: lambda: minutes.build(uow(), meeting, lang="ru")  # noqa: E731
        results["build_small"] = _timed(build(small), runs)[:2]
        first, middle, pdf = _timed(build(big), runs)
        results["build"] = (first, middle)
        results["identical"] = minutes.build(uow(), big, lang="ru") == pdf
        results["size"] = len(pdf)

        keys.ca_init(uow(), chain, office_name="Прокуратура области")
        held = meeting_service.get_meeting(uow(), big)
        certs = {role: keys.issue(uow(), chain, person, role) for role, person in (
            (SignerRole.CHAIR, held.chair_id), (SignerRole.SECRETARY, held.secretary_id))}
        minutes.approve(uow(), actor, big, lang="ru")
        approved = minutes.document(uow(), big)[1]
        font = stamp_font(chain.cache)

        def sign(role: SignerRole, data: bytes) -> Callable[[], bytes]:
            def run() -> bytes:
                key = keys.load_key(uow(), chain, certs[role].id)
                return signing.sign_pdf(data, key=key, role=role,
                                        certify=role == SignerRole.CHAIR,
                                        stamp_text="Подписано\n%(signer)s\n%(ts)s",
                                        reason="bench", location="", font=font)
            return run

        first, middle, by_chair = _timed(sign(SignerRole.CHAIR, approved), runs)
        results["sign_chair"] = (first, middle)
        first, middle, _both = _timed(sign(SignerRole.SECRETARY, by_chair), runs)
        results["sign_secretary"] = (first, middle)
        start = time.perf_counter()
        minutes.sign(uow(), actor, chain, big, SignerRole.CHAIR)
        minutes.sign(uow(), actor, chain, big, SignerRole.SECRETARY)
        results["service_sign_both"] = time.perf_counter() - start
        signed = minutes.document(uow(), big)[1]
        first, middle, report = _timed(lambda: minutes.verify(uow(), signed), runs)
        results["verify"] = (first, middle)
        results["verified"] = report.all_valid and len(report.checks) == 2
        return results
    finally:
        context.close()


def report(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    build_first, build = results["build"]
    base = results["build_small"][1]
    print(f"\nMinutes — 30 items, 40 attendees, 90 decisions ({results['size'] / 1024:.0f} KB)")
    print(f"  build: first {build_first:.3f} s, median {build:.3f} s; small meeting "
          f"{base:.3f} s → {build / base:.1f}× the small one")
    print(f"  byte-identical rebuild: {results['identical']}")
    rows = [("minutes PDF, 30/40/90", f"{build:.3f} s ({build / base:.1f}× small)", "≤ 0.5 s",
             verdict(build <= BUILD_LIMIT))]
    for role in ("chair", "secretary"):
        first, middle = results[f"sign_{role}"]
        print(f"  sign as {role} (key load + sign): first {first:.3f} s, median {middle:.3f} s "
              f"({middle / SIGN_LIMIT:.2f} of the target)")
        rows.append((f"signature, {role}", f"{middle:.3f} s", "≤ 0.3 s",
                     verdict(middle <= SIGN_LIMIT)))
    print(f"  both signatures through the service, once: {results['service_sign_both']:.3f} s")
    first, middle = results["verify"]
    print(f"  verify both: first {first:.3f} s, median {middle:.3f} s; all valid: "
          f"{results['verified']}")
    rows.append(("verify both signatures", f"{middle:.3f} s", "≤ 0.1 s",
                 verdict(middle <= VERIFY_LIMIT and results["verified"])))
    rows.append(("byte-identical rebuild", str(results["identical"]), "True",
                 verdict(results["identical"])))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_minutes")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    rows = report(measure(args.runs))
    print()
    for name, measured, target, result in rows:
        print(f"  {name:<26} {measured:<22} {target:<8} {result}")
    return 0 if all(r[3] == "PASS" for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
