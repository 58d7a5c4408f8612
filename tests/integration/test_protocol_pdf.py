"""The protocol and extract PDFs, read back: wording in each language, metadata, fonts,
signature boxes, the same bytes twice, and texts long enough to run over pages."""

from __future__ import annotations

import io
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, time
from typing import Any

import pytest
from pypdf import PdfReader

from workgroup_app.documents.extract import render_extract
from workgroup_app.documents.protocol import render_protocol
from workgroup_app.documents.protocol_parts import genitive_ru, signature_name
from workgroup_app.domain.minutes import (
    ExecutionLine,
    ExecutionStatus,
    ExtractData,
    ProtocolData,
    ProtocolDecision,
    ProtocolItem,
    ProtocolPerson,
    ProtocolSpeech,
    RenderedPdf,
    SignerRole,
)
from workgroup_app.i18n import set_language

OFFICE = "Прокуратура Гродненской области"
WORKGROUP = "Межведомственная рабочая группа по противодействию незаконному обороту наркотиков"
CHAIR = ProtocolPerson("Ковальчук Андрей Викторович", "заместитель прокурора области",
                       "Прокуратура Гродненской области")
SECRETARY = ProtocolPerson("Иванова Анна Сергеевна", "старший помощник прокурора",
                           "Прокуратура Гродненской области")
CUSTOMS = "Гродненская региональная таможня"
POLICE = "УВД Гродненского облисполкома"


def decision(number: str, text: str = "Усилить контроль за ввозом прекурсоров.",
             agency: str = CUSTOMS, due: date | None = date(2026, 4, 30)) -> ProtocolDecision:
    return ProtocolDecision(number, text, agency, due)


def meeting(**changes: Any) -> ProtocolData:
    items = (
        ProtocolItem(1, "О мерах по пресечению каналов поступления наркотиков",
                     heard=(ProtocolSpeech("Сидоров Олег Игоревич", "начальник УВД",
                                           "Доложил о результатах & <итогах> работы."),),
                     spoke=(ProtocolSpeech("Ёлкин Пётр Семёнович", "", "Поддержал."),),
                     decisions=(decision("1.1"), decision("1.2", "Провести рейды.", POLICE,
                                                          date(2026, 5, 15)),
                                decision("1.3", "Принять информацию к сведению.", "", None)),
                     dissent="Ёлкин П. С. не согласен с пунктом 1.2."),
        ProtocolItem(2, "О плане работы на второе полугодие",
                     heard=(ProtocolSpeech("Иванова Анна Сергеевна", "секретарь"),),
                     decisions=(decision("2.1", "Утвердить план.", POLICE,
                                         date(2026, 6, 1)),)),
    )
    data = ProtocolData(
        lang="ru", office=OFFICE, workgroup=WORKGROUP, number=7, held_on=date(2026, 3, 5),
        starts_at=time(10, 30), venue="г. Гродно, ул. Ожешко, 3, зал заседаний",
        chair=CHAIR, secretary=SECRETARY,
        present=(ProtocolPerson("Сидоров Олег Игоревич", "начальник УВД", POLICE),
                 ProtocolPerson("Ёлкин Пётр Семёнович", "начальник таможни", CUSTOMS,
                                "замещает Петрова П. П.")),
        absent=(ProtocolPerson("Петров Павел Петрович", "заместитель начальника таможни",
                               CUSTOMS, "отпуск"),),
        invited=(ProtocolPerson("Гость Галина Генриховна", "журналист", "Газета"),),
        items=items)
    return replace(data, **changes)


EXECUTION = tuple(
    ExecutionLine(5, date(2026, 1, 15), f"2.{n}", "Подготовить предложения", POLICE,
                  date(2026, 2, 20), status, done_on=date(2026, 2, 25) if n < 2 else None,
                  extensions=2 if status == ExecutionStatus.EXTENDED else 0)
    for n, status in enumerate((ExecutionStatus.DONE, ExecutionStatus.DONE_LATE,
                                ExecutionStatus.OVERDUE, ExecutionStatus.EXTENDED)))


def text_of(pdf: RenderedPdf) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)


def flat(text: str) -> str:
    """Extracted text with line breaks as spaces: long lines wrap anywhere."""
    return " ".join(text.split())


@pytest.fixture
def russian_interface() -> Iterator[None]:
    set_language("ru")
    try:
        yield
    finally:
        set_language("en")


