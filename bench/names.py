"""Names for the generated country-scale archive: regions with the case forms agency names need,
districts, agencies by kind, people's names and positions. Russian, like the real data."""

from __future__ import annotations

import random
from dataclasses import dataclass

from workgroup_app.domain.enums import AgencyKind
from workgroup_app.services.demo_texts import AgencyText

BY_OBLASTS = ("Брестская", "Витебская", "Гомельская", "Гродненская", "Минская", "Могилёвская")
RU_OBLASTS = (
    "Смоленская", "Псковская", "Брянская", "Калининградская", "Ленинградская", "Московская",
    "Тверская", "Калужская", "Курская", "Белгородская", "Орловская", "Тульская", "Рязанская",
    "Владимирская", "Ивановская", "Ярославская", "Костромская", "Вологодская", "Архангельская",
    "Мурманская", "Новгородская", "Нижегородская", "Воронежская", "Липецкая", "Тамбовская",
    "Пензенская", "Саратовская", "Самарская", "Ульяновская", "Волгоградская", "Астраханская",
    "Ростовская", "Оренбургская", "Челябинская", "Свердловская", "Курганская", "Тюменская",
    "Омская", "Новосибирская", "Томская", "Кемеровская", "Иркутская", "Амурская", "Магаданская",
    "Сахалинская", "Кировская",
)
RU_KRAIS = ("Краснодарский", "Ставропольский", "Алтайский", "Красноярский", "Пермский",
            "Приморский", "Хабаровский", "Забайкальский", "Камчатский")
DISTRICTS = ("Ленинск", "Октябрьск", "Советск", "Первомайск", "Заводск", "Центральн",
             "Кировск", "Железнодорожн", "Московск", "Фрунзенск", "Партизанск", "Пролетарск",
             "Калининск", "Заречн", "Приозёрн", "Лесн")


@dataclass(frozen=True, slots=True)
class Region:
    country: str  # BY or RU
    stem: str  # "Гродненск"
    krai: bool = False

    @property
    def name(self) -> str:
        return f"{self.stem}ий край" if self.krai else f"{self.stem}ая область"

    @property
    def genitive(self) -> str:
        return f"{self.stem}ого края" if self.krai else f"{self.stem}ой области"

    @property
    def dative(self) -> str:
        return f"{self.stem}ому краю" if self.krai else f"{self.stem}ой области"

    @property
    def prepositional(self) -> str:
        return f"{self.stem}ом крае" if self.krai else f"{self.stem}ой области"


def regions(count: int) -> list[Region]:
    every = ([Region("BY", name[:-2]) for name in BY_OBLASTS]
             + [Region("RU", name[:-2]) for name in RU_OBLASTS]
             + [Region("RU", name[:-2], krai=True) for name in RU_KRAIS])
    return [every[i % len(every)] for i in range(count)]


def regional_agencies(region: Region) -> dict[str, AgencyText]:
    """The nine regional agencies, keyed as the topics of demo_texts name them."""
    r, s = region, region.stem
    kinds = AgencyKind
    agencies = [
        ("prosecution", f"Прокуратура {r.genitive}", "Прокуратура области" if not r.krai
         else "Прокуратура края", kinds.PROSECUTION, f"Прокуратуре {r.genitive}",
         f"прокуратурой {r.genitive}"),
        ("customs", f"{s}ая таможня", f"{s}ая таможня", kinds.CUSTOMS, f"{s}ой таможне",
         f"{s}ой таможней"),
    ]
    if r.country == "BY":
        agencies += [
            ("police", f"Управление внутренних дел {s}ого облисполкома", "УВД облисполкома",
             kinds.INTERNAL_AFFAIRS, "УВД облисполкома", "УВД облисполкома"),
            ("investigation", f"Управление Следственного комитета Республики Беларусь по "
             f"{r.dative}", f"УСК по {r.dative}", kinds.INVESTIGATIVE_COMMITTEE,
             f"УСК по {r.dative}", f"УСК по {r.dative}"),
            ("border", f"Пограничная группа по {r.dative}", f"Погрангруппа по {r.dative}",
             kinds.BORDER_SERVICE, f"Пограничной группе по {r.dative}",
             f"пограничной группой по {r.dative}"),
            ("security", f"Управление КГБ Республики Беларусь по {r.dative}",
             f"УКГБ по {r.dative}", kinds.STATE_SECURITY, f"УКГБ по {r.dative}",
             f"УКГБ по {r.dative}"),
            ("health", f"Главное управление здравоохранения {s}ого облисполкома",
             "ГУЗО облисполкома", kinds.HEALTH, "ГУЗО облисполкома", "ГУЗО облисполкома"),
            ("education", f"Главное управление образования {s}ого облисполкома",
             "ГУО облисполкома", kinds.EDUCATION, "ГУО облисполкома", "ГУО облисполкома"),
            ("administration", f"{s}ий областной исполнительный комитет", f"{s}ий облисполком",
             kinds.LOCAL_ADMINISTRATION, f"{s}ому облисполкому", f"{s}им облисполкомом"),
        ]
    else:
        agencies += [
            ("police", f"Управление МВД России по {r.dative}", f"УМВД по {r.dative}",
             kinds.INTERNAL_AFFAIRS, f"УМВД по {r.dative}", f"УМВД по {r.dative}"),
            ("investigation", f"Следственное управление СК России по {r.dative}",
             f"СУ СК по {r.dative}", kinds.INVESTIGATIVE_COMMITTEE, f"СУ СК по {r.dative}",
             f"СУ СК по {r.dative}"),
            ("border", f"Пограничное управление ФСБ России по {r.dative}",
             f"ПУ ФСБ по {r.dative}", kinds.BORDER_SERVICE, f"ПУ ФСБ по {r.dative}",
             f"ПУ ФСБ по {r.dative}"),
            ("security", f"Управление ФСБ России по {r.dative}", f"УФСБ по {r.dative}",
             kinds.STATE_SECURITY, f"УФСБ по {r.dative}", f"УФСБ по {r.dative}"),
            ("health", f"Министерство здравоохранения {r.genitive}",
             f"Минздрав {r.genitive}", kinds.HEALTH, f"Министерству здравоохранения {r.genitive}",
             f"Министерством здравоохранения {r.genitive}"),
            ("education", f"Министерство образования {r.genitive}", f"Минобразования {r.genitive}",
             kinds.EDUCATION, f"Министерству образования {r.genitive}",
             f"Министерством образования {r.genitive}"),
            ("administration", f"Правительство {r.genitive}", f"Правительство {r.genitive}",
             kinds.LOCAL_ADMINISTRATION, f"Правительству {r.genitive}",
             f"Правительством {r.genitive}"),
        ]
    return {key: AgencyText(key, name, short, kind, dative, instrumental)
            for key, name, short, kind, dative, instrumental in agencies}


