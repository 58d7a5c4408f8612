"""Meetings of the generated archive: dates about a month apart, attendance, agenda items with
reports, discussion and numbered decisions, written through the bulk writer."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import date, time, timedelta
from typing import Any

from bench.store_writer import Group, Member, Writer
from workgroup_app.domain.enums import AttendeeKind, MeetingStatus, SpeechSection
from workgroup_app.services import demo_texts as texts

START_TIMES = (time(10, 0), time(10, 0), time(11, 0), time(14, 30), time(15, 0))


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` shared among ``parts`` unevenly (busy and quiet groups), summing exactly."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(total - sum(counts)):
        counts[i % parts] += 1
    return counts


def schedule(count: int, group: Group, today: date,
             rng: random.Random) -> Iterator[tuple[date, MeetingStatus]]:
    """Dates about a month apart ending today, the last one or two still planned."""
    planned = min(count, 1 if count < 40 else 2)
    held = count - planned
    gap = max(7.0, min(40.0, (today - group.established).days / max(1, held + 1)))
    start = today - timedelta(days=int(gap * held) + 7)
    for i in range(held):
        day = texts.meeting_day(start + timedelta(days=int(i * gap) + rng.randint(-2, 2)))
        status = MeetingStatus.CANCELLED if rng.random() < 0.02 else MeetingStatus.HELD
        yield min(day, today - timedelta(days=1)), status
    for i in range(planned):
        yield texts.meeting_day(today + timedelta(days=10 + 21 * i)), MeetingStatus.PLANNED


class MeetingMaker:
    def __init__(self, writer: Writer, rng: random.Random) -> None:
        self.writer, self.rng = writer, rng

    def group(self, group: Group, count: int, today: date) -> Iterator[None]:
        numbers: dict[int, int] = {}
        previous: tuple[date, int] | None = None
        deck: list[texts.Topic] = []
        for held_on, status in sorted(schedule(count, group, today, self.rng)):
            numbers[held_on.year] = numbers.get(held_on.year, 0) + 1
            number = numbers[held_on.year]
            if not deck:
                deck = list(group.theme.topics)
                self.rng.shuffle(deck)
            self.meeting(group, held_on, number, status, deck, previous)
            if status == MeetingStatus.HELD:
                previous = (held_on, number)
            yield None

    def meeting(self, group: Group, held_on: date, number: int, status: MeetingStatus,
                deck: list[texts.Topic], previous: tuple[date, int] | None) -> None:
        w, rng = self.writer, self.rng
        w.record()
        meeting_id = w.new_id()
        chair = group.chair
        present: list[Member] = []
        lines = []
        for position, member in enumerate(group.members):
            away = status == MeetingStatus.HELD and position >= 3 and rng.random() < 0.12
            lines.append(self._attendee(meeting_id, position, member.person_id, not away,
                                        rng.choice(texts.ABSENCE_NOTES) if away else ""))
            if not away:
                present.append(member)
        if status == MeetingStatus.HELD and rng.random() < 0.3:
            name, title, organisation = rng.choice(texts.GUESTS)
            lines.append(self._attendee(meeting_id, len(lines), None, True, "", name, title,
                                        organisation))
        w.add("meeting", {"id": meeting_id, "workgroup_id": group.id, "number": number,
                          "year": held_on.year, "held_on": held_on,
                          "starts_at": rng.choice(START_TIMES),
                          "venue": rng.choice(group.venues), "status": status.value,
                          "chair_id": chair.person_id,
                          "secretary_id": group.secretary.person_id})
        for line in lines:
            w.add("attendee", line)
        held = status == MeetingStatus.HELD
        topical = rng.choice((1, 2, 2, 3)) if held else rng.choice((1, 2))
        for position in range(topical):
            topic = deck.pop() if deck else rng.choice(group.theme.topics)
            self.item(group, meeting_id, position, topic, held_on, held, present)
        if previous is not None and (held or status == MeetingStatus.PLANNED):
            self.control_item(group, meeting_id, topical, held_on, previous, held)

    def _attendee(self, meeting_id: str, position: int, person_id: str | None, present: bool,
                  note: str, guest: str = "", title: str = "",
                  organisation: str = "") -> dict[str, Any]:
        kind = AttendeeKind.MEMBER if person_id else AttendeeKind.INVITED
        return {"id": self.writer.new_id(), "meeting_id": meeting_id, "position": position,
                "kind": kind.value, "person_id": person_id, "present": present,
                "substitute_id": None, "guest_name": guest, "guest_position": title,
                "guest_organisation": organisation, "note": note}

    def item(self, group: Group, meeting_id: str, position: int, topic: texts.Topic,
             held_on: date, held: bool, present: Sequence[Member]) -> None:
        w, rng = self.writer, self.rng
        item_id = w.new_id()
        dissent = ""
        reporters = [p for p in present if p.agency_key == topic.agencies[0]] or \
            list(present[1:] or group.members)
        reporter = reporters[0]
        heard = texts.compose_heard(topic, rng, held_on) if held else ""
        speeches = [(reporter, SpeechSection.HEARD, heard)]
        if held and rng.random() < 0.25:
            other = rng.choice(present)
            if other is not reporter:
                speeches.append((other, SpeechSection.SPOKE, texts.compose_spoke(
                    rng, other.female, _forms_key(other, group), topic.agencies[0],
                    group.forms)))
        if held and rng.random() < 0.01:
            dissenter = rng.choice(present)
            dissent = texts.DISSENT.format(
                member=_short(dissenter.full_name), agency=dissenter.position.split(", ")[-1],
                agreed="согласна" if dissenter.female else "согласен",
                number=f"{position + 1}.1")
        w.add("agenda_item", {"id": item_id, "meeting_id": meeting_id, "position": position,
                              "title": topic.title, "dissent": dissent})
        for order, (person, section, speech) in enumerate(speeches):
            w.add("speech", {"id": w.new_id(), "agenda_item_id": item_id, "position": order,
                             "section": section.value, "person_id": person.person_id,
                             "speaker_name": person.full_name,
                             "speaker_position": person.position, "text": speech})
        if not held:
            return
        decisions: list[tuple[str, str | None, date | None]] = []
        if rng.random() < 0.5:
            decisions.append((rng.choice(texts.ACKNOWLEDGE), None, None))
        for agency, action in rng.sample(topic.decisions, rng.choice((1, 2, 2, 3))):
            due = texts.working_day(held_on + timedelta(days=rng.choice((30, 45, 60, 90))))
            decisions.append((texts.compose_decision(agency, action, False, group.forms),
                              group.agency_ids[agency], due))
        self._decisions(item_id, decisions)

    def control_item(self, group: Group, meeting_id: str, position: int, held_on: date,
                     previous: tuple[date, int], held: bool) -> None:
        w, rng = self.writer, self.rng
        item_id = w.new_id()
        values = {"total": rng.randint(3, 9), "done": rng.randint(1, 3),
                  "date": f"{previous[0]:%d.%m.%Y}", "number": previous[1],
                  "numbers": "1.2, 2.1", "item": "1.3"}
        w.add("agenda_item", {"id": item_id, "meeting_id": meeting_id, "position": position,
                              "title": texts.CONTROL_TITLE, "dissent": ""})
        secretary = group.secretary
        w.add("speech", {"id": w.new_id(), "agenda_item_id": item_id, "position": 0,
                         "section": SpeechSection.HEARD.value, "person_id": secretary.person_id,
                         "speaker_name": secretary.full_name,
                         "speaker_position": secretary.position,
                         "text": texts.fill(texts.CONTROL_HEARD, values) if held else ""})
        if held:
            police = group.agency_ids["police"]
            due = texts.working_day(held_on + timedelta(days=30))
            keep = f"{group.forms['police'].dative} {texts.fill(texts.CONTROL_KEEP, values)}."
            decisions = [(texts.fill(texts.CONTROL_CLOSE, values), None, None),
                         (keep, police, due)]
            if rng.random() < 0.5:
                decisions.append((texts.CONTROL_DISCIPLINE, None, None))
            self._decisions(item_id, decisions)

    def _decisions(self, item_id: str,
                   decisions: list[tuple[str, str | None, date | None]]) -> None:
        w = self.writer
        for order, (decision, agency_id, due) in enumerate(decisions):
            w.add("decision", {"id": w.new_id(), "agenda_item_id": item_id, "position": order,
                               "text": decision, "responsible_agency_id": agency_id,
                               "due_date": due})


def _forms_key(member: Member, group: Group) -> str:
    return member.agency_key if member.agency_key in group.forms else "prosecution"


def _short(full_name: str) -> str:
    surname, *rest = full_name.split()
    return surname + " " + "".join(part[0] + "." for part in rest)
