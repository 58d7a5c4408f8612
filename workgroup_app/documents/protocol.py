"""The protocol of a meeting as a PDF in the official form (DESIGN §6), ready to be signed.

    ПРОТОКОЛ № 5 / заседания …; place and date; chair and secretary; present, absent, invited;
    ПОВЕСТКА ДНЯ; per item СЛУШАЛИ / ВЫСТУПИЛИ / РЕШИЛИ (1.1, 1.2 … with the responsible
    agency and deadline) and dissenting opinions; the signature block; "Страница X из Y".

The language is the protocol's own (``data.lang``). With ``data.execution`` set, the item
"On the execution of earlier decisions" follows the agenda's own items, numbered after them:
the agenda keeps its numbers, so decision 2.1 in the protocol is decision 2.1 in the actions
register.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..domain.messages import N_
from ..domain.minutes import (
    EXECUTION_STATUS_LABELS,
    SIGNER_ROLE_LABELS,
    ExecutionLine,
    ExecutionStatus,
    ProtocolData,
    ProtocolItem,
    ProtocolPerson,
    ProtocolSpeech,
    RenderedPdf,
    SignerRole,
)
from ..i18n import Translator, translator
from . import protocol_parts as pp
from . import typography as ty

PROTOCOL_NO = N_("PROTOCOL No. {number}")
# {group}, not {workgroup}: the CLI's "of the meeting of the {workgroup}" reads "заседания:"
OF_THE_MEETING = N_("of the meeting of the {group}")
TITLE = N_("Protocol No. {number} of the meeting of the {workgroup}")
SUBJECT = N_("Minutes of a meeting")
STARTING_AT = N_("{date}, starting at {time}")
VERSION = N_("Version {version}.")
SUPERSEDES = N_("Supersedes {supersedes}.")
REASON = N_("Reason: {reason}")
PRESENT = N_("Present:")
ABSENT = N_("Absent:")
INVITED = N_("Invited:")
AGENDA = N_("AGENDA:")
HEARD = N_("HEARD:")
SPOKE = N_("SPOKE:")
DISSENT = N_("Dissenting opinion:")
EXECUTION_ITEM = N_("On the execution of earlier decisions")
NOTHING_UNDER_CONTROL = N_("No actions of earlier meetings were under control.")
MEETING_REF = N_("No. {number} of {date}")
EXTENDED_ONCE = N_("deadline extended once")
EXTENDED_TIMES = N_("deadline extended {count} times")

# Header and width in mm (the page leaves 165 mm between the margins).
PEOPLE_COLUMNS: tuple[tuple[str, float], ...] = (
    (N_("No."), 10), (N_("Full name"), 52), (N_("Agency"), 55), (N_("Position"), 48))
EXECUTION_COLUMNS: tuple[tuple[str, float], ...] = (
    (N_("Meeting No. and date"), 23), (N_("Decision No."), 16), (N_("Action"), 42),
    (N_("Responsible agency"), 28), (N_("Deadline"), 22), (N_("Status"), 28))

_DONE = (ExecutionStatus.DONE, ExecutionStatus.DONE_LATE)

Styles = dict[str, ParagraphStyle]


def render_protocol(data: ProtocolData) -> RenderedPdf:
    """The protocol as PDF bytes, the chair's and secretary's signature boxes (in that
    order) and the page count. The same data always gives the same bytes."""
    t = translator(data.lang)

    def story_of(doc: SimpleDocTemplate, boxes: pp.Boxes) -> list[Flowable]:
        st = pp.styles()
        body, tail = pp.split_tail([
            *_front(data, t, st, doc), *_agenda(data, t, st),
            *(flowable for item in data.items for flowable in _item(data, item, t, st)),
            *_execution_item(data, t, st, doc)])
        signers = [(SignerRole.CHAIR, data.chair), (SignerRole.SECRETARY, data.secretary)]
        return [*body, pp.signature_block(signers, t, st, doc, boxes, lead=tail)]

    title = t(TITLE, number=data.number, workgroup=pp.workgroup_of(data))
    return pp.render(story_of, t=t, title=title, author=data.office, subject=t(SUBJECT))


def _front(data: ProtocolData, t: Translator, st: Styles,
           doc: SimpleDocTemplate) -> list[Flowable]:
    """Heading, version note, place and date, chair and secretary, who attended."""
    story = pp.heading(t(PROTOCOL_NO, number=data.number), data, st,
                       second_line=t(OF_THE_MEETING, group=pp.workgroup_of(data)))
    if data.version > 1:
        note = [t(VERSION, version=data.version)]
        if data.supersedes.strip():
            note.append(t(SUPERSEDES, supersedes=data.supersedes.strip()))
        if data.amendment_reason.strip():
            note.append(pp.sentence(t(REASON, reason=data.amendment_reason.strip())))
        story.append(ty.paragraph(" ".join(note), st["version"]))
    story += [Spacer(1, 6 * mm), _place_and_date(data, t, st, doc), Spacer(1, 4 * mm)]
    for role, person in ((SignerRole.CHAIR, data.chair), (SignerRole.SECRETARY, data.secretary)):
        if person is not None:
            text = pp.joined(person.name, person.position, person.agency)
            story.append(Paragraph(f"<b>{pp.plain(t(SIGNER_ROLE_LABELS[role]))}</b> — "
                                   f"{pp.plain(text)}", st["text"]))
    for label, people in ((PRESENT, data.present), (ABSENT, data.absent),
                          (INVITED, data.invited)):
        if people:
            story += [*pp.labelled(t(label), st["section"]), _people_table(people, t, st, doc)]
    return story


def _place_and_date(data: ProtocolData, t: Translator, st: Styles,
                    doc: SimpleDocTemplate) -> Table:
    when = t.day(data.held_on) if data.starts_at is None else \
        t(STARTING_AT, date=data.held_on, time=data.starts_at.strftime("%H:%M"))
    table = Table([[ty.paragraph(data.venue, st["body"]), ty.paragraph(when, st["right"])]],
                  colWidths=[pp.text_width(doc) * 0.6, pp.text_width(doc) * 0.4])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), ty.FAMILY, ty.BODY_SIZE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _widths(columns: Sequence[tuple[str, float]], doc: SimpleDocTemplate) -> list[float]:
    scale = pp.text_width(doc) / (sum(c[1] for c in columns) * mm)  # fill it exactly
    return [c[1] * mm * scale for c in columns]


def _people_table(people: Sequence[ProtocolPerson], t: Translator, st: Styles,
                  doc: SimpleDocTemplate) -> Table:
    """No., name (with a note such as a substitute in italics beneath), agency, position."""
    rows: list[list[Flowable]] = [[ty.paragraph(t(c[0]), st["header"]) for c in PEOPLE_COLUMNS]]
    for number, person in enumerate(people, start=1):
        name = pp.plain(person.name) + (f"<br/><i>{pp.plain(person.note)}</i>"
                                        if person.note.strip() else "")
        rows.append([ty.paragraph(str(number), st["cell_centered"]), Paragraph(name, st["cell"]),
                     ty.paragraph(person.agency, st["cell"]),
                     ty.paragraph(person.position, st["cell"])])
    return ty.data_table(rows, _widths(PEOPLE_COLUMNS, doc), doc)


def _agenda(data: ProtocolData, t: Translator, st: Styles) -> list[Flowable]:
    entries = [(item.number, item.title) for item in data.items]
    if data.execution is not None:
        entries.append((_execution_number(data), t(EXECUTION_ITEM)))
    if not entries:
        return []
    return [*pp.labelled(t(AGENDA), st["section"]),
            *(ty.paragraph(f"{number}. {title}", st["agenda"]) for number, title in entries)]


def _execution_item(data: ProtocolData, t: Translator, st: Styles,
                    doc: SimpleDocTemplate) -> list[Flowable]:
    """The last item when asked for: how the actions of earlier meetings stand, one row
    each."""
    if data.execution is None:
        return []
    story = pp.labelled(f"{_execution_number(data)}. {t(EXECUTION_ITEM)}", st["item"],
                        room=35 * mm)
    if not data.execution:
        return [*story, ty.paragraph(t(NOTHING_UNDER_CONTROL), st["text"])]
    rows: list[list[Flowable]] = [[ty.paragraph(t(c[0]), st["header"])
                                   for c in EXECUTION_COLUMNS]]
    rows += [_execution_row(line, t, st) for line in data.execution]
    return [*story, ty.data_table(rows, _widths(EXECUTION_COLUMNS, doc), doc)]


def _execution_number(data: ProtocolData) -> int:
    return max((item.number for item in data.items), default=0) + 1


def _execution_row(line: ExecutionLine, t: Translator, st: Styles) -> list[Flowable]:
    status = [pp.plain(t(EXECUTION_STATUS_LABELS[line.status]))]
    if line.status in _DONE and line.done_on is not None:
        status.append(f"<i>{t.day(line.done_on)}</i>")
    if line.extensions == 1:
        status.append(f"<i>{pp.plain(t(EXTENDED_ONCE))}</i>")
    elif line.extensions > 1:
        status.append(f"<i>{pp.plain(t(EXTENDED_TIMES, count=line.extensions))}</i>")
    return [ty.paragraph(t(MEETING_REF, number=line.meeting_number, date=line.meeting_date),
                         st["cell"]),
            ty.paragraph(line.decision, st["cell_centered"]),
            ty.paragraph(line.text, st["cell"]),
            ty.paragraph(line.agency, st["cell"]),
            ty.paragraph(t.day(line.deadline), st["cell_centered"]),
            Paragraph("<br/>".join(status), st["cell"])]


def _speeches(label: str, speeches: Sequence[ProtocolSpeech], t: Translator,
              st: Styles) -> list[Flowable]:
    """"HEARD:" then one paragraph each: "<b>Speaker</b>, position — text"."""
    if not speeches:
        return []
    story = pp.labelled(t(label), st["label"])
    for speech in speeches:
        who = f"<b>{pp.plain(speech.speaker)}</b>" + \
            (f", {pp.plain(speech.position)}" if speech.position.strip() else "")
        text = f" — {pp.plain(speech.text)}" if speech.text.strip() else ""
        story.append(Paragraph(who + text, st["text"]))
    return story


def _item(data: ProtocolData, item: ProtocolItem, t: Translator, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [
        *pp.labelled(f"{item.number}. {item.title}", st["item"],
                     room=35 * mm),
        *_speeches(HEARD, item.heard, t, st), *_speeches(SPOKE, item.spoke, t, st),
        *pp.decisions_section(item.decisions, t, st)]
    if item.dissent.strip():
        story.append(Paragraph(f"<b>{pp.plain(t(DISSENT))}</b> {pp.plain(item.dissent)}",
                               st["text"]))
    return story
