"""The statistics of supervision findings as files: the same figures give the same PDF bytes,
a long table runs over pages with its header, spreadsheet text that looks like a formula stays
text, and the service refuses a wrong suffix before writing anything."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from workgroup_app.bootstrap import AppContext
from workgroup_app.documents.findings_report import write_findings_pdf, write_findings_xlsx
from workgroup_app.domain.errors import ValidationError
from workgroup_app.domain.finding_views import FindingStatLine, FindingStats
from workgroup_app.domain.findings import ActType
from workgroup_app.services.finding_reports import export_statistics

GENERATED = datetime(2026, 6, 2, 9, 30, tzinfo=UTC)
FORMULA = '=HYPERLINK("http://evil.example","УВД")'


def _stats(lines: list[FindingStatLine]) -> FindingStats:
    total = FindingStatLine("", ActType.SUBMISSION, *(
        sum(getattr(line, name) for line in lines) for name in (
            "issued", "on_time", "late", "missing", "pending", "with_result", "satisfied",
            "disciplined")))
    return FindingStats(date(2026, 1, 1), date(2026, 12, 31), date(2026, 6, 1), tuple(lines),
                        total)


STATS = _stats([
    FindingStatLine(FORMULA, ActType.PROTEST, issued=4, on_time=2, late=1, missing=1,
                    with_result=3, satisfied=2, disciplined=3),
    FindingStatLine("+7 Отдел & <охрана>", ActType.WARNING, issued=2),
])


def test_the_pdf_is_byte_reproducible_and_shows_the_figures(tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for path in (first, second):
        write_findings_pdf(STATS, path, office="Прокуратура области", generated_at=GENERATED)
    assert first.read_bytes() == second.read_bytes()

    reader = PdfReader(first)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "+7 Отдел & <охрана>" in text and "for the period from 1 Jan 2026 to 31 Dec 2026" in text
    # issued 6, on time 2, late 1, missing 1, pending 0, 2 of 3 satisfied, 3 disciplined
    assert text.split("Total")[1].split("What the columns count")[0].split() == \
        ["6", "2", "1", "1", "0", "66.7%", "3"]
    assert reader.metadata is not None and \
        reader.metadata.title == "Statistics of supervision findings"
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape: nine columns


def test_a_long_table_runs_over_pages_with_its_footer(tmp_path: Path) -> None:
    many = _stats([FindingStatLine(f"Орган № {n:03}", ActType.SUBMISSION, issued=n)
                   for n in range(1, 61)])
    path = tmp_path / "long.pdf"
    write_findings_pdf(many, path, office="", generated_at=GENERATED)
    pages = PdfReader(path).pages
    assert len(pages) >= 3
    last = pages[-1].extract_text()
    assert f"Page {len(pages)} of {len(pages)}" in last
    assert "Agency" in pages[1].extract_text()  # the header repeats
    assert "1830" in "".join(p.extract_text() for p in pages)  # 1 + 2 + … + 60


def test_xlsx_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "stats.xlsx"
    write_findings_xlsx(STATS, path, office="=1+1", generated_at=GENERATED)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    agency = sheet["A2"]
    assert agency.value == FORMULA and agency.data_type == "s"
    assert sheet["A3"].value == "+7 Отдел & <охрана>" and sheet["A3"].data_type == "s"
    assert [c.value for c in sheet[2]][2:] == [4, 2, 1, 1, 0, pytest.approx(2 / 3), 3]
    assert sheet["H2"].number_format == "0.0%" and sheet["H3"].value == "—"
    assert [c.value for c in sheet[4]] == ["Total", None, 6, 2, 1, 1, 0, pytest.approx(2 / 3),
                                           3]
    assert sheet.auto_filter.ref == "A1:I3"  # the total stays out of the filter
    about = {row[0]: row[1] for row in book.worksheets[1].iter_rows(values_only=True) if row}
    assert about["Office"] == "=1+1" and about["Period from"] == datetime(2026, 1, 1)


def test_export_refuses_a_wrong_suffix_and_a_reversed_period(context: AppContext,
                                                             tmp_path: Path) -> None:
    wrong = tmp_path / "stats.csv"
    with pytest.raises(ValidationError, match=r"\.pdf or \.xlsx"):
        export_statistics(context.uow(), wrong, date(2026, 1, 1), date(2026, 12, 31))
    reversed_period = tmp_path / "stats.pdf"
    with pytest.raises(ValidationError, match="ends before it begins"):
        export_statistics(context.uow(), reversed_period, date(2026, 12, 31), date(2026, 1, 1))
    assert not wrong.exists() and not reversed_period.exists()
    written = export_statistics(context.uow(), tmp_path / "empty.xlsx", date(2026, 1, 1),
                                date(2026, 12, 31), date(2026, 6, 1))
    rows = list(openpyxl.load_workbook(written).worksheets[0].iter_rows(values_only=True))
    assert rows[1] == ("Total", None, 0, 0, 0, 0, 0, "—", 0)  # an empty period still reads
