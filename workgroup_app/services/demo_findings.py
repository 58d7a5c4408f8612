"""Supervision findings in the demo office: inspections of the partner agencies and the acts of
response issued on them, with what happened since, recorded through the services and dated
before the demo's today.

As of today the register looks alive: acts of all six types; most answered on time, some late,
a few still awaited within their term and a few overdue; results, measures taken, one protest
taken to court and one matter to a higher body; some closed; two findings with actions made
from them. Dates count from ``today`` and small choices come from one ``random.Random``, so
the demo is deterministic.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain.actor import Actor
from ..domain.findings import ActType, Escalation, Finding, ResponseResult
from ..domain.views import ListQuery
from . import actions, findings, workgroups
from .ports import UnitOfWork

SUB, PRO, ORD, WARN, DEM, RES = (ActType.SUBMISSION, ActType.PROTEST, ActType.ORDER,
                                 ActType.WARNING, ActType.DEMAND, ActType.RESOLUTION)
NUMBER_PREFIX = {SUB: "02-18", PRO: "02-15", ORD: "02-20", WARN: "02-21", DEM: "02-17",
                 RES: "02-19"}
FIXED_TERM_DAYS = 20  # the term the prosecutor sets on an order or a demand
ADDRESSEE = {
    "police": "Начальнику УВД Гродненского облисполкома",
    "customs": "Начальнику Гродненской региональной таможни",
    "border": "Начальнику Гродненской пограничной группы",
    "health": "Начальнику главного управления здравоохранения Гродненского облисполкома",
    "education": "Начальнику главного управления образования Гродненского облисполкома",
    "administration": "Председателю Гродненского областного исполнительного комитета",
    "investigation": "Начальнику управления Следственного комитета по Гродненской области",
}
DRUGS_LAW = ("Закона Республики Беларусь от 13 июля 2012 г. № 408-З «О наркотических "
             "средствах, психотропных веществах, их прекурсорах и аналогах»")
JUVENILE_LAW = ("Закона Республики Беларусь от 31 мая 2003 г. № 200-З «Об основах системы "
                "профилактики безнадзорности и правонарушений несовершеннолетних»")
APPEALS_LAW = ("Закона Республики Беларусь от 18 июля 2011 г. № 300-З «Об обращениях граждан "
               "и юридических лиц»")
PROSECUTION_LAW = "Закона Республики Беларусь «О прокуратуре Республики Беларусь»"


@dataclass(frozen=True, slots=True)
class Spec:
    """One finding: who and what was inspected, the act, and its fate — "pending" (awaited
    within its term), "overdue", "on_time", "late", "closed", "court", "higher", "open" (no
    response due, none yet). ``days_ago``: the act's date before today."""

    agency: str
    official: str
    prosecutor: str
    act: ActType
    theme: str  # "drugs", "juvenile" or "": the workgroup it is linked to
    subject: str
    violations: str
    norms: str
    days_ago: int
    fate: str
    result: ResponseResult | None = None
    disciplined: int = 0
    repealed: int = 0
    action: str = ""  # "done" or "open": an action made from the finding


