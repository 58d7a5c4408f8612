"""Supervision findings of the generated archive: ``python -m bench.generate … --findings N``.

N findings over the last ten years (a few more each year), spread unevenly over the agencies
of the store that a prosecutor inspects (not the prosecution offices themselves), every act
type, act numbers unique per type and year, the response due date from the statutory preset
through the office's calendar (the prosecutor's own date for orders and demands, none for
warnings). About 80 % of the acts with a due date that has passed are answered, most on time,
some late; results (satisfied, partly, rejected), measures (officials disciplined, acts
repealed or amended), escalations, comments, and closing for most settled ones.

The derived columns (``status`` … ``closed_on``) are what ``derive_tolerant`` makes of the
events, i.e. what ``FindingRepository.refresh_state`` stores; ``text_key`` is what
``storage/capture.py`` computes. Rows go in with raw ``sqlite3`` ``executemany`` like
``action_writer.py``, with the change capture of the services' flushes: ``add_finding`` is two
ticks (the finding, then its "recorded" event), every later event one tick, and one more for
the finding's ``updated_at`` when the event changed its state (``refresh_state`` flushes it).
"""

from __future__ import annotations

import bisect
import random
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.action_writer import MARKS, _insert, _template
from workgroup_app.calendars.country import country_calendar
from workgroup_app.domain import hlc
from workgroup_app.domain.deadlines import DeadlineRule, WorkCalendar, compute_deadline
from workgroup_app.domain.findings import (
    DEFAULT_PRESETS,
    ActType,
    Escalation,
    FindingEvent,
    FindingEventKind,
    FindingState,
    ResponseResult,
    apply,
    derive_tolerant,
)
from workgroup_app.storage import capture
from workgroup_app.storage import models as m
from workgroup_app.storage.text_keys import search_key

YEARS = 10
BATCH = 20_000  # findings per transaction
AUTHOR = "admin"
ACT_SHARES = ((ActType.SUBMISSION, 0.45), (ActType.PROTEST, 0.15), (ActType.WARNING, 0.15),
              (ActType.ORDER, 0.10), (ActType.DEMAND, 0.10), (ActType.RESOLUTION, 0.05))
NUMBER_PREFIX = {ActType.SUBMISSION: "02-08", ActType.PROTEST: "02-05", ActType.WARNING: "02-11",
                 ActType.ORDER: "02-09", ActType.DEMAND: "02-12", ActType.RESOLUTION: "02-14"}
FINDING_COLUMNS = (
    "id", "agency_id", "official_id", "inspected_on", "subject", "violations", "legal_norms",
    "workgroup_id", "meeting_id", "act_type", "act_number", "act_date", "act_year",
    "prosecutor_id", "addressee", "response_due", "status", "responded_on", "result",
    "disciplined", "acts_repealed", "escalation", "closed_on", "text_key", "created_at",
    "updated_at", "origin_office_id", "deleted")
EVENT_COLUMNS = (
    "id", "finding_id", "seq", "kind", "happened_on", "text", "result", "disciplined",
    "acts_repealed", "escalation", "attachment_name", "attachment_sha256", "author",
    "created_at", "updated_at", "origin_office_id", "deleted")

SUBJECTS = {
    "internal_affairs": (
        "Соблюдение законности при приёме, регистрации и разрешении заявлений и сообщений "
        "о преступлениях", "Исполнение законодательства об административных правонарушениях",
        "Исполнение законодательства о профилактике правонарушений"),
    "investigative_committee": (
        "Соблюдение сроков предварительного расследования",
        "Законность приостановления предварительного расследования по уголовным делам"),
    "education": (
        "Исполнение законодательства о правах несовершеннолетних",
        "Исполнение законодательства о профилактике безнадзорности и правонарушений "
        "несовершеннолетних", "Соблюдение законодательства об охране труда в учреждениях "
        "образования"),
    "health": (
        "Соблюдение законодательства об обращении лекарственных средств",
        "Соблюдение порядка оказания платных медицинских услуг",
        "Исполнение законодательства о здравоохранении при оказании помощи несовершеннолетним"),
    "local_administration": (
        "Исполнение жилищного законодательства", "Соблюдение законодательства о местном "
        "управлении и самоуправлении", "Исполнение законодательства о земле"),
}
COMMON_SUBJECTS = (
    "Исполнение законодательства о борьбе с коррупцией",
    "Соблюдение законодательства об обращениях граждан и юридических лиц",
    "Соблюдение законодательства о государственных закупках",
    "Исполнение трудового законодательства")
