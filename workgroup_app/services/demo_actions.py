"""Execution control in the demo office: the held meetings' decisions become actions, and what
happened to them since is recorded through the services, dated before the demo's today.

As of today the office looks alive: most actions are done (some late, a few after an
extension or a return for rework), about one in eight is overdue across the age groups of the
overview, some fall due this week, a few reports await acceptance, one quarterly series runs
and a couple of actions were entered directly. Every action has a controller. The dates count
from ``today`` and the choices come from one ``random.Random``, so the demo is deterministic.
The text pools are also used by the benchmark generator (bench/action_writer.py).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain.actions import Action, ActionSource, Recurrence
from ..domain.actor import Actor
from ..domain.deadlines import WorkCalendar
from ..domain.enums import MeetingStatus
from ..domain.views import ListQuery
from . import action_reports, actions, meetings, workdays
from . import demo_texts as t
from .ports import UnitOfWork

OFFICE_NAME = "Прокуратура Гродненской области"
COUNTRY = "BY"
OVERDUE_SHARE = 0.12
# Days overdue of the overdue actions, in turn: every age group of the overview gets some.
OVERDUE_AGES = (3, 15, 48, 130, 24, 70, 6, 200, 11, 38)
DUE_SOON_DAYS = (0, 2, 5, 1, 3)
KEEP_MARK = "решения рабочей группы от"  # a control decision repeating an earlier one

REPORTS: tuple[str, ...] = (
    "Мероприятия выполнены в полном объёме, информация направлена секретарю рабочей группы "
    "письмом № {n}.",
    "Проведено {k} совместных проверок, выявленные нарушения устранены, виновные должностные "
    "лица привлечены к дисциплинарной ответственности.",
    "Исполнено. Аналитическая справка о результатах работы направлена в прокуратуру области "
    "(исх. № {n}).",
    "Поручение исполнено, результаты рассмотрены на оперативном совещании руководства "
    "ведомства; информация прилагается.",
    "Организованы и проведены {k} профилактических мероприятий с участием заинтересованных "
    "ведомств; обобщённая информация направлена письмом № {n}.",
    "Изучено {k} уголовных дел и материалов проверок, по результатам внесены предложения по "
    "устранению причин и условий, способствовавших правонарушениям.",
)
RETURN_REASONS: tuple[str, ...] = (
    "Информация носит общий характер, не приведены конкретные результаты проведённых "
    "мероприятий.",
    "Не представлены сведения о мерах реагирования по выявленным нарушениям.",
    "Информация не согласована с соисполнителями; требуется обобщённый ответ.",
)
EXTEND_REASONS: tuple[str, ...] = (
    "Ходатайство исполнителя в связи с большим объёмом проверочных мероприятий.",
    "Необходимость получения сведений из районных подразделений.",
    "Ожидается заключение судебной экспертизы.",
    "Совместные рейды перенесены в связи с изменением графика работы ведомств.",
)
CANCEL_REASONS: tuple[str, ...] = (
    "Поручение утратило актуальность в связи с изменением законодательства; снято с контроля "
    "решением председателя рабочей группы.",
)
COMMENTS: tuple[str, ...] = (
    "Исполнителю направлено напоминание о сроке исполнения.",
    "Запрошены промежуточные сведения о ходе исполнения.",
    "Вопрос обсуждён с исполнителем по телефону, исполнение на контроле.",
)
DIRECT: tuple[tuple[str, str], ...] = (  # (agency key, text): entered by the prosecutor
    ("police", "Представить в прокуратуру области аналитическую справку о состоянии работы по "
               "выявлению преступлений, связанных с незаконным оборотом наркотиков, к заседанию "
               "коллегии."),
    ("education", "Представить сведения о количестве несовершеннолетних, состоящих на "
                  "профилактическом учёте, в разрезе районов области."),
)
QUARTERLY = ("health", "Ежеквартально, не позднее 10 числа месяца, следующего за отчётным "
                       "кварталом, представлять в прокуратуру области информацию о лицах, "
                       "впервые взятых под диспансерное наблюдение с диагнозом «наркомания».")


def report_text(rng: random.Random) -> str:
    return rng.choice(REPORTS).format(n=f"{rng.randint(2, 40)}-{rng.randint(100, 999)}",
                                      k=rng.randint(3, 24))


@dataclass
class _Live:
    """An action being played forward: its current deadline and its latest event's date."""

    action: Action
    deadline: date
    last: date