S, P, R = ResponseResult.SATISFIED, ResponseResult.PARTLY, ResponseResult.REJECTED
SPECS: tuple[Spec, ...] = (
    Spec("police", "police_drugs", "prok_supervision", SUB, "drugs",
         "Соблюдение законодательства о наркотических средствах при хранении вещественных "
         "доказательств в ОВД Гродненского райисполкома",
         "Наркотические средства, изъятые по 14 материалам, хранятся вне специально "
         "оборудованного помещения; журнал учёта вещественных доказательств ведётся с "
         "исправлениями.", f"ст. 12, 18 {DRUGS_LAW}", 300, "closed", S, 3,
         action="done"),
    Spec("police", "police_order", "prok_assistant", PRO, "",
         "Законность постановлений о прекращении дел об административных правонарушениях",
         "Шесть постановлений о прекращении производства вынесены без установления всех "
         "обстоятельств правонарушения и без исследования результатов экспертизы.",
         "ст. 9.6 Процессуально-исполнительного кодекса Республики Беларусь об "
         "административных правонарушениях", 270, "on_time", S, 1, 6),
    Spec("customs", "customs_contraband", "prok_supervision", SUB, "drugs",
         "Исполнение законодательства о противодействии контрабанде наркотических средств "
         "в пункте таможенного оформления «Брузги»",
         "Не проводится выборочный досмотр грузов по профилям риска, связанным с "
         "прекурсорами; не обеспечено взаимодействие с пограничной службой.",
         f"ст. 12 {DRUGS_LAW}; ст. 351 Таможенного кодекса Евразийского экономического союза",
         245, "late", P, 2),
    Spec("health", "health_narco_chief", "prok_supervision", SUB, "drugs",
         "Соблюдение порядка диспансерного наблюдения лиц, потребляющих наркотические "
         "средства без назначения врача",
         "Сведения о 23 лицах, взятых под наблюдение, в органы внутренних дел не "
         "направлялись; сроки наблюдения не соблюдаются.",
         f"ст. 35 {DRUGS_LAW}; ст. 46 Закона Республики Беларусь «О здравоохранении»",
         210, "closed", S, 2, action="open"),
    Spec("education", "edu_upbringing", "prok_juvenile", SUB, "juvenile",
         "Исполнение законодательства о профилактике безнадзорности несовершеннолетних в "
         "учреждениях общего среднего образования г. Гродно",
         "Индивидуальная профилактическая работа с 17 учащимися не проводится; планы "
         "защиты прав ребёнка не утверждены.", f"ст. 13, 16 {JUVENILE_LAW}", 190,
         "on_time", P, 4),
    Spec("administration", "admin_kdn", "prok_juvenile", PRO, "juvenile",
         "Законность решений комиссии по делам несовершеннолетних облисполкома",
         "Решение комиссии о признании детей нуждающимися в государственной защите принято "
         "в неполном составе, без заключения органа опеки.", f"ст. 10 {JUVENILE_LAW}", 175,
         "court", R),
    Spec("border", "border_control", "prok_assistant", ORD, "drugs",
         "Соблюдение сроков рассмотрения сообщений о правонарушениях в пограничной группе",
         "Девять сообщений рассмотрены с нарушением установленного срока; решения "
         "заявителям не направлены.", "ст. 173 Уголовно-процессуального кодекса Республики "
         "Беларусь", 160, "on_time", S, 1),
    Spec("police", "police_juvenile", "prok_juvenile", WARN, "juvenile",
         "Недопустимость нарушений при постановке несовершеннолетних на профилактический "
         "учёт", "", f"ст. 21 {JUVENILE_LAW}", 150, "closed"),
    Spec("investigation", "sk_control", "prok_supervision", DEM, "",
         "Представление сведений о приостановленных уголовных делах о преступлениях против "
         "здоровья населения", "Запрошенные сведения в установленный срок не представлены.",
         f"ст. 22 {PROSECUTION_LAW}", 140, "late", S),
    Spec("health", "health_deputy", "prok_assistant", RES, "",
         "Возбуждение дисциплинарного производства в отношении должностных лиц ГУЗО",
         "Учёт наркотических лекарственных средств в двух организациях здравоохранения "
         "ведётся с нарушениями.", f"ст. 18 {DRUGS_LAW}", 130, "on_time", S, 2),
    Spec("customs", "customs_inspector", "prok_assistant", PRO, "",
         "Законность приказа таможни о порядке досмотра ручной клади",
         "Приказ устанавливает не предусмотренные законом основания личного досмотра.",
         "ст. 330 Таможенного кодекса Евразийского экономического союза", 118, "higher", R),
    Spec("administration", "admin_youth", "prok_juvenile", SUB, "juvenile",
         "Организация летнего оздоровления и занятости несовершеннолетних, состоящих на "
         "профилактическом учёте", "Трудоустройство 11 подростков, состоящих на учёте, не "
         "организовано; сведения в КДН не представляются.", f"ст. 8 {JUVENILE_LAW}", 105,
         "late", P, 1),
    Spec("education", "edu_center", "prok_juvenile", ORD, "juvenile",
         "Устранение нарушений в работе социально-педагогического центра",
         "Не обеспечено раздельное проживание воспитанников; журнал учёта самовольных "
         "уходов не ведётся.", f"ст. 16 {JUVENILE_LAW}", 95, "closed", S, 1),
    Spec("police", "police_detective", "prok_supervision", PRO, "drugs",
         "Законность отказа в возбуждении уголовных дел по фактам сбыта наркотических средств "
         "через интернет", "Постановления об отказе вынесены до получения ответов на "
         "запросы операторам связи.", "ст. 174 Уголовно-процессуального кодекса Республики "
         "Беларусь", 80, "on_time", S, 2, 3),
    Spec("border", "border_ops", "prok_assistant", WARN, "drugs",
         "Недопустимость нарушений при документировании задержаний на государственной "
         "границе", "", "ст. 24 Закона Республики Беларусь «О Государственной границе "
         "Республики Беларусь»", 70, "on_time"),
    Spec("customs", "customs_first", "prok_supervision", DEM, "",
         "Проведение проверки соблюдения сроков рассмотрения обращений граждан",
         "Обращения граждан рассматриваются с нарушением сроков.", f"ст. 17 {APPEALS_LAW}",
         64, "overdue"),
    Spec("health", "health_narcologist", "prok_supervision", RES, "drugs",
         "Возбуждение дисциплинарного производства за нарушение порядка выдачи заключений "
         "врачебно-консультационной комиссии", "Заключения выданы без освидетельствования.",
         "ст. 46 Закона Республики Беларусь «О здравоохранении»", 56, "overdue"),
    Spec("police", "police_deputy", "deputy_prosecutor", SUB, "drugs",
         "Эффективность оперативно-розыскной деятельности по выявлению каналов поступления "
         "наркотиков в исправительные учреждения", "Заведённые дела оперативного учёта не "
         "проверяются руководством в установленные сроки.", f"ст. 12 {DRUGS_LAW}", 52,
         "overdue"),
    Spec("administration", "admin_deputy", "deputy_prosecutor", PRO, "",
         "Законность решения райисполкома о предоставлении земельного участка",
         "Решение принято с превышением полномочий и без согласования.",
         "ст. 10 Закона Республики Беларусь «О правовых актах»", 40, "overdue"),
    Spec("education", "edu_deputy", "prok_juvenile", WARN, "juvenile",
         "Недопустимость нарушения прав обучающихся при отчислении", "",
         "ст. 79 Кодекса Республики Беларусь об образовании", 30, "open"),
    Spec("investigation", "sk_investigator", "prok_assistant", ORD, "",
         "Устранение нарушений сроков предварительного расследования",
         "По трём уголовным делам сроки расследования продлены после их истечения.",
         "ст. 190 Уголовно-процессуального кодекса Республики Беларусь", 12, "pending"),
    Spec("security", "kgb_department", "deputy_prosecutor", DEM, "",
         "Представление сведений о рассмотрении обращений юридических лиц",
         "Запрошенные сведения не представлены.", f"ст. 22 {PROSECUTION_LAW}", 8, "pending"),
    Spec("police", "police_order", "prok_assistant", PRO, "",
         "Законность постановлений о наложении административных взысканий на "
         "несовершеннолетних", "Взыскания наложены без участия законных представителей.",
         "ст. 10.4 Процессуально-исполнительного кодекса Республики Беларусь об "
         "административных правонарушениях", 4, "pending"),
    Spec("customs", "customs_contraband", "prok_supervision", SUB, "",
         "Исполнение законодательства о борьбе с коррупцией в таможенных органах",
         "Должностные лица не представили декларации о доходах и имуществе.",
         "ст. 17 Закона Республики Беларусь «О борьбе с коррупцией»", 14, "pending"),
    Spec("health", "health_deputy", "prok_assistant", RES, "",
         "Возбуждение производства об административном правонарушении по факту нарушения "
         "порядка обращения с лекарственными средствами", "Нарушены правила хранения.",
         f"ст. 18 {DRUGS_LAW}", 20, "pending"),
)