VIOLATIONS = (
    "Обращения граждан рассмотрены с нарушением установленного срока",
    "Не обеспечен контроль за исполнением ранее принятых решений",
    "Допущены нарушения порядка учёта и хранения документов",
    "Решения приняты без проверки изложенных доводов",
    "Не приняты меры к устранению причин и условий, способствовавших правонарушениям",
    "Должностные лица не ознакомлены с требованиями законодательства",
    "Сведения в учётные документы внесены несвоевременно",
    "Нарушены требования к оформлению процессуальных документов",
    "Не обеспечено своевременное информирование заинтересованных лиц",
    "Выявлены факты необоснованного отказа в удовлетворении законных требований")
NORMS = (
    "ст. 10, 17 Закона «Об обращениях граждан и юридических лиц»",
    "ст. 17 Закона «О борьбе с коррупцией»", "ст. 172, 173 УПК", "ст. 190 УПК",
    "ст. 11 Закона «О здравоохранении»", "ст. 55 Трудового кодекса",
    "ст. 20 Закона «О государственных закупках товаров (работ, услуг)»",
    "ст. 4 Закона «Об основах системы профилактики безнадзорности и правонарушений "
    "несовершеннолетних»", "ст. 28 Закона «О прокуратуре»")
ADDRESSED = {"internal_affairs": "Начальнику", "investigative_committee": "Начальнику",
             "education": "Начальнику", "health": "Главному врачу",
             "local_administration": "Председателю"}
RESPONSES = (
    "Нарушения устранены, приняты меры к недопущению подобного впредь.",
    "Акт рассмотрен с участием прокурора; нарушения признаны, приняты меры.",
    "Приказом руководителя виновные лица привлечены к дисциплинарной ответственности.",
    "Требования признаны частично; по остальным доводам даны разъяснения.",
    "Доводы акта не признаны; позиция изложена в ответе.")
MEASURES = ("Проведены занятия с работниками по изучению законодательства.",
            "Внесены изменения в локальные правовые акты.", "Усилен внутренний контроль.")
COMMENTS = ("Запрошены дополнительные материалы.", "Ответ поступил по электронной почте, "
            "подлинник ожидается.", "Вопрос рассмотрен на совещании у прокурора.")


@dataclass(frozen=True, slots=True)
class Inspected:
    agency_id: str
    kind: str
    short_name: str
    region: str
    prosecution_id: str | None  # the prosecution office that inspects it
    weight: float