def district_agencies(district: str) -> list[tuple[str, str, AgencyKind]]:
    """Five agencies of a district: (name, short name, kind)."""
    d = district
    return [
        (f"Прокуратура {d}ого района", f"Прокуратура {d}ого р-на", AgencyKind.PROSECUTION),
        (f"Отдел внутренних дел {d}ого района", f"ОВД {d}ого р-на", AgencyKind.INTERNAL_AFFAIRS),
        (f"{d}ий районный отдел Следственного комитета", f"{d}ий РО СК",
         AgencyKind.INVESTIGATIVE_COMMITTEE),
        (f"Отдел образования администрации {d}ого района", f"Отдел образования {d}ого р-на",
         AgencyKind.EDUCATION),
        (f"Центральная районная больница {d}ого района", f"ЦРБ {d}ого р-на", AgencyKind.HEALTH),
    ]


SURNAMES = (
    "Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
    "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
    "Сергеев", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин",
    "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов",
    "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов",
    "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков", "Миронов", "Крылов",
    "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов", "Казаков",
    "Ковальчук", "Шевчик", "Дубовик", "Мартинович", "Гринкевич", "Климович", "Пашкевич",
    "Ярошевич", "Лукашевич", "Сидорович", "Карпович", "Тарасевич", "Воронович", "Ляшук",
    "Головач", "Станкевич", "Денисевич", "Ермакович", "Будько", "Зенькович", "Кравченко",
    "Бондаренко", "Шевченко", "Савицкий", "Романовский", "Жуковский", "Шумский", "Вишневский",
    "Высоцкий", "Красницкий", "Новицкий", "Лис", "Жук", "Новик", "Кисель", "Горбач",
)
MALE_NAMES = ("Александр", "Андрей", "Алексей", "Сергей", "Дмитрий", "Николай", "Владимир",
              "Игорь", "Олег", "Виктор", "Павел", "Максим", "Денис", "Артём", "Евгений",
              "Михаил", "Роман", "Вадим", "Геннадий", "Валерий", "Юрий", "Константин",
              "Кирилл", "Вячеслав", "Анатолий", "Руслан", "Илья", "Леонид", "Станислав", "Иван")
FEMALE_NAMES = ("Ирина", "Ольга", "Елена", "Наталья", "Татьяна", "Светлана", "Марина",
                "Людмила", "Анна", "Юлия", "Екатерина", "Мария", "Валентина", "Галина",
                "Оксана", "Виктория", "Алла", "Жанна", "Инна", "Надежда")
PATRONYMICS = (("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"),
               ("Николаевич", "Николаевна"), ("Владимирович", "Владимировна"),
               ("Иванович", "Ивановна"), ("Петрович", "Петровна"),
               ("Михайлович", "Михайловна"), ("Викторович", "Викторовна"),
               ("Андреевич", "Андреевна"), ("Анатольевич", "Анатольевна"),
               ("Геннадьевич", "Геннадьевна"), ("Леонидович", "Леонидовна"),
               ("Васильевич", "Васильевна"), ("Юрьевич", "Юрьевна"),
               ("Олегович", "Олеговна"), ("Игоревич", "Игоревна"),
               ("Степанович", "Степановна"), ("Антонович", "Антоновна"))


def feminine(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith("ий"):
        return surname[:-2] + "ая"
    return surname  # Ковальчук, Шевченко, Мартинович: the same for women


def person_name(rng: random.Random) -> tuple[str, bool]:
    """A full name (surname, name, patronymic) and whether it is a woman's."""
    female = rng.random() < 0.4
    surname = rng.choice(SURNAMES)
    patronymic = rng.choice(PATRONYMICS)[1 if female else 0]
    if female:
        return f"{feminine(surname)} {rng.choice(FEMALE_NAMES)} {patronymic}", True
    return f"{surname} {rng.choice(MALE_NAMES)} {patronymic}", False


REGIONAL_TITLES = ("начальник", "заместитель начальника", "начальник отдела",
                   "заместитель начальника отдела", "главный специалист", "старший инспектор",
                   "ведущий специалист", "старший оперуполномоченный")
PROSECUTION_TITLES = ("прокурор {area}", "заместитель прокурора {area}",
                      "старший помощник прокурора {area}", "начальник отдела прокуратуры {area}",
                      "прокурор отдела прокуратуры {area}", "старший прокурор отдела",
                      "помощник прокурора {area}", "прокурор отдела")
DISTRICT_TITLES = ("начальник", "заместитель начальника", "старший инспектор", "специалист")
DISTRICT_PROSECUTION_TITLES = ("прокурор района", "заместитель прокурора района",
                               "старший помощник прокурора района", "помощник прокурора района")
