"""The audit trail's files and labels below the CLI and the page: a PDF table streamed a frame
at a time (rows taller than a page included) in Liberation Serif only, a workbook that goes on
to a second sheet past the row limit, the words the trail is shown in, and an export refused
before anything is read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.integration.test_documents import assert_fonts_embedded
from workgroup_app.bootstrap import AppContext
from workgroup_app.documents import audit_report
from workgroup_app.documents.audit_report import AuditReportRow, write_audit_pdf, write_audit_xlsx
from workgroup_app.domain.errors import ValidationError
from workgroup_app.i18n import set_language
from workgroup_app.services import audit

MOMENT = datetime(2026, 3, 12, 7, 30, tzinfo=UTC)
RECORD = "b7675949-b29e-45b9-965b-f0a9d1de6788"


def rows(count: int, long_text: set[int] = frozenset()) -> Iterator[AuditReportRow]:
    for seq in range(count, 0, -1):
        words = 600 if seq in long_text else 3
        yield AuditReportRow(MOMENT, "12.03.2026 10:30:00", "Прокуратура", seq, "pro",
                             "Прокурор", "Поручение", RECORD, "изменение",
                             [f"text: — → {' '.join(['Проверить'] * words)} №{seq}",
                              "deadline: 2026-04-01 → 2026-05-01"])


def test_the_pdf_holds_every_row_even_one_taller_than_a_page(tmp_path: Path) -> None:
    out = tmp_path / "trail.pdf"
    written = write_audit_pdf(rows(60, long_text={30}), out, office="Прокуратура",
                              heading="Все записи.", generated_at=MOMENT)
    assert written == 60
    pages = [page.extract_text() for page in PdfReader(out).pages]
    text = " ".join(" ".join(pages).split())
    for seq in range(1, 61):
        assert f"№{seq} " in text  # each entry's text, the long one through to its end
    assert len(pages) > 4
    assert all("Record id" in page for page in pages[:-1])  # the header on every page
    assert "Entries: 60" in text and "Все записи." in pages[0]
    assert_fonts_embedded(out)


def test_an_empty_trail_says_so(tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    assert write_audit_pdf(iter([]), out, office="", heading="All entries.",
                           generated_at=MOMENT) == 0
    assert "No entries match." in PdfReader(out).pages[0].extract_text()


def test_the_workbook_goes_on_past_a_full_sheet(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_report, "SHEET_ROWS", 2 + 4)  # heading, header, four entries
    out = tmp_path / "trail.xlsx"
    assert write_audit_xlsx(rows(10), out, office="Прокуратура", heading="All entries.",
                            generated_at=MOMENT) == 10
    book = load_workbook(out)
    assert book.sheetnames == ["Audit trail", "Audit trail (2)", "Audit trail (3)", "About"]
    seqs = [row[2] for sheet in book.worksheets[:3]
            for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert seqs == list(range(10, 0, -1))
    first = book.worksheets[0]
    assert first.auto_filter.ref == "A2:I6" and first.freeze_panes == "A3"
    assert first.cell(3, 1).value == MOMENT.replace(tzinfo=None)
    assert first.cell(3, 1).number_format == "DD.MM.YYYY HH:MM:SS"
    assert dict(book["About"].iter_rows(values_only=True))["Entries"] == 10


def test_the_words_of_the_trail() -> None:
    assert audit.record_kind("action_event") == "Action event"
    assert audit.record_kind("from_a_later_version") == "from_a_later_version"
    assert audit.operation_label("restore") == "restored"
    assert audit.role_label("unrestricted") == "no accounts (unrestricted)"
    assert audit.role_label("head") == "Head of office"
    changes = {"deleted": [False, True], "region": [None, ""], "note": ["a", None],
               "weird": "not a pair"}
    assert audit.change_lines(changes) == ["deleted: no → yes", "note: a → —",
                                           "weird: — → not a pair"]
    assert audit.change_summary({"text": [None, "слово " * 30]}).endswith("…")
    query = audit.AuditQuery(user="pro", table="agency", date_from=MOMENT.date())
    assert audit.describe(query) == "Entries of user pro, record kind Agency, from 2026-03-12."
    set_language("ru")
    try:
        assert audit.describe(audit.AuditQuery()) == "Все записи."
        assert audit.record_kind("person") == "Сотрудник"
    finally:
        set_language("en")


def test_an_export_is_refused_before_anything_is_read(context: AppContext,
                                                       tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for name, reason in (("trail.csv", "not '.csv'"), ("missing/trail.pdf", "does not exist")):
        with pytest.raises(ValidationError) as refused:
            audit.export(context.uow(), audit.AuditQuery(), folder / name)
        assert reason in str(refused.value)
    query = audit.AuditQuery(date_from=MOMENT.date(), date_to=datetime(2026, 3, 1).date())
    with pytest.raises(ValidationError, match="before it begins"):
        audit.export(context.uow(), query, folder / "trail.pdf")
    assert list(folder.iterdir()) == []