class FindingMaker:
    """Writes findings and their events into an existing store (``open_store`` made it)."""

    def __init__(self, path: Path, today: date, rng: random.Random) -> None:
        self.path, self.today, self.rng = path, today, rng
        self.cal: WorkCalendar = country_calendar("BY", range(today.year - YEARS - 2,
                                                              today.year + 3))
        self.agencies: list[Inspected] = []
        self.weights: list[float] = []
        self.people: dict[str, list[str]] = {}
        self.groups: dict[str, list[str]] = {}  # region -> workgroup ids
        self.meetings: dict[str, tuple[list[date], list[str]]] = {}  # workgroup -> held
        self.numbers: dict[tuple[ActType, int], int] = {}
        self.rows: dict[str, list[tuple[Any, ...]]] = {
            "finding": [], "finding_event": [], "sync_change": []}
        self.counts = {"finding": 0, "finding_event": 0}
        self.office, self.stamp, self.version = "", 0, 0
        self.now_ms, self.stamp_text = 0, ""
        self.templates: dict[str, str] = {}

    # -- reading the store ----------------------------------------------------------------------
    def load(self, connection: sqlite3.Connection) -> None:
        state = dict(connection.execute("SELECT key, value FROM local_state"))
        self.office = state[capture.OFFICE_KEY]
        self.stamp, self.version = int(state[capture.HLC_KEY]), int(state[capture.VERSION_KEY])
        self.templates = {"finding": _template(m.FindingRow, self.office),
                          "finding+": _template(m.FindingRow, self.office, split_updated=True),
                          "finding_event": _template(m.FindingEventRow, self.office)}
        for person_id, agency_id in connection.execute(
                "SELECT id, agency_id FROM person WHERE agency_id IS NOT NULL AND deleted = 0 "
                "ORDER BY rowid"):
            self.people.setdefault(agency_id, []).append(person_id)
        prosecution: str | None = None  # generate.py writes each prosecution office first
        for agency_id, kind, short, region in connection.execute(
                "SELECT id, kind, short_name, region FROM agency WHERE deleted = 0 "
                "ORDER BY rowid"):
            if kind == "prosecution":
                prosecution = agency_id
                continue
            # Regional bodies and big district ones are inspected more often.
            weight = self.rng.lognormvariate(0, 0.6) * (2.0 if "обл" in short else 1.0)
            self.agencies.append(Inspected(agency_id, kind, short, region, prosecution,
                                           weight))
        if not self.agencies:
            raise ValueError("the store has no agencies to inspect; generate meetings first")
        self.weights = list(_cumulative(a.weight for a in self.agencies))
        for group_id, region in connection.execute(
                "SELECT id, region FROM workgroup WHERE deleted = 0 ORDER BY rowid"):
            self.groups.setdefault(region, []).append(group_id)
        for meeting_id, group_id, held_on in connection.execute(
                "SELECT id, workgroup_id, held_on FROM meeting WHERE status = 'held' AND "
                "deleted = 0 AND held_on IS NOT NULL ORDER BY held_on, id"):
            days, ids = self.meetings.setdefault(group_id, ([], []))
            days.append(date.fromisoformat(held_on))
            ids.append(meeting_id)

    def act_dates(self, total: int) -> list[date]:
        """Acts over the last ten years, half spread evenly and half growing with time."""
        first = self.today - timedelta(days=365 * YEARS)
        span = (self.today - first).days
        rng = self.rng
        return sorted(first + timedelta(days=int(span * (rng.random() if rng.random() < 0.5
                                                         else rng.random() ** 0.5)))
                      for _index in range(total))

    # -- one finding ----------------------------------------------------------------------------
    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def tick(self) -> tuple[int, int]:
        self.stamp = hlc.tick(self.stamp, self.now_ms)
        self.version += 1
        return self.stamp, self.version

    def make(self, act_date: date) -> None:
        rng = self.rng
        agency = self.agencies[bisect.bisect(self.weights, rng.random() * self.weights[-1])
                               if len(self.agencies) > 1 else 0]
        act_type = rng.choices([t for t, _s in ACT_SHARES], [s for _t, s in ACT_SHARES])[0]
        number = self.numbers.get((act_type, act_date.year), 0) + 1
        self.numbers[(act_type, act_date.year)] = number
        act_number = f"{NUMBER_PREFIX[act_type]}/{number}"
        inspected = act_date - timedelta(days=rng.randint(2, 45))
        subject = rng.choice(SUBJECTS.get(agency.kind, ()) + COMMON_SUBJECTS)
        violations = "; ".join(rng.sample(VIOLATIONS, rng.randint(1, 3))) + "."
        norms = ", ".join(rng.sample(NORMS, rng.randint(1, 2)))
        addressee = f"{ADDRESSED.get(agency.kind, 'Руководителю')}: {agency.short_name}"
        staff = self.people.get(agency.agency_id)
        prosecutors = self.people.get(agency.prosecution_id or "")
        group_id = meeting_id = None
        if rng.random() < 0.25 and self.groups.get(agency.region):
            group_id = rng.choice(self.groups[agency.region])
            days, ids = self.meetings.get(group_id, ([], []))
            before = bisect.bisect_right(days, inspected)
            if before and rng.random() < 0.6:
                meeting_id = ids[before - 1]
        due = self.response_due(act_type, act_date)
        finding_id = self.new_id()
        events = [FindingEvent(FindingEventKind.RECORDED, act_date, author=AUTHOR,
                               id=self.new_id())]
        events += Life(self, act_date, due, act_type).events()
        state, skipped = derive_tolerant(events, act_date)
        assert not skipped, "the generated life must be valid"
        created, _created_version = self.tick()
        last_change = self.write_events(finding_id, events, act_date)
        key = search_key(" ".join((subject, act_number, addressee, violations)))
        now = self.stamp_text
        self.rows["finding"].append((
            finding_id, agency.agency_id, rng.choice(staff) if staff else None,
            inspected.isoformat(), subject, violations, norms, group_id, meeting_id,
            act_type.value, act_number, act_date.isoformat(), act_date.year,
            rng.choice(prosecutors) if prosecutors else None, addressee, _iso(due),
            *_derived(state), key, now, now, self.office, 0))
        sync = self.rows["sync_change"]
        if last_change is None:
            sync.append(("finding", finding_id, _created_version,
                         self._clocks("finding", created)))
        else:
            sync.append(("finding", finding_id, last_change[1],
                         self._clocks("finding+", created, last_change[0])))
        self.counts["finding"] += 1
        self.counts["finding_event"] += len(events)

    def write_events(self, finding_id: str, events: list[FindingEvent],
                     act_date: date) -> tuple[int, int] | None:
        """The event rows, one tick each, and the tick of the last flush that changed the
        finding's state (None: none did after it was recorded)."""
        now, state, last_change = self.stamp_text, FindingState(), None
        for seq, event in enumerate(events):
            stamp, version = self.tick()
            self.rows["finding_event"].append((
                event.id, finding_id, seq, event.kind.value, event.on.isoformat(), event.text,
                _value(event.result), event.disciplined, event.acts_repealed,
                _value(event.escalation), "", "", event.author, now, now, self.office, 0))
            self.rows["sync_change"].append(("finding_event", event.id, version,
                                             self._clocks("finding_event", stamp)))
            before, state = state, apply(state, event, act_date)
            if state != before:
                last_change = self.tick()
        return last_change

    def response_due(self, act_type: ActType, act_date: date) -> date | None:
        preset = DEFAULT_PRESETS[act_type]
        if preset.rule is None:
            return None
        fixed = None
        if preset.rule == DeadlineRule.FIXED_DATE:
            fixed = act_date + timedelta(days=self.rng.choice((5, 10, 14, 30, 30, 60)))
        return compute_deadline(preset.rule, act_date, self.cal, days=preset.days, fixed=fixed)

    def _clocks(self, template: str, stamp: int, later: int = 0) -> str:
        payload = self.templates[template].replace(str(MARKS[0]), str(stamp))
        return payload.replace(str(MARKS[1]), str(later)) if later else payload

    # -- writing --------------------------------------------------------------------------------
    def run(self, total: int, progress: Callable[[int], None] | None = None) -> dict[str, int]:
        connection = sqlite3.connect(self.path, isolation_level=None)
        try:
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-524288",
                           "temp_store=MEMORY"):
                connection.execute(f"PRAGMA {pragma}")
            self.load(connection)
            self._restamp()
            for number, act_date in enumerate(self.act_dates(total), start=1):
                self.make(act_date)
                if number % BATCH == 0:
                    self.flush(connection)
                    if progress:
                        progress(self.counts["finding"])
            self.flush(connection)  # no ANALYZE: the app's stores have no statistics either
        finally:
            connection.close()
        return dict(self.counts)

    def _restamp(self) -> None:
        now = datetime.now(UTC)
        self.now_ms = int(now.timestamp() * 1000)
        self.stamp_text = now.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")

    def flush(self, connection: sqlite3.Connection) -> None:
        connection.execute("BEGIN")
        connection.executemany(_insert("finding", FINDING_COLUMNS), self.rows["finding"])
        connection.executemany(_insert("finding_event", EVENT_COLUMNS),
                               self.rows["finding_event"])
        connection.executemany(_insert("sync_change", ("table_name", "row_id", "local_version",
                                                       "field_clocks")),
                               self.rows["sync_change"])
        for key, value in ((capture.HLC_KEY, self.stamp), (capture.VERSION_KEY, self.version)):
            connection.execute("UPDATE local_state SET value = ? WHERE key = ?",
                               (str(value), key))
        connection.execute("COMMIT")
        for rows in self.rows.values():
            rows.clear()
        self._restamp()


