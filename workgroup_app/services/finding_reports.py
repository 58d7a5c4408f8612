"""The statistics of supervision findings for a period, written as a PDF or XLSX file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from ..domain.errors import ValidationError
from ..domain.messages import N_
from .action_reports import REPORT_SUFFIXES, office_name
from .findings import statistics
from .ports import UnitOfWork


def export_statistics(uow: UnitOfWork, path: Path, date_from: date, date_to: date,
                      as_of: date | None = None) -> Path:
    """Count the period (acts dated in it; responses as of ``as_of``, default today) and
    write the report; the suffix of ``path`` chooses the format. Returns ``path``."""
    suffix = Path(path).suffix.lower()
    if suffix not in REPORT_SUFFIXES:  # checked before counting: a typo costs nothing
        raise ValidationError(N_("Save the report as .pdf or .xlsx, not '{suffix}'."),
                              field="out", suffix=path.suffix or path.name)
    stats = statistics(uow, date_from, date_to, as_of)
    from ..documents.findings_report import write_findings_pdf, write_findings_xlsx

    writer = write_findings_pdf if suffix == ".pdf" else write_findings_xlsx
    writer(stats, path, office=office_name(uow), generated_at=datetime.now(UTC))
    return path
