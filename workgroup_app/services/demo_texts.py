"""Russian text pools of the demo office (Гродненская область) and of the benchmark generator,
and the few functions that compose sentences from them. The agenda topics themselves are data,
in resources/demo/topics.json.

Agencies with the grammatical forms protocols need (dative for "to whom", instrumental
for "together with whom"), the people of the office, workgroup themes, and per theme the agenda
topics with their report sentences and decisions. ``{n|форма|формы|форм}`` marks a number with
the noun agreeing with it; the other ``{name}`` fields are filled by ``demo.py``.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain.enums import AgencyKind
from ..paths import resource

REGION = "Гродненская область"
REGION_GENITIVE = "Гродненской области"
CITY_PHONE_CODE = "+375 152"


@dataclass(frozen=True, slots=True)
class AgencyText:
    key: str
    name: str
    short_name: str
    kind: AgencyKind
    dative: str  # "Прокуратуре области обеспечить …"
    instrumental: str  # "… совместно с прокуратурой области"


AGENCIES: tuple[AgencyText, ...] = (
    AgencyText("prosecution", "Прокуратура Гродненской области", "Прокуратура области",
               AgencyKind.PROSECUTION, "Прокуратуре области", "прокуратурой области"),
    AgencyText("police", "Управление внутренних дел Гродненского областного исполнительного "
               "комитета", "УВД облисполкома", AgencyKind.INTERNAL_AFFAIRS, "УВД облисполкома",
               "УВД облисполкома"),
    AgencyText("investigation", "Управление Следственного комитета Республики Беларусь по "
               "Гродненской области", "УСК по Гродненской области",
               AgencyKind.INVESTIGATIVE_COMMITTEE, "УСК по Гродненской области",
               "УСК по Гродненской области"),
    AgencyText("customs", "Гродненская региональная таможня", "Гродненская таможня",
               AgencyKind.CUSTOMS, "Гродненской региональной таможне",
               "Гродненской региональной таможней"),
    AgencyText("border", "Гродненская пограничная группа", "Гродненская погрангруппа",
               AgencyKind.BORDER_SERVICE, "Гродненской пограничной группе",
               "Гродненской пограничной группой"),
    AgencyText("security", "Управление Комитета государственной безопасности Республики "
               "Беларусь по Гродненской области", "УКГБ по Гродненской области",
               AgencyKind.STATE_SECURITY, "УКГБ по Гродненской области",
               "УКГБ по Гродненской области"),
    AgencyText("health", "Главное управление здравоохранения Гродненского областного "
               "исполнительного комитета", "ГУЗО облисполкома", AgencyKind.HEALTH,
               "ГУЗО облисполкома", "ГУЗО облисполкома"),
    AgencyText("education", "Главное управление образования Гродненского областного "
               "исполнительного комитета", "ГУО облисполкома", AgencyKind.EDUCATION,
               "ГУО облисполкома", "ГУО облисполкома"),
    AgencyText("administration", "Гродненский областной исполнительный комитет",
               "Гродненский облисполком", AgencyKind.LOCAL_ADMINISTRATION,
               "Гродненскому облисполкому", "Гродненским облисполкомом"),
)


@dataclass(frozen=True, slots=True)
class PersonText:
    key: str
    agency: str
    full_name: str
    position: str

    @property
    def female(self) -> bool:
        return self.full_name.endswith("вна") or self.full_name.endswith("чна")

    @property
    def short(self) -> str:
        """Surname and initials ("Ковальчук А.В."), the way protocols name people."""
        surname, *rest = self.full_name.split()
        return surname + " " + "".join(part[0] + "." for part in rest)


PEOPLE: tuple[PersonText, ...] = (
    PersonText("prosecutor", "prosecution", "Ковальчук Андрей Викторович",
               "прокурор Гродненской области"),
    PersonText("deputy_prosecutor", "prosecution", "Романовская Ирина Петровна",
               "заместитель прокурора Гродненской области"),
    PersonText("prok_supervision", "prosecution", "Лис Дмитрий Александрович",
               "начальник отдела по надзору за исполнением законодательства и законностью "
               "правовых актов прокуратуры области"),
    PersonText("prok_juvenile", "prosecution", "Бондаренко Ольга Сергеевна",
               "прокурор отдела по надзору за исполнением законодательства о несовершеннолетних "
               "и молодёжи прокуратуры области"),
    PersonText("prok_assistant", "prosecution", "Шевчик Павел Игоревич",
               "старший помощник прокурора Гродненской области"),
    PersonText("police_deputy", "police", "Мартинович Виктор Геннадьевич",
               "заместитель начальника УВД облисполкома — начальник криминальной милиции"),
    PersonText("police_drugs", "police", "Дубовик Александр Михайлович",
               "начальник управления по наркоконтролю и противодействию торговле людьми "
               "криминальной милиции УВД облисполкома"),
    PersonText("police_order", "police", "Савицкий Николай Евгеньевич",
               "начальник управления охраны правопорядка и профилактики УВД облисполкома"),
    PersonText("police_juvenile", "police", "Гринкевич Юлия Анатольевна",
               "начальник отдела по делам несовершеннолетних УВД облисполкома"),
    PersonText("police_detective", "police", "Климович Руслан Олегович",
               "старший оперуполномоченный по особо важным делам УНиПТЛ КМ УВД облисполкома"),
    PersonText("sk_deputy", "investigation", "Пашкевич Игорь Леонидович",
               "заместитель начальника управления Следственного комитета по Гродненской области"),
    PersonText("sk_control", "investigation", "Шумская Елена Викторовна",
               "начальник отдела процессуального контроля управления Следственного комитета по "
               "Гродненской области"),
    PersonText("sk_investigator", "investigation", "Новик Максим Сергеевич",
               "следователь по особо важным делам управления Следственного комитета по "
               "Гродненской области"),
    PersonText("customs_first", "customs", "Ярошевич Валерий Иванович",
               "первый заместитель начальника Гродненской региональной таможни"),
    PersonText("customs_contraband", "customs", "Кравченко Денис Юрьевич",
               "начальник отдела по борьбе с контрабандой Гродненской региональной таможни"),
    PersonText("customs_inspector", "customs", "Лукашевич Татьяна Николаевна",
               "главный инспектор отдела организации таможенного контроля Гродненской "
               "региональной таможни"),
    PersonText("border_deputy", "border", "Мельников Олег Васильевич",
               "заместитель начальника Гродненской пограничной группы"),
    PersonText("border_control", "border", "Сидорович Артур Петрович",
               "начальник отдела пограничного контроля Гродненской пограничной группы"),
    PersonText("border_ops", "border", "Королёв Вадим Николаевич",
               "старший офицер отдела оперативно-розыскной деятельности Гродненской "
               "пограничной группы"),
    PersonText("kgb_deputy", "security", "Карпович Геннадий Владимирович",
               "заместитель начальника УКГБ по Гродненской области"),
    PersonText("kgb_department", "security", "Тарасевич Алексей Иванович",
               "начальник отдела УКГБ по Гродненской области"),
    PersonText("health_deputy", "health", "Воронович Светлана Михайловна",
               "заместитель начальника главного управления здравоохранения облисполкома"),
    PersonText("health_narco_chief", "health", "Ляшук Владимир Степанович",
               "главный врач УЗ «Гродненский областной клинический центр «Психиатрия-наркология»"),
    PersonText("health_narcologist", "health", "Якубовская Марина Геннадьевна",
               "главный внештатный специалист по психиатрии-наркологии главного управления "
               "здравоохранения облисполкома"),
    PersonText("edu_deputy", "education", "Головач Людмила Ивановна",
               "заместитель начальника главного управления образования облисполкома"),
    PersonText("edu_upbringing", "education", "Станкевич Анна Валерьевна",
               "начальник отдела воспитательной работы и молодёжной политики главного "
               "управления образования облисполкома"),
    PersonText("edu_center", "education", "Денисевич Николай Петрович",
               "директор ГУО «Гродненский областной социально-педагогический центр»"),
    PersonText("admin_deputy", "administration", "Ермакович Вячеслав Антонович",
               "заместитель председателя Гродненского облисполкома"),
    PersonText("admin_youth", "administration", "Будько Ирина Александровна",
               "начальник главного управления идеологической работы и по делам молодёжи "
               "облисполкома"),
    PersonText("admin_kdn", "administration", "Зенькович Кирилл Андреевич",
               "заместитель председателя комиссии по делам несовершеннолетних Гродненского "
               "облисполкома"),
)


@dataclass(frozen=True, slots=True)
class Topic:
    """An agenda question: who reports, who else speaks, what is said and decided."""

    title: str
    speaker: str  # person key preferred as the reporter
    agencies: tuple[str, ...]  # agencies that take part; the first is the reporter's
    intros: tuple[str, ...]
    facts: tuple[str, ...]
    problems: tuple[str, ...]
    decisions: tuple[tuple[str, str], ...]  # (agency key, action in the infinitive)


@dataclass(frozen=True, slots=True)
class Theme:
    key: str
    name: str  # "Межведомственная рабочая группа по …" without the area
    order_title: str  # the title of the prosecutor's order that set the group up
    chair: str
    deputy: str
    secretary: str
    members: tuple[str, ...]
    topics: tuple[Topic, ...]


def _load_topics() -> dict[str, tuple[Topic, ...]]:
    """The agenda topics per theme, kept as data in resources/demo/topics.json."""
    data = json.loads(resource("demo", "topics.json").read_text(encoding="utf-8"))
    return {theme: tuple(Topic(t["title"], t["speaker"], tuple(t["agencies"]),
                               tuple(t["intros"]), tuple(t["facts"]), tuple(t["problems"]),
                               tuple((a, action) for a, action in t["decisions"]))
                         for t in topics)
            for theme, topics in data.items() if not theme.startswith("_")}


TOPICS = _load_topics()
DRUG_TOPICS = TOPICS["drugs"]
JUVENILE_TOPICS = TOPICS["juvenile"]

THEMES: tuple[Theme, ...] = (
    Theme("drugs", "Межведомственная рабочая группа по противодействию незаконному обороту "
          "наркотиков",
          "О создании межведомственной рабочей группы по противодействию незаконному обороту "
          "наркотиков",
          "prosecutor", "police_deputy", "prok_assistant",
          ("police_drugs", "sk_deputy", "customs_contraband", "border_control", "kgb_department",
           "health_narco_chief", "edu_upbringing", "admin_youth"),
          DRUG_TOPICS),
    Theme("juvenile", "Межведомственная рабочая группа по профилактике безнадзорности и "
          "правонарушений несовершеннолетних",
          "О создании межведомственной рабочей группы по профилактике безнадзорности и "
          "правонарушений несовершеннолетних",
          "deputy_prosecutor", "admin_kdn", "prok_juvenile",
          ("police_juvenile", "police_order", "sk_control", "edu_deputy", "edu_center",
           "health_narcologist", "admin_youth", "kgb_department"),
          JUVENILE_TOPICS),
)

# Where the scale > 1 adds workgroups: the same themes for the districts of the region.
AREAS: tuple[str, ...] = (
    "Гродненской области", "г. Гродно", "Лидском районе", "Волковысском районе",
    "Слонимском районе", "Сморгонском районе", "Новогрудском районе", "Ошмянском районе",
    "Щучинском районе", "Мостовском районе", "Островецком районе", "Берестовицком районе",
    "Дятловском районе", "Ивьевском районе", "Кореличском районе", "Свислочском районе",
    "Зельвенском районе", "Вороновском районе", "Гродненском районе",
)

CONTROL_TITLE = ("Об исполнении решений, принятых на предыдущих заседаниях межведомственной "
                 "рабочей группы")
PLAN_TITLE = "О плане работы межведомственной рабочей группы на {year} год"

VENUES: tuple[str, ...] = (
    "г. Гродно, прокуратура Гродненской области, зал заседаний коллегии",
    "г. Гродно, прокуратура Гродненской области, зал заседаний коллегии",
    "г. Гродно, УВД облисполкома, актовый зал",
    "г. Гродно, Гродненский облисполком, малый зал заседаний",
    "прокуратура Гродненской области, в режиме видеоконференцсвязи с районами области",
)

ACKNOWLEDGE: tuple[str, ...] = (
    "Информацию докладчика принять к сведению.",
    "Доклад принять к сведению, работу по данному направлению признать удовлетворительной.",
    "Информацию принять к сведению. Работу по данному направлению признать недостаточной.",
    "Информацию о состоянии работы по рассматриваемому вопросу принять к сведению.",
)

REPORT_BACK = ("о результатах проделанной работы проинформировать рабочую группу через "
               "секретаря")
PERMANENT = "на постоянной основе"

SPOKE: tuple[str, ...] = (
    "Поддержал{a} предложения докладчика.",
    "Отметил{a} необходимость более тесного взаимодействия с {other_i} при обмене информацией и "
    "проведении совместных мероприятий.",
    "Проинформировал{a} о мерах, принятых {own_i} по рассматриваемому вопросу.",
    "Предложил{a} дополнить проект решения пунктом о проведении совместной проверки.",
    "Обратил{a} внимание на несвоевременное представление отдельными ведомствами информации об "
    "исполнении решений рабочей группы.",
    "Предложил{a} установить конкретные сроки представления информации секретарю рабочей "
    "группы.",
    "Отметил{a}, что принимаемые меры требуют дополнительного ресурсного обеспечения, и "
    "предложил{a} обратиться в облисполком с предложением о выделении финансирования.",
    "Высказал{a} замечания к проекту решения в части сроков исполнения отдельных пунктов.",
    "Сообщил{a} о результатах совместных мероприятий, проведённых с {other_i} в текущем году.",
    "Обратил{a} внимание на необходимость анализа причин и условий, способствующих "
    "правонарушениям, в районах области с наиболее сложной обстановкой.",
)

DISSENT = ("{member} ({agency}) не {agreed} с пунктом {number} решения в части срока исполнения, "
           "полагая, что установленный срок не позволяет провести необходимые мероприятия в "
           "полном объёме. Особое мнение изложено в письменной форме и приобщено к протоколу.")

ABSENCE_NOTES: tuple[str, ...] = (
    "отпуск", "служебная командировка", "временная нетрудоспособность",
    "участие в заседании коллегии", "выезд в район области",
)

GUESTS: tuple[tuple[str, str, str], ...] = (
    ("Кузьмич Олег Николаевич", "первый секретарь",
     "Гродненский областной комитет ОО «Белорусский республиканский союз молодёжи»"),
    ("Горбач Елена Станиславовна", "декан юридического факультета",
     "УО «Гродненский государственный университет имени Янки Купалы»"),
    ("Малиновская Ирина Витальевна", "начальник управления",
     "комитет по труду, занятости и социальной защите облисполкома"),
    ("Жданович Сергей Леонидович", "начальник отдела",
     "управление Государственного комитета судебных экспертиз по Гродненской области"),
    ("Шпак Валентина Андреевна", "заведующий отделом",
     "Гродненский областной центр гигиены, эпидемиологии и общественного здоровья"),
    ("Стрельчик Анатолий Петрович", "заместитель начальника",
     "Гродненское областное управление МЧС"),
)

CONTROL_HEARD = ("На контроле рабочей группы находилось {total|поручение|поручения|поручений}, "
                 "данных на заседании {date} (протокол № {number}). Исполнено {done}, по "
                 "остальным исполнение продолжается, сроки не истекли.")
CONTROL_NONE_DUE = ("На контроле рабочей группы находится "
                    "{total|поручение|поручения|поручений}, данных на заседании {date} "
                    "(протокол № {number}); сроки их исполнения не истекли, работа продолжается.")
CONTROL_ALL_DONE = ("Все поручения, данные на заседании {date} (протокол № {number}), исполнены "
                    "в установленные сроки; информация об исполнении поступила своевременно.")
CONTROL_LATE = ("Информация об исполнении отдельных пунктов поступила с нарушением "
                "установленного срока.")
CONTROL_CLOSE = ("Снять с контроля как исполненные пункты {numbers} решения рабочей группы от "
                 "{date} (протокол № {number}).")
CONTROL_KEEP = ("обеспечить исполнение пункта {item} решения рабочей группы от {date} "
                "(протокол № {number}) в установленный срок")
CONTROL_DISCIPLINE = ("Членам рабочей группы обеспечить своевременное представление секретарю "
                      "информации об исполнении решений рабочей группы.")

PLAN_HEARD = ("Представлен проект плана работы межведомственной рабочей группы на {year} год, "
              "сформированный с учётом предложений заинтересованных ведомств. Планом "
              "предусмотрено рассмотрение {k|вопроса|вопросов|вопросов} на ежеквартальных "
              "заседаниях.")
PLAN_DECISIONS: tuple[str, ...] = (
    "Утвердить план работы межведомственной рабочей группы на {year} год (прилагается).",
    "Членам рабочей группы обеспечить подготовку материалов к заседаниям в соответствии с "
    "планом не позднее чем за 10 дней до даты заседания.",
)

AGENCY = {a.key: a for a in AGENCIES}
PERSON = {p.key: p for p in PEOPLE}
FIXED_HOLIDAYS = {(1, 1), (1, 2), (1, 7), (3, 8), (5, 1), (5, 9), (7, 3), (11, 7), (12, 25)}
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]+)\|([^{}|]+)\|([^{}|]+)\}")


# ---- composition (used by services/demo.py and bench/generate.py) --------------------------

def plural(number: int, one: str, few: str, many: str) -> str:
    """The Russian noun form agreeing with ``number``: 1 преступление, 3 преступления, 5 …"""
    tens, units = number % 100, number % 10
    if units == 1 and tens != 11:
        return one
    if 2 <= units <= 4 and not 12 <= tens <= 14:
        return few
    return many


def fill(template: str, values: Mapping[str, object]) -> str:
    """``{n|one|few|many}`` becomes "21 one"; the other ``{name}`` fields are formatted."""
    def agree(match: re.Match[str]) -> str:
        number = int(str(values[match.group(1)]))
        return f"{number} {plural(number, match.group(2), match.group(3), match.group(4))}"

    return _PLURAL.sub(agree, template).format_map(values)


def period_of(day: date) -> str:
    """The reporting period before a meeting: "4 месяца 2025 года", or last year in January."""
    months = day.month - 1
    if months == 0:
        return f"{day.year - 1} год"
    return f"{months} {plural(months, 'месяц', 'месяца', 'месяцев')} {day.year} года"


def _decimal(rng: random.Random, low: float, high: float) -> str:
    return f"{rng.uniform(low, high):.1f}".replace(".", ",")


def figures(rng: random.Random, day: date) -> dict[str, object]:
    """Numbers and grammatical forms a report may use."""
    values: dict[str, object] = {
        "period": period_of(day), "asof": day.replace(day=1).strftime("%d.%m.%Y"),
        "n": rng.randint(12, 140), "n2": rng.randint(120, 2400), "n3": rng.randint(6, 60),
        "n4": rng.randint(3, 40), "n5": rng.randint(2, 18), "n6": rng.randint(1, 9),
        "kg": _decimal(rng, 0.8, 96.0), "pct": _decimal(rng, 1.2, 34.8),
        "trend": rng.choice(("рост", "снижение")),
    }
    return values


def compose_heard(topic: Topic, rng: random.Random, day: date) -> str:
    """A 2–4 sentence summary of a report: what was reported, figures, a problem."""
    values = figures(rng, day)
    sentences = [rng.choice(topic.intros), rng.choice(topic.facts)]
    others = [fact for fact in topic.facts if fact != sentences[1]]
    if others and rng.random() < 0.4:
        sentences.append(rng.choice(others).replace("За {period}", "За этот же период"))
    if rng.random() < 0.8:
        sentences.append(rng.choice(topic.problems))
    return " ".join(fill(sentence, values) for sentence in sentences[:4])


def compose_decision(agency_key: str, action: str, permanent: bool = False,
                     agencies: Mapping[str, AgencyText] = AGENCY) -> str:
    """A decision "УВД облисполкома совместно с … обеспечить …"; ``agencies`` gives the forms."""
    values = {f"{key}_i": a.instrumental for key, a in agencies.items()}
    middle = f" {PERMANENT} " if permanent else " "
    return agencies[agency_key].dative + middle + fill(action, values) + "."


def compose_spoke(rng: random.Random, female: bool, own_agency: str, other_agency: str,
                  agencies: Mapping[str, AgencyText] = AGENCY) -> str:
    """Two sentences of a statement in the discussion, the verbs agreeing with the speaker."""
    values = {"a": "а" if female else "", "own_i": agencies[own_agency].instrumental,
              "other_i": agencies[other_agency].instrumental}
    return " ".join(fill(s, values) for s in rng.sample(SPOKE, 2))


def working_day(day: date) -> date:
    """Move a date off weekends and fixed public holidays, forwards."""
    while day.weekday() >= 5 or (day.month, day.day) in FIXED_HOLIDAYS:
        day += timedelta(days=1)
    return day


def meeting_day(day: date) -> date:
    """Meetings fall on Tuesday to Thursday (a holiday may push one to a Friday or Monday)."""
    shift = {0: 1, 4: -1, 5: -2, 6: 2}.get(day.weekday(), 0)
    day += timedelta(days=shift)
    while (day.month, day.day) in FIXED_HOLIDAYS or day.weekday() >= 5:
        day += timedelta(days=1)
    return day