class Life:
    """What happens after the act, up to today: response, result, measures, escalation,
    comments, closing — each dated after the one before and never after today."""

    def __init__(self, maker: FindingMaker, act_date: date, due: date | None,
                 act_type: ActType) -> None:
        self.rng, self.today, self.maker = maker.rng, maker.today, maker
        self.act_date, self.due, self.act_type = act_date, due, act_type
        self.last = act_date

    def after(self, low: int, high: int) -> date | None:
        """A day ``low``..``high`` days after the last event, or None if that is after today."""
        day = self.last + timedelta(days=self.rng.randint(low, high))
        if day > self.today:
            return None
        self.last = day
        return day

    def event(self, kind: FindingEventKind, on: date, text: str = "",
              **values: Any) -> FindingEvent:
        return FindingEvent(kind, on, text, author=AUTHOR, id=self.maker.new_id(), **values)

    def events(self) -> Iterator[FindingEvent]:
        rng, due = self.rng, self.due
        if self.act_date >= self.today:
            return
        result = None
        responded = self.response_day()
        if responded is not None:
            self.last = responded
            if rng.random() < 0.75:
                result = _result(rng)
            yield self.event(FindingEventKind.RESPONSE, responded, rng.choice(RESPONSES),
                             result=result)
            if result is None and rng.random() < 0.7 and (day := self.after(1, 20)):
                result = _result(rng)
                yield self.event(FindingEventKind.RESULT, day, result=result)
        elif due is not None and due < self.today and rng.random() < 0.1 and \
                (day := self.after((due - self.last).days + 5, (due - self.last).days + 40)):
            yield self.event(FindingEventKind.ESCALATED, day, "Ответ не поступил.",
                             escalation=Escalation.HIGHER_BODY)
            return
        if rng.random() < 0.05 and (day := self.after(0, 15)):
            yield self.event(FindingEventKind.COMMENT, day, rng.choice(COMMENTS))
        if result in (ResponseResult.SATISFIED, ResponseResult.PARTLY) and rng.random() < 0.7 \
                and (day := self.after(0, 30)):
            repealed = rng.randint(1, 2) if self.act_type == ActType.PROTEST else \
                rng.choice((0, 0, 0, 1))
            disciplined = rng.choice((0, 1, 1, 1, 2, 2, 3, 4, 6))
            text = "" if disciplined or repealed else rng.choice(MEASURES)
            yield self.event(FindingEventKind.MEASURES, day, text, disciplined=disciplined,
                             acts_repealed=repealed)
        if result == ResponseResult.REJECTED and rng.random() < 0.5 and \
                (day := self.after(5, 60)):
            where = Escalation.COURT if rng.random() < 0.4 else Escalation.HIGHER_BODY
            yield self.event(FindingEventKind.ESCALATED, day, escalation=where)
        settled = result is not None or (responded is not None and self.due is None)
        if settled and rng.random() < 0.75 and (day := self.after(3, 90)):
            yield self.event(FindingEventKind.CLOSED, day)

    def response_day(self) -> date | None:
        """About 80 % of acts whose due date has passed are answered, ~75 % of them on
        time; a recent act may already be answered; a warning rarely is."""
        rng, due, today = self.rng, self.due, self.today
        if due is None:
            return self.day(1, 30) if rng.random() < 0.2 else None
        if due >= today:
            return self.day(1, (today - self.act_date).days) if rng.random() < 0.35 else None
        age = (today - due).days
        if rng.random() >= (0.5 if age <= 30 else 0.7 if age <= 180 else 0.83):
            return None
        if rng.random() < 0.75:
            return self.day(1, (due - self.act_date).days)
        return self.day((due - self.act_date).days + 1, (due - self.act_date).days + 45)

    def day(self, low: int, high: int) -> date | None:
        day = self.act_date + timedelta(days=self.rng.randint(min(low, high), max(low, high)))
        return day if day <= self.today else None


def _result(rng: random.Random) -> ResponseResult:
    roll = rng.random()
    return ResponseResult.SATISFIED if roll < 0.65 else ResponseResult.PARTLY if roll < 0.9 \
        else ResponseResult.REJECTED


def _derived(state: FindingState) -> tuple[Any, ...]:
    """The derived columns in FINDING_COLUMNS order, as refresh_state stores them."""
    return (state.status.value, _iso(state.responded_on), _value(state.result),
            state.disciplined, state.acts_repealed, _value(state.escalation),
            _iso(state.closed_on))


def _cumulative(values: Iterable[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def _value(member: Any) -> str | None:
    return None if member is None else str(member.value)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def write_findings(path: Path, total: int, seed: int = 1, today: date | None = None,
                   progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Add ``total`` findings to the store at ``path`` (no other connection open); returns
    the rows written per table. The store is a WAL store again afterwards."""
    counts = FindingMaker(path, today or date.today(), random.Random(seed)).run(total, progress)
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()
    return counts
