"""A finding's history: its events in order (struck through when one came by exchange and
could not apply), and the response's attached letter to save."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.findings import FINDING_EVENT_LABELS, FindingEvent
from ...i18n import _, tr
from ..context import UiContext
from ..widgets.date_edit import format_date
from ..widgets.event_history import EventHistory, HistoryLine
from .look import escalation_label, result_label


def details(event: FindingEvent) -> str:
    """What the event says beyond its kind, a line for each thing."""
    lines = [event.text] if event.text else []
    if event.result is not None:
        lines.append(tr("Result: {result}", result=result_label(event.result)))
    if event.disciplined:
        lines.append(tr("Officials disciplined: {count}", count=event.disciplined))
    if event.acts_repealed:
        lines.append(tr("Acts repealed or amended: {count}", count=event.acts_repealed))
    if event.escalation is not None:
        lines.append(escalation_label(event.escalation))
    if event.attachment_name:
        lines.append(tr("Attached file: {name}", name=event.attachment_name))
    return "\n".join(lines)


class FindingHistory(EventHistory):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "findingHistory", parent)

    def set_events(self, events: list[FindingEvent], skipped: frozenset[str]) -> None:
        lines = []
        for event in events:
            texts = (format_date(event.on), _(FINDING_EVENT_LABELS[event.kind]), details(event))
            tip = "\n".join(t for t in (texts[1], texts[2], tr(
                "Recorded by {author}", author=event.author) if event.author else "") if t)
            lines.append(HistoryLine(texts, tip, event.id not in skipped))
        self.show_lines(events, lines)