class ActionSeeder:
    def __init__(self, uow_factory: Callable[[], UnitOfWork], actor: Actor, today: date,
                 rng: random.Random, agency_ids: Mapping[str, str],
                 person_ids: Mapping[str, str]) -> None:
        self.uow, self.actor, self.today, self.rng = uow_factory, actor, today, rng
        self.agency_ids, self.person_ids = agency_ids, person_ids
        self.agency_keys = {v: k for k, v in agency_ids.items()}
        self.counts = {"actions": 0, "action_events": 0}
        uow = uow_factory()
        with uow:
            self.cal: WorkCalendar = workdays.calendar_in(uow, today - timedelta(days=800),
                                                          1200)

    # -- dates ----------------------------------------------------------------------------------
    def between(self, low: date, high: date) -> date:
        """A day from ``low`` to ``high`` (``low`` when the range is empty), never after today."""
        high = min(high, self.today)
        if high <= low:
            return min(low, self.today)
        return low + timedelta(days=self.rng.randint(0, (high - low).days))

    def working_before(self, day: date) -> date:
        while not self.cal.is_working_day(day):
            day -= timedelta(days=1)
        return day

    # -- creating -------------------------------------------------------------------------------
    def from_decisions(self) -> list[_Live]:
        made = []
        rows = meetings.list_meetings(self.uow(), ListQuery(
            filters={"status": MeetingStatus.HELD.value}, sort="held_on", limit=5000)).rows
        for row in sorted(rows, key=lambda r: r.held_on):
            meeting = meetings.get_meeting(self.uow(), row.id)
            for item in meeting.items:
                for decision in item.decisions:
                    if not decision.responsible_agency_id or decision.due_date is None or \
                            KEEP_MARK in decision.text:
                        continue
                    draft = actions.draft_from_decision(self.uow(), meeting.id, decision.id)
                    important = self.rng.random() < 0.2
                    draft.controller_id = self.person_ids["deputy_prosecutor"] if important \
                        else meeting.secretary_id
                    made.append(self.create(draft))
        return made

    def create(self, draft: Action) -> _Live:
        rng = self.rng
        key = self.agency_keys.get(draft.agency_id or "", "")
        staff = [p.key for p in t.PEOPLE if p.agency == key]
        draft.official_id = self.person_ids[rng.choice(staff[1:] or staff)] if staff else None
        if rng.random() < 0.25:
            others = [a for k, a in self.agency_ids.items() if a != draft.agency_id and
                      k not in ("prosecution", "administration")]
            draft.co_agency_ids = [rng.choice(others)]
        action = actions.create_action(self.uow(), self.actor, draft)
        self.counts["actions"] += 1
        self.counts["action_events"] += 1
        assert action.deadline is not None
        return _Live(action, action.deadline, action.assigned_on)

    def direct(self, agency: str, text: str, assigned_on: date, deadline: date,
               recurrence: Recurrence = Recurrence.NONE) -> _Live:
        return self.create(Action(
            text, self.agency_ids[agency], assigned_on, deadline=deadline,
            controller_id=self.person_ids["deputy_prosecutor"], source=ActionSource.DIRECT,
            recurrence=recurrence,
            recur_until=date(self.today.year + 1, 12, 31) if recurrence != Recurrence.NONE
            else None))

    # -- events ---------------------------------------------------------------------------------
    def _event(self, live: _Live, on: date) -> tuple[str, date]:
        live.last = max(live.last, on)
        self.counts["action_events"] += 1
        return live.action.id, live.last

    def report(self, live: _Live, on: date) -> None:
        action_id, on = self._event(live, on)
        actions.report(self.uow(), self.actor, action_id, report_text(self.rng), on,
                       today=self.today)

    def accept(self, live: _Live, on: date) -> str | None:
        action_id, on = self._event(live, on)
        return actions.accept(self.uow(), self.actor, action_id, on, today=self.today)

    def extend(self, live: _Live, on: date, deadline: date) -> None:
        action_id, on = self._event(live, on)
        actions.extend(self.uow(), self.actor, action_id, deadline,
                       self.rng.choice(EXTEND_REASONS), on,
                       approved_by=live.action.controller_id, today=self.today)
        live.deadline = deadline

    def return_(self, live: _Live, on: date, deadline: date) -> None:
        action_id, on = self._event(live, on)
        actions.return_for_rework(self.uow(), self.actor, action_id,
                                  self.rng.choice(RETURN_REASONS), on, deadline,
                                  today=self.today)
        live.deadline = deadline

    def comment(self, live: _Live) -> None:
        action_id, on = self._event(live, self.between(live.last, self.today))
        actions.comment(self.uow(), self.actor, action_id, self.rng.choice(COMMENTS), on,
                        today=self.today)

    def cancel(self, live: _Live) -> None:
        action_id, on = self._event(live, self.between(live.last + timedelta(days=5),
                                                       live.deadline))
        actions.cancel(self.uow(), self.actor, action_id, CANCEL_REASONS[0], on,
                       today=self.today)

    # -- lives ----------------------------------------------------------------------------------
    def done(self, live: _Live, late: bool = False, extensions: int = 0,
             returned: bool = False) -> None:
        """Reported and accepted before today, after ``extensions`` extensions and perhaps a
        return for rework; ``late`` reports after the deadline."""
        rng, today = self.rng, self.today
        for _step in range(extensions):
            on = self.between(max(live.last, live.deadline - timedelta(days=7)), live.deadline)
            self.extend(live, on, self.cal.roll_forward(
                live.deadline + timedelta(days=rng.choice((14, 21, 30)))))
        if returned:
            self.report(live, self.between(max(live.last, live.deadline - timedelta(days=12)),
                                           live.deadline - timedelta(days=2)))
            self.return_(live, self.between(live.last + timedelta(days=1),
                                            live.last + timedelta(days=5)),
                         self.cal.roll_forward(max(live.deadline, live.last)
                                               + timedelta(days=14)))
        if late and live.deadline + timedelta(days=3) < today:
            reported = self.between(live.deadline + timedelta(days=2),
                                    min(live.deadline + timedelta(days=25),
                                        today - timedelta(days=1)))
        else:
            reported = self.between(max(live.last + timedelta(days=1),
                                        live.deadline - timedelta(days=12)),
                                    min(live.deadline, today - timedelta(days=1)))
        self.report(live, reported)
        self.accept(live, self.between(live.last, live.last + timedelta(days=4)))

    def overdue(self, live: _Live, age: int, variant: int) -> None:
        """Still open (or reported after its deadline) ``age`` days after the deadline."""
        target = self.working_before(self.today - timedelta(days=age))
        if target > live.deadline:
            self.extend(live, self.between(max(live.last, live.deadline - timedelta(days=6)),
                                           live.deadline), target)
        if variant == 1:
            self.report(live, self.between(live.deadline + timedelta(days=1), self.today))
        elif variant == 2 and live.deadline - timedelta(days=4) > live.last:
            self.report(live, self.between(live.last + timedelta(days=1),
                                           live.deadline - timedelta(days=4)))
            self.return_(live, live.last + timedelta(days=2), live.deadline)
        elif variant == 3:
            self.comment(live)

    def due_soon(self, live: _Live, days: int) -> None:
        """An expired deadline extended into the coming days."""
        target = self.cal.roll_forward(self.today + timedelta(days=days))
        for _step in range(1 + (days % 2)):
            on = self.between(max(live.last, live.deadline - timedelta(days=6)), live.deadline)
            middle = live.deadline + (target - live.deadline) / 2
            self.extend(live, on, target if _step or not days % 2
                        else self.cal.roll_forward(middle))

    def quarterly(self) -> None:
        """A series of quarterly returns: accepted occurrences make the next; the current
        one is open."""
        start = self.today - timedelta(days=300)
        quarter_end = date(start.year, (start.month - 1) // 3 * 3 + 3, 1)
        first = self.cal.roll_forward(_month_after(quarter_end).replace(day=10))
        live = self.direct(*QUARTERLY, start, first, Recurrence.QUARTERLY)
        while live.deadline < self.today - timedelta(days=1):
            late = self.rng.random() < 0.3 and live.deadline + timedelta(days=4) < self.today
            day = live.deadline + timedelta(days=3) if late else \
                self.between(live.deadline - timedelta(days=6), live.deadline)
            self.report(live, day)
            next_id = self.accept(live, self.between(live.last, live.last + timedelta(days=2)))
            if next_id is None:
                return
            following = actions.get_action(self.uow(), next_id).action
            assert following.deadline is not None
            self.counts["actions"] += 1
            self.counts["action_events"] += 1
            live = _Live(following, following.deadline, following.assigned_on)

    # -- the whole office -----------------------------------------------------------------------
    def run(self) -> dict[str, int]:
        rng, today = self.rng, self.today
        made = self.from_decisions()
        past = [a for a in made if a.deadline < today]
        future = [a for a in made if a.deadline >= today]
        for number in range(max(4, round(OVERDUE_SHARE * len(made)))):
            age = OVERDUE_AGES[number % len(OVERDUE_AGES)]
            chosen = self._closest(past, today - timedelta(days=age))
            if chosen is not None:
                past.remove(chosen)
                self.overdue(chosen, age, number % 4)
        for number in range(max(2, round(0.04 * len(made)))):
            chosen = self._closest(past, today - timedelta(days=40))
            if chosen is not None:
                past.remove(chosen)
                self.due_soon(chosen, DUE_SOON_DAYS[number % len(DUE_SOON_DAYS)])
        if past:
            self.cancel(past.pop(rng.randrange(len(past))))
        for live in past:
            roll = rng.random()
            old = live.deadline + timedelta(days=75) < today
            if roll < 0.18:
                self.done(live, late=True)
            elif roll < 0.30 and old:
                self.done(live, extensions=1 + (roll < 0.22))
            elif roll < 0.36 and old:
                self.done(live, returned=True)
            else:
                self.done(live)
        awaiting = max(2, round(0.04 * len(made)))
        for live in future:
            if awaiting and live.last < today - timedelta(days=3):
                awaiting -= 1
                self.report(live, self.between(live.last + timedelta(days=3), today))
            elif live.last < today - timedelta(days=8) and rng.random() < 0.2:
                self.report(live, self.between(live.last + timedelta(days=5), today))
                self.accept(live, self.between(live.last, today))
            elif rng.random() < 0.15:
                self.comment(live)
        soon = self.direct(DIRECT[0][0], DIRECT[0][1], today - timedelta(days=9),
                           self.cal.roll_forward(today + timedelta(days=1)))
        self.comment(soon)
        self.done(self.direct(DIRECT[1][0], DIRECT[1][1], today - timedelta(days=64),
                              self.cal.roll_forward(today - timedelta(days=34))))
        self.quarterly()
        return self.counts

    @staticmethod
    def _closest(lives: list[_Live], latest: date) -> _Live | None:
        """The action whose deadline is the latest on or before ``latest``."""
        fitting = [a for a in lives if a.deadline <= latest]
        return max(fitting, key=lambda a: a.deadline) if fitting else None


def _month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def seed_actions(uow_factory: Callable[[], UnitOfWork], actor: Actor, today: date,
                 agency_ids: Mapping[str, str], person_ids: Mapping[str, str],
                 seed: int = 2025) -> dict[str, int]:
    """The office's name and country, then actions from the held meetings' decisions and
    their history up to ``today``. Returns the number of actions and events made."""
    action_reports.set_office_name(uow_factory(), OFFICE_NAME)
    workdays.set_office_country(uow_factory(), actor, COUNTRY)
    seeder = ActionSeeder(uow_factory, actor, today, random.Random(seed), agency_ids,
                          person_ids)
    return seeder.run()
