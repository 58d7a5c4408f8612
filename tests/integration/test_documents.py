"""Report files through their public writers: PDF, XLSX and ICS written to disk and read back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from workgroup_app.documents.discipline import write_discipline_pdf, write_discipline_xlsx
from workgroup_app.documents.files import atomic_write
from workgroup_app.documents.ics import write_deadlines_ics
from workgroup_app.documents.overdue import source_label, write_overdue_pdf, write_overdue_xlsx
from workgroup_app.documents.typography import format_date
from workgroup_app.domain.action_life import ActionStatus
from workgroup_app.domain.action_views import ActionRow, DisciplineLine, DisciplineReport
from workgroup_app.domain.errors import ValidationError
from workgroup_app.i18n import set_language

OFFICE = "Прокуратура Гродненской области"
GENERATED = datetime(2026, 4, 2, 14, 7)
AS_OF = date(2026, 4, 2)
AGENCIES = ("УВД Гродненского облисполкома", "Гродненская региональная таможня",
            "Управление Следственного комитета по Гродненской области")
LONG_WORDS = ("Организовать проведение совместных оперативно-профилактических мероприятий "
              "по выявлению каналов поступления наркотических средств & <прекурсоров> ")


@pytest.fixture
def russian() -> Iterator[None]:
    set_language("ru")
    try:
        yield
    finally:
        set_language("en")


def line(name: str, *figures: int) -> DisciplineLine:
    return DisciplineLine(name, name, *figures)


def discipline_report() -> DisciplineReport:
    lines = [line(AGENCIES[0], 12, 7, 2, 3, 2, 3), line(AGENCIES[1], 5, 4, 0, 1, 0, 0),
             line(AGENCIES[2], 0, 0, 0, 1, 0, 0)]
    total = DisciplineLine(None, "", 17, 11, 2, 5, 2, 3)
    return DisciplineReport(date(2026, 1, 1), date(2026, 3, 31), AS_OF, lines, total)


def action(number: int, **changes: Any) -> ActionRow:
    fields: dict[str, Any] = dict(
        id=f"act-{number}", text=f"{number}. {LONG_WORDS * (1 + number % 3)}".strip(),
        agency_id="a", agency_name=AGENCIES[number % 3], workgroup_id="w",
        workgroup_name="МРГ по противодействию незаконному обороту наркотиков",
        controller_id="c", controller_name="Ёлкин П. С.", official_name="Сидоров О. И.",
        source="decision", meeting_number=3, meeting_held_on=date(2026, 3, 5),
        decision_number="1.2", assigned_on=date(2026, 3, 5),
        deadline=date(2026, 3, 20) + timedelta(days=number % 5),
        status=ActionStatus.REPORTED if number % 4 == 0 else ActionStatus.OPEN,
        extensions=number % 2, reported_on=None, done_on=None)
    fields.update(changes)
    return ActionRow(**fields)


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def fonts_of(path: Path) -> list[tuple[str, bool]]:
    """(base font, embedded as TrueType) of every font any page uses."""
    found = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found.append((str(font["/BaseFont"]), embedded))
    return found


def assert_fonts_embedded(path: Path) -> None:
    fonts = fonts_of(path)
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _embedded in fonts), fonts
    assert all("LiberationSerif" in name for name, _embedded in fonts), fonts


def test_discipline_pdf_in_russian(tmp_path: Path, russian: None) -> None:
    out = tmp_path / "дисциплина.pdf"
    write_discipline_pdf(discipline_report(), out, office=OFFICE, generated_at=GENERATED)
    pages = pdf_text(out)
    text = " ".join(" ".join(pages).split())
    assert "Отчёт об исполнительской дисциплине" in text
    assert "за период с 01.01.2026 по 31.03.2026" in text
    assert "по состоянию на 02.04.2026" in text
    assert OFFICE in text and "Итого" in text and "Пояснения к графам" in text
    assert all(name in text for name in ("УВД Гродненского облисполкома",
                                         "Гродненская региональная таможня"))
    assert "77,8" in text  # 7 on time of 9 done, with a Russian decimal comma
    assert "—" in text  # the agency that did nothing has no share
    assert pages[-1].strip().endswith(f"Страница {len(pages)} из {len(pages)}")
    reader = PdfReader(out)
    assert reader.metadata is not None
    assert reader.metadata.title == "Отчёт об исполнительской дисциплине"
    assert reader.metadata.author == OFFICE
    assert reader.trailer["/Root"]["/Lang"] == "ru-RU"
    assert_fonts_embedded(out)


def test_overdue_pdf_runs_over_pages_with_the_header_and_page_x_of_y(tmp_path: Path,
                                                                     russian: None) -> None:
    rows = [action(n) for n in range(1, 31)]
    out = tmp_path / "overdue.pdf"
    write_overdue_pdf(rows, out, as_of=AS_OF, office=OFFICE, generated_at=GENERATED)
    pages = pdf_text(out)
    total = len(pages)
    assert total > 1
    for number, page in enumerate(pages, start=1):
        assert f"Страница {number} из {total}" in page
        assert "Основание" in page  # the header repeats on every page
    text = " ".join(" ".join(pages).split())
    assert "Просроченные поручения" in text and "Всего: 30" in text
    assert "Заседание № 3 от 05.03.2026, п. 1.2" in text
    assert "На исполнении" in text and "Отчёт на рассмотрении" in text
    assert "& <прекурсоров>" in text  # user text is not read as markup
    assert all(name in text for name in AGENCIES)
    assert_fonts_embedded(out)


def test_an_action_longer_than_a_page_runs_over_instead_of_failing(tmp_path: Path) -> None:
    text = " ".join(f"слово{n}" for n in range(700))
    out = tmp_path / "long.pdf"
    write_overdue_pdf([action(1), action(2, text=text)], out, as_of=AS_OF, office=OFFICE,
                      generated_at=GENERATED)
    joined = " ".join(" ".join(pdf_text(out)).split())
    assert len(PdfReader(out).pages) > 1
    assert "слово0" in joined and "слово699" in joined


def test_overdue_pdf_with_nothing_overdue_says_so(tmp_path: Path) -> None:
    out = tmp_path / "none.pdf"
    write_overdue_pdf([], out, as_of=AS_OF, office=OFFICE, generated_at=GENERATED)
    text = " ".join(" ".join(pdf_text(out)).split())
    assert "No overdue actions as of 2 Apr 2026." in text and "Page 1 of 1" in text
    assert_fonts_embedded(out)


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    rows = [action(n) for n in range(1, 8)]
    first, second, other = tmp_path / "1.pdf", tmp_path / "2.pdf", tmp_path / "3.pdf"
    write_overdue_pdf(rows, first, as_of=AS_OF, office=OFFICE, generated_at=GENERATED)
    write_discipline_pdf(discipline_report(), other, office=OFFICE, generated_at=GENERATED)
    write_overdue_pdf(rows, second, as_of=AS_OF, office=OFFICE, generated_at=GENERATED)
    assert first.read_bytes() == second.read_bytes()
    write_discipline_pdf(discipline_report(), second, office=OFFICE, generated_at=GENERATED)
    assert other.read_bytes() == second.read_bytes()


def test_discipline_xlsx_has_numbers_a_percentage_and_a_bold_total(tmp_path: Path) -> None:
    out = tmp_path / "discipline.xlsx"
    write_discipline_xlsx(discipline_report(), out, office=OFFICE, generated_at=GENERATED)
    book = load_workbook(out)
    sheet, about = book.worksheets
    assert [c.value for c in sheet[1]] == [
        "Agency", "Assigned", "Done on time", "Done late", "Overdue now", "Extended (actions)",
        "Extensions", "On time %"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:H4"
    assert [c.value for c in sheet[2]][:7] == [AGENCIES[0], 12, 7, 2, 3, 2, 3]
    share = sheet["H2"]
    assert share.value == pytest.approx(7 / 9) and share.number_format == "0.0%"
    assert sheet["H4"].value == "—"
    total = [c.value for c in sheet[5]]
    assert total[:7] == ["Total", 17, 11, 2, 5, 2, 3] and total[7] == pytest.approx(11 / 13)
    assert all(c.font.bold for c in sheet[5])
    values = {row[0]: row[1] for row in about.iter_rows(values_only=True) if row and row[0]}
    assert values["Office"] == OFFICE and values["Document"] == "Executive discipline report"
    assert values["Period from"] == datetime(2026, 1, 1)
    assert values["Period to"] == datetime(2026, 3, 31)
    assert values["Generated"] == GENERATED


def test_overdue_xlsx_in_russian(tmp_path: Path, russian: None) -> None:
    rows = [action(1), action(4), action(5, source="finding"), action(6, source="direct")]
    out = tmp_path / "overdue.xlsx"
    write_overdue_xlsx(rows, out, as_of=AS_OF, office=OFFICE, generated_at=GENERATED)
    sheet = load_workbook(out).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["№", "Поручение", "Ответственный орган"]
    assert sheet.max_row == 5 and sheet.freeze_panes == "A2"
    first = [c.value for c in sheet[2]]
    assert first[0] == 1 and first[2] == AGENCIES[1]
    assert first[3] == "Заседание № 3 от 05.03.2026, п. 1.2"
    assert first[5] == datetime(2026, 3, 21) and first[6] == 12 and first[7] == 1
    assert first[8] == "На исполнении"
    assert sheet["I3"].value == "Отчёт на рассмотрении"
    assert sheet["D4"].value == "Акт реагирования" and sheet["D5"].value == "Внесено напрямую"


def test_ics_has_one_all_day_event_per_action(tmp_path: Path) -> None:
    rows = [action(1), action(2), action(3, text="Коротко")]
    out = tmp_path / "сроки.ics"
    write_deadlines_ics(rows, out, office=OFFICE, generated_at=GENERATED)
    calendar = Calendar.from_ical(out.read_bytes())
    assert str(calendar["PRODID"]) == "-//Workgroup//Execution control//RU"
    assert OFFICE in str(calendar["X-WR-CALNAME"])
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["act-1@workgroup", "act-2@workgroup",
                                              "act-3@workgroup"]
    for event, row in zip(events, rows, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert not isinstance(start, datetime) and start == row.deadline
        assert end == row.deadline + timedelta(days=1)
        assert len(str(event["SUMMARY"])) <= 80
        assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
        assert row.agency_name in str(event["DESCRIPTION"])
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == timedelta(days=-1)
    assert str(events[2]["SUMMARY"]) == "Коротко"
    assert str(events[0]["SUMMARY"]).endswith("…")


def test_sources_and_dates_read_as_a_person_would_cite_them(russian: None) -> None:
    assert format_date(date(2026, 3, 5)) == "05.03.2026"
    assert source_label(action(1)) == "Заседание № 3 от 05.03.2026, п. 1.2"
    assert source_label(action(1, decision_number="")) == "Заседание № 3 от 05.03.2026"
    set_language("en")
    assert format_date(date(2026, 3, 5)) == "5 Mar 2026"
    assert source_label(action(1)) == "Meeting No. 3 of 5 Mar 2026, decision 1.2"
    assert source_label(action(1, source="finding")) == "Finding"


def test_a_failed_write_leaves_the_old_file_and_no_litter(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old report")

    def broken(temp: Path) -> None:
        temp.write_bytes(b"half a rep")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, broken, suffix=".pdf")
    assert target.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]
    atomic_write(target, lambda temp: temp.write_bytes(b"new report"), suffix=".pdf")
    assert target.read_bytes() == b"new report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_bad_output_path_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as missing:
        write_discipline_pdf(discipline_report(), tmp_path / "no" / "r.pdf", office=OFFICE,
                             generated_at=GENERATED)
    assert missing.value.field == "out" and "does not exist" in str(missing.value)
    with pytest.raises(ValidationError) as suffix:
        write_overdue_xlsx([action(1)], tmp_path / "r.pdf", as_of=AS_OF, office=OFFICE,
                           generated_at=GENERATED)
    assert suffix.value.field == "out" and ".xlsx" in str(suffix.value)
    (tmp_path / "folder.ics").mkdir()
    with pytest.raises(ValidationError):
        write_deadlines_ics([action(1)], tmp_path / "folder.ics", office=OFFICE,
                            generated_at=GENERATED)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.ics"]


def test_xlsx_keeps_formula_like_text_as_text_and_drops_control_characters(
        tmp_path: Path) -> None:
    rows = [action(1, text="=1+2 проверить"), action(2, text="Сверить\x0b списки"),
            action(3, text="@SUM(A1)")]
    out = tmp_path / "overdue.xlsx"
    write_overdue_xlsx(rows, out, as_of=AS_OF, office=OFFICE, generated_at=GENERATED)
    sheet = load_workbook(out).worksheets[0]
    assert [sheet.cell(line, 2).data_type for line in (2, 3, 4)] == ["s", "s", "s"]
    assert sheet["B2"].value == "=1+2 проверить"
    assert sheet["B3"].value == "Сверить списки"


def test_a_heading_word_wider_than_its_column_is_set_smaller_not_broken() -> None:
    """A Belarusian heading word ("Пратэрмінавана") in a narrow numeric column."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics

    from workgroup_app.documents import typography as ty

    st = ty.styles()
    ty.register_fonts()
    row = [ty.paragraph("Пратэрмінавана на бягучую дату", st["header"]),
           ty.paragraph("Орган", st["header"])]
    widths = [22 * mm, 60 * mm]
    fitted = ty.fit_words(row, widths)
    narrow, wide = fitted
    assert narrow.style.fontSize < st["header"].fontSize
    assert pdfmetrics.stringWidth("Пратэрмінавана", narrow.style.fontName,
                                  narrow.style.fontSize) <= widths[0] - 6
    assert wide is row[1]  # a heading that fits is left as it is