RESPONSES = {
    S: ("Представление рассмотрено с участием представителя прокуратуры, нарушения "
        "устранены, виновные привлечены к ответственности.",
        "Требования прокурора выполнены в полном объёме; приняты меры по недопущению "
        "нарушений впредь."),
    P: ("Нарушения устранены частично; по остальным пунктам разработан план мероприятий "
        "со сроком исполнения до конца квартала.",),
    R: ("Доводы прокурора признаны необоснованными, оснований для отмены не усматривается.",),
}
NO_RESULT = "Меры по устранению нарушений приняты, о чём сообщено письмом № {n}."
MEASURES = "Привлечены к дисциплинарной ответственности: {people}; отменено актов: {acts}."
CLOSING = "Нарушения устранены, контроль снят."


class FindingSeeder:
    def __init__(self, uow_factory: Callable[[], UnitOfWork], actor: Actor, today: date,
                 rng: random.Random, agency_ids: Mapping[str, str],
                 person_ids: Mapping[str, str]) -> None:
        self.uow, self.actor, self.today, self.rng = uow_factory, actor, today, rng
        self.agency_ids, self.person_ids = agency_ids, person_ids
        self.numbers = {t: rng.randint(3, 40) for t in ActType}
        self.counts = {"findings": 0, "finding_events": 0, "actions": 0, "action_events": 0}
        rows = workgroups.list_workgroups(uow_factory(), ListQuery(limit=100)).rows
        self.groups = {theme: next((r.id for r in rows if word in r.name), None)
                       for theme, word in (("drugs", "наркотик"),
                                           ("juvenile", "несовершеннолетних"))}

    def day(self, low: date, high: date) -> date:
        """A day from ``low`` to ``high``, never after yesterday (nor before ``low``)."""
        high = min(high, self.today - timedelta(days=1))
        return low if high <= low else low + timedelta(days=self.rng.randint(0, (high - low).days))

    def add(self, spec: Spec) -> Finding:
        act_date = self.today - timedelta(days=spec.days_ago)
        self.numbers[spec.act] += self.rng.randint(1, 6)
        fixed = act_date + timedelta(days=FIXED_TERM_DAYS) if spec.act in (ORD, DEM) else None
        finding = findings.add_finding(self.uow(), self.actor, Finding(
            agency_id=self.agency_ids[spec.agency],
            inspected_on=act_date - timedelta(days=self.rng.randint(4, 21)),
            subject=spec.subject, act_type=spec.act,
            act_number=f"{NUMBER_PREFIX[spec.act]}/{self.numbers[spec.act]}",
            act_date=act_date, official_id=self.person_ids[spec.official],
            violations=spec.violations, legal_norms=spec.norms,
            workgroup_id=self.groups.get(spec.theme), prosecutor_id=self.person_ids[
                spec.prosecutor], addressee=ADDRESSEE.get(spec.agency, "")), due=fixed)
        self.counts["findings"] += 1
        self.counts["finding_events"] += 1
        return finding

    def play(self, spec: Spec, finding: Finding) -> None:
        """What happened to the act since it was issued, by its fate."""
        if spec.fate in ("pending", "overdue", "open"):
            return
        act_date, due = finding.act_date, finding.response_due or finding.act_date + \
            timedelta(days=30)
        if spec.fate == "late":
            answered = self.day(due + timedelta(days=3), due + timedelta(days=25))
        else:
            answered = self.day(act_date + timedelta(days=4), due)
        text = self.rng.choice(RESPONSES[spec.result]) if spec.result else \
            NO_RESULT.format(n=f"{self.rng.randint(1, 12)}/{self.rng.randint(100, 999)}")
        self.event(findings.respond, finding.id, answered, text, spec.result)
        if spec.disciplined or spec.repealed:
            self.event(findings.measures, finding.id, self.day(answered, answered + timedelta(
                days=5)), spec.disciplined, spec.repealed, MEASURES.format(
                people=spec.disciplined, acts=spec.repealed))
        if spec.fate in ("court", "higher"):
            to = Escalation.COURT if spec.fate == "court" else Escalation.HIGHER_BODY
            reason = "Протест отклонён; прокурор обратился в суд с заявлением." if \
                to == Escalation.COURT else "Материалы направлены в вышестоящий орган."
            self.event(findings.escalate, finding.id, self.day(
                answered + timedelta(days=3), answered + timedelta(days=10)), to, reason)
        if spec.fate == "closed":
            self.event(findings.close, finding.id, self.day(
                answered + timedelta(days=7), answered + timedelta(days=20)), CLOSING)

    def event(self, record: Callable[..., object], finding_id: str, on: date,
              *args: object) -> None:
        record(self.uow(), self.actor, finding_id, on, *args)
        self.counts["finding_events"] += 1

    def action(self, spec: Spec, finding: Finding) -> None:
        """An action to check that the violations are eliminated: done, or still running."""
        made = finding.act_date + timedelta(days=40)
        draft = findings.draft_action(self.uow(), finding.id, today=made)
        # The demo office is Russian whatever the language of the command that made it.
        draft.text = f"Проверить устранение выявленных нарушений: {finding.subject}"
        draft.official_id = self.person_ids[spec.official]
        draft.deadline = made + timedelta(days=60) if spec.action == "done" else \
            self.today + timedelta(days=45)
        action = actions.create_action(self.uow(), self.actor, draft)
        self.counts["actions"] += 1
        self.counts["action_events"] += 1
        if spec.action == "done":
            reported = draft.deadline - timedelta(days=6)
            actions.report(self.uow(), self.actor, action.id, "Проверкой установлено, что "
                           "нарушения устранены; справка прилагается.", reported,
                           today=self.today)
            actions.accept(self.uow(), self.actor, action.id, reported + timedelta(days=2),
                           today=self.today)
            self.counts["action_events"] += 2

    def run(self) -> dict[str, int]:
        for spec in SPECS:
            finding = self.add(spec)
            self.play(spec, finding)
            if spec.action:
                self.action(spec, finding)
        return self.counts


def seed_findings(uow_factory: Callable[[], UnitOfWork], actor: Actor, today: date,
                  agency_ids: Mapping[str, str], person_ids: Mapping[str, str],
                  seed: int = 2026) -> dict[str, int]:
    """The demo's findings and their events up to ``today``; returns how many were made
    (findings, finding_events, and the actions and action events made from them)."""
    seeder = FindingSeeder(uow_factory, actor, today, random.Random(seed), agency_ids,
                           person_ids)
    return seeder.run()
