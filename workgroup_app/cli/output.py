"""Printing: aligned plain-text tables for people, JSON for programs.

Widths are counted in terminal cells (East Asian wide characters take two, combining marks
none), so Cyrillic and mixed text line up.
"""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from enum import Enum
from typing import Any

import click

from .. import i18n
from ..i18n import _

CELL_MAX = 48
ELLIPSIS = "…"


def cells(text: str) -> int:
    """The width of ``text`` on a terminal, in character cells."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, marked with an ellipsis when cut."""
    text = " ".join(text.split())
    if cells(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        size = cells(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + ELLIPSIS


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], limit: int = CELL_MAX) -> str:
    """A table with a header line and a rule; the last column is not padded."""
    body = [[clip(text_of(value), limit) for value in row] for row in rows]
    head = list(headers)
    widths = [max([cells(h), *(cells(r[i]) for r in body)]) for i, h in enumerate(head)]
    lines = [head, ["-" * w for w in widths], *body]
    return "\n".join("  ".join(pad(c, widths[i]) if i < len(widths) - 1 else c
                               for i, c in enumerate(line)).rstrip() for line in lines)


def fields(pairs: Iterable[tuple[str, Any]]) -> str:
    """``label  value`` lines, labels aligned; values may span several lines."""
    pairs = [(label, text_of(value)) for label, value in pairs]
    width = max((cells(label) for label, _value in pairs), default=0)
    lines = []
    for label, value in pairs:
        first, *rest = value.splitlines() or [""]
        lines.append(f"{pad(label, width)}  {first}".rstrip())
        lines.extend(" " * (width + 2) + more for more in rest)
    return "\n".join(lines)


def fmt_date(value: date | None) -> str:
    """Dates as the reader expects them: 31.12.2026 in Russian, 2026-12-31 in English."""
    if value is None:
        return ""
    return i18n.format_day(value)


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def short_id(record_id: str | None) -> str:
    return (record_id or "")[:8]


def plain(value: Any) -> Any:
    """Dataclasses, enums, dates and containers as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    return value


def print_json(value: Any) -> None:
    click.echo(json.dumps(plain(value), ensure_ascii=False, indent=2))


def echo(text: str) -> None:
    click.echo(text)


def show_list(as_json: bool, records: Sequence[Any], headers: Sequence[str],
              rows: Sequence[Sequence[Any]], total: int) -> None:
    """A list: JSON objects, or a table with a line saying when --limit cut it short."""
    if as_json:
        print_json(list(records))
        return
    if not rows:
        click.echo(_("Nothing found."))
        return
    click.echo(table(headers, rows))
    if len(rows) < total:
        click.echo(i18n.tr("Showing {shown} of {total}; use --limit to see more.",
                           shown=len(rows), total=total))


def report(as_json: bool, record: Any, message: str) -> None:
    """After a change: the record as saved in JSON, or one line of text."""
    if as_json:
        print_json(record)
    else:
        click.echo(message)


def report_deleted(as_json: bool, record_id: str, message: str) -> None:
    if as_json:
        print_json({"id": record_id, "deleted": True})
    else:
        click.echo(message)