def test_a_russian_protocol_reads_as_the_official_form() -> None:
    pdf = render_protocol(meeting())
    text = flat(text_of(pdf))
    for expected in ("ПРОТОКОЛ № 7",
                     "заседания Межведомственной рабочей группы по противодействию",
                     "05.03.2026, начало в 10:30", "г. Гродно, ул. Ожешко",
                     "Председательствующий — Ковальчук Андрей Викторович",
                     "Секретарь — Иванова Анна Сергеевна", "Присутствовали:",
                     "замещает Петрова П. П.", "Отсутствовали:", "Приглашённые:",
                     "ПОВЕСТКА ДНЯ:", "1. О мерах по пресечению", "2. О плане работы",
                     "СЛУШАЛИ:", "Сидоров Олег Игоревич, начальник УВД — Доложил о "
                     "результатах & <итогах> работы.", "ВЫСТУПИЛИ:", "РЕШИЛИ:",
                     "1.1. Усилить контроль",
                     f"Ответственный: {CUSTOMS}. Срок исполнения: 30.04.2026.",
                     "Срок исполнения: 15.05.2026", "1.3. Принять информацию к сведению.",
                     "Особое мнение: Ёлкин П. С. не согласен", "А. В. Ковальчук",
                     "А. С. Иванова", f"Страница 1 из {pdf.pages}"):
        assert expected in text, expected
    assert "О ходе исполнения" not in text and "Редакция" not in text
    assert "Ответственный: ." not in text  # decision 1.3 names no agency and no deadline


def test_metadata_and_page_count() -> None:
    pdf = render_protocol(meeting())
    reader = PdfReader(io.BytesIO(pdf.data))
    assert pdf.pages == len(reader.pages) >= 1
    assert reader.metadata is not None
    assert reader.metadata.title == ("Протокол № 7 заседания Межведомственной рабочей группы "
                                     "по противодействию незаконному обороту наркотиков")
    assert reader.metadata.author == OFFICE
    assert reader.metadata.subject == "Протокол заседания"
    assert reader.trailer["/Root"]["/Lang"] == "ru-RU"


def test_the_protocols_language_is_its_own_not_the_interfaces(russian_interface: None) -> None:
    pdf = render_protocol(meeting(lang="en", execution=()))
    text = flat(text_of(pdf))
    for expected in ("PROTOCOL No. 7", f"of the meeting of the {WORKGROUP}",
                     "2026-03-05, starting at 10:30", "Chair of the meeting — Ковальчук",
                     "AGENDA:", "3. On the execution of earlier decisions", "HEARD:", "SPOKE:",
                     "DECIDED:", f"Responsible: {CUSTOMS}. Deadline: 2026-04-30.",
                     "Dissenting opinion:", f"Page 1 of {pdf.pages}",
                     "No actions of earlier meetings were under control."):
        assert expected in text, expected
    assert "Страница" not in text and "РЕШИЛИ" not in text
    reader = PdfReader(io.BytesIO(pdf.data))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata is not None and reader.metadata.title.startswith("Protocol No. 7 of")


def test_a_worker_thread_builds_the_same_bytes_as_the_caller() -> None:
    data = meeting(execution=EXECUTION)
    first = render_protocol(data)
    results: list[RenderedPdf] = []
    worker = threading.Thread(target=lambda: results.append(render_protocol(data)))
    worker.start()
    worker.join()
    assert results[0].data == first.data
    assert render_protocol(data).data == first.data
    assert results[0].boxes == first.boxes


