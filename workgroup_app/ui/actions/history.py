"""An action's history: its events in order, a struck-through line for an event that came by
exchange and could not apply, and the report's attached file to save."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.action_life import EventKind
from ...domain.action_views import EventLine
from ...domain.actions import EVENT_LABELS
from ...domain.messages import N_
from ...i18n import _, tr
from ..context import UiContext
from ..widgets.date_edit import format_date
from ..widgets.event_history import EventHistory, HistoryLine


def details(event: EventLine) -> str:
    """What the event says beyond its kind: the text, then the new deadline, who approved
    or took over, and the attached file, each on its own line."""
    lines = [event.text] if event.text else []
    if event.deadline is not None:
        label = N_("Deadline: {date}") if event.kind == EventKind.CREATED else \
            N_("New deadline: {date}")
        lines.append(tr(label, date=format_date(event.deadline)))
    if event.kind == EventKind.REASSIGNED:
        to = ", ".join(part for part in (event.agency_name, event.person_name) if part)
        lines.append(tr("Passed to: {agency}", agency=to))
    elif event.person_name:
        lines.append(tr("Approved by: {person}", person=event.person_name))
    if event.attachment_name:
        lines.append(tr("Attached file: {name}", name=event.attachment_name))
    return "\n".join(lines)


class HistoryList(EventHistory):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "actionHistory", parent)

    def set_events(self, events: list[EventLine]) -> None:
        lines = []
        for event in events:
            texts = (format_date(event.on), _(EVENT_LABELS[event.kind]), details(event))
            tip = [texts[1], texts[2]]
            if event.author:
                tip.append(tr("Recorded by {author}", author=event.author))
            if event.attachment_name:
                tip.append(_("Double-click or press Save attachment… to save the file"))
            lines.append(HistoryLine(texts, "\n".join(t for t in tip if t), event.effective))
        self.show_lines(events, lines)


def has_attachment(event: EventLine | None) -> bool:
    return event is not None and bool(event.attachment_sha256)