def test_only_embedded_liberation_fonts() -> None:
    pdf = render_protocol(meeting(execution=EXECUTION))
    fonts = []
    for page in PdfReader(io.BytesIO(pdf.data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            fonts.append((str(font["/BaseFont"]), embedded))
    assert fonts and all(embedded and "LiberationSerif" in name for name, embedded in fonts), \
        fonts
    if shutil.which("pdffonts"):
        report = subprocess.run(["pdffonts", "-"], input=pdf.data, capture_output=True,
                                check=True).stdout.decode().splitlines()[2:]
        assert report and all("LiberationSerif" in row and " yes yes " in row
                              for row in report), report


def test_the_signature_boxes_lie_on_the_last_page_clear_of_any_text() -> None:
    pdf = render_protocol(meeting())
    assert [box.role for box in pdf.boxes] == [SignerRole.CHAIR, SignerRole.SECRETARY]
    page = PdfReader(io.BytesIO(pdf.data)).pages[-1]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    origins: list[tuple[float, float]] = []
    page.extract_text(visitor_text=lambda text, cm, tm, *_: origins.append(
        (tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5])) if text.strip() else None)
    for box in pdf.boxes:
        x1, y1, x2, y2 = box.box
        assert box.page == pdf.pages - 1
        assert 0 < x1 < x2 < width and 0 < y1 < y2 < height
        assert x2 - x1 == pytest.approx(212.6, abs=0.1)  # 75 mm
        assert y2 - y1 == pytest.approx(51.0, abs=0.1)  # 18 mm
        assert not [(x, y) for x, y in origins if x1 <= x <= x2 and y1 - 2 <= y <= y2], box
    chair, secretary = (box.box for box in pdf.boxes)
    assert secretary[3] < chair[1]  # one above the other, not overlapping
    assert any(y for _x, y in origins if chair[1] - 2 <= y <= chair[3])  # the row's label


def test_the_execution_item_follows_the_agenda_with_each_status() -> None:
    text = flat(text_of(render_protocol(meeting(execution=EXECUTION))))
    for expected in ("3. О ходе исполнения ранее принятых решений",
                     "1. О мерах по пресечению", "2. О плане работы", "№ 5 от 15.01.2026",
                     "Исполнено 25.02.2026", "Исполнено с нарушением срока 25.02.2026",
                     "Срок продлён продлений срока: 2", "20.02.2026"):
        assert expected in text, expected
    assert "на контроле не было" not in text
    title = "3. О ходе исполнения ранее принятых решений"
    assert text.count(title) == 2  # on the agenda and as the item
    # The agenda keeps its numbers, so decision numbers match the actions register.
    assert text.index("1. О мерах") < text.index("2. О плане работы") < text.index(title)
    assert text.index("1.1. Усилить контроль") < text.rindex(title)
    empty = flat(text_of(render_protocol(meeting(execution=()))))
    assert "Поручений ранее проведённых заседаний на контроле не было." in empty


def test_an_amended_version_says_what_it_supersedes_and_why() -> None:
    text = flat(text_of(render_protocol(meeting(
        version=2, supersedes="редакцию 1 от 06.03.2026 (SHA-256 ab12)",
        amendment_reason="исправлена фамилия в пункте 1.2"))))
    assert ("Редакция 2. Заменяет редакцию 1 от 06.03.2026 (SHA-256 ab12). "
            "Причина изменения: исправлена фамилия в пункте 1.2.") in text


def test_an_extract_holds_only_the_given_decisions_and_the_secretarys_box() -> None:
    protocol = meeting(execution=())
    item = replace(protocol.items[0], heard=(), spoke=(), dissent="",
                   decisions=(protocol.items[0].decisions[1],))
    pdf = render_extract(ExtractData(protocol, item, POLICE))
    text = flat(text_of(pdf))
    for expected in ("ВЫПИСКА ИЗ ПРОТОКОЛА № 7", "заседания Межведомственной рабочей группы",
                     "от 05.03.2026", f"Адресат: {POLICE}", "1. О мерах по пресечению",
                     "РЕШИЛИ:", "1.2. Провести рейды.", "Срок исполнения: 15.05.2026",
                     "Выписка верна",
                     "Секретарь", "А. С. Иванова", "Страница 1 из 1"):
        assert expected in text, expected
    for absent in ("1.1.", "1.3.", "СЛУШАЛИ", "Председательствующий", "Особое мнение"):
        assert absent not in text, absent
    assert [(b.role, b.page) for b in pdf.boxes] == [(SignerRole.SECRETARY, 0)]
    reader = PdfReader(io.BytesIO(pdf.data))
    assert reader.metadata is not None
    assert reader.metadata.title.startswith("Выписка из протокола № 7 заседания")
    assert render_extract(ExtractData(protocol, item, POLICE)).data == pdf.data


def test_long_texts_run_over_pages_and_the_signatures_still_land_on_the_last() -> None:
    long_text = ("Организовать проведение совместных оперативно-профилактических мероприятий "
                 "по выявлению каналов поступления наркотических средств. ") * 31
    assert len(long_text) > 4000
    many = tuple(decision(f"{n // 10 + 1}.{n % 10 + 1}", long_text if n == 0 else
                          f"Поручение номер {n}.") for n in range(150))
    items = (ProtocolItem(1, "Об итогах", decisions=many),)
    tall_row = (ProtocolPerson("Сидоров Олег Игоревич", "начальник", POLICE, long_text * 2),)
    tall_line = replace(EXECUTION[0], text=long_text * 2)
    pdf = render_protocol(meeting(items=items, present=tall_row, execution=(tall_line,)))
    assert pdf.pages >= 6
    assert all(box.page == pdf.pages - 1 for box in pdf.boxes) and len(pdf.boxes) == 2
    text = flat(text_of(pdf))
    assert "15.10. Поручение номер 149." in text
    assert f"Страница {pdf.pages} из {pdf.pages}" in text


def test_names_on_the_signature_line_and_the_workgroup_after_of_the_meeting() -> None:
    assert signature_name("Ковальчук Андрей Викторович") == "А. В. Ковальчук"
    assert signature_name("Ковальчук А. В.") == "Ковальчук А. В."
    assert signature_name("Smith") == "Smith"
    assert genitive_ru("Рабочая группа по делам молодёжи") == "Рабочей группы по делам молодёжи"
    assert genitive_ru("Координационный совет") == "Координационного совета"
    assert genitive_ru("межведомственной комиссии") == "межведомственной комиссии"
