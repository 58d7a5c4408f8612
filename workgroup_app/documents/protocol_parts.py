"""What the protocol and its extracts share: styles, the heading, decisions, the signature
block with its recorded boxes, and the build that turns a story into ``RenderedPdf``.

Every word goes through a ``Translator`` of the document's language, never the interface's:
a protocol may be built in English while the GUI speaks Russian, and in a worker thread.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..domain.messages import N_
from ..domain.minutes import (
    SIGNER_ROLE_LABELS,
    ProtocolData,
    ProtocolDecision,
    ProtocolPerson,
    RenderedPdf,
    SignatureBox,
    SignerRole,
)
from ..i18n import Translator
from . import typography as ty

DECIDED = N_("DECIDED:")
RESPONSIBLE = N_("Responsible: {agency}")
DUE = N_("Deadline: {date}")

SIGNATURE_WIDTH = 75 * mm
SIGNATURE_HEIGHT = 18 * mm
_LABEL_WIDTH = 50 * mm  # "Председательствующий" on one line
# At most this much text moves with the signatures to their page, so they never stand alone.
_TAIL_CHARS = 600

# Characters a PDF string cannot show and reportlab may choke on; line breaks and tabs stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Boxes = dict[SignerRole, SignatureBox]


def text_width(doc: SimpleDocTemplate) -> float:
    """The width paragraphs fill: the frame less its own padding of 6 pt a side. Tables this
    wide line up with the text instead of jutting out."""
    return doc.width - 12


def labelled(text: str, style: ParagraphStyle, *, room: float = 25 * mm) -> list[Flowable]:
    """A label ("Present:", "HEARD:") that never ends a page alone: it moves on when less
    than ``room`` is left. (keepWithNext would carry a whole table or speech with it.)"""
    return [CondPageBreak(room), ty.paragraph(text, style)]


def plain(text: str) -> str:
    """User text as paragraph markup: "&" and "<" escaped, line breaks kept."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return escape(text).replace("\n", "<br/>")


def joined(*parts: str) -> str:
    """The non-empty parts, comma separated: "name, position, agency"."""
    return ", ".join(p.strip() for p in parts if p.strip())


def sentence(text: str) -> str:
    """``text`` ending in a full stop, unless it already ends in punctuation."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…" else text + "."


def signature_name(full_name: str) -> str:
    """"Иванов Иван Иванович" → "И. И. Иванов", as a signature line writes a person; names
    already abbreviated ("Иванов И.И.") or of one word stay as given."""
    words = full_name.split()
    if len(words) < 2 or "." in full_name:
        return full_name.strip()
    return " ".join([*(f"{w[0]}." for w in words[1:]), words[0]])


# The head nouns of a body's name and their genitive; adjectives before them agree.
_FEMININE = {"группа": "группы", "комиссия": "комиссии"}
_MASCULINE = {"совет": "совета", "штаб": "штаба", "комитет": "комитета"}
_ADJECTIVE_ENDINGS = {
    True: (("жая", "жей"), ("шая", "шей"), ("чая", "чей"), ("щая", "щей"), ("ая", "ой"),
           ("яя", "ей")),
    False: (("кий", "кого"), ("гий", "гого"), ("хий", "хого"), ("ый", "ого"), ("ой", "ого"),
            ("ий", "его")),
}


def genitive_ru(name: str) -> str:
    """"Межведомственная рабочая группа по …" → "Межведомственной рабочей группы по …", so
    "заседания {workgroup}" reads right. Names in another form, or not headed by a body
    noun within five words, stay as given."""
    words = name.split(" ")
    for index, word in enumerate(words[:5]):
        head = word.lower()
        if head not in _FEMININE and head not in _MASCULINE:
            continue
        feminine = head in _FEMININE
        before = []
        for adjective in words[:index]:
            ending = next((e for e in _ADJECTIVE_ENDINGS[feminine]
                           if adjective.lower().endswith(e[0])), None)
            if ending is None:
                return name
            before.append(adjective[:-len(ending[0])] + ending[1])
        noun = (_FEMININE if feminine else _MASCULINE)[head]
        return " ".join([*before, word[0] + noun[1:], *words[index + 1:]])
    return name


def workgroup_of(data: ProtocolData) -> str:
    """The workgroup's name as it follows "of the meeting of": genitive in Russian."""
    name = data.workgroup.strip()
    return genitive_ru(name) if data.lang == "ru" else name


def styles() -> dict[str, ParagraphStyle]:
    """Typography's styles plus the protocol's own: heading lines, section labels
    (СЛУШАЛИ, РЕШИЛИ), justified text, the agenda's hanging numbers, the addressee."""
    st = ty.styles()
    text = ParagraphStyle("text", parent=st["body"], alignment=TA_JUSTIFY, spaceAfter=3)
    st.update({
        "text": text,
        "subtitle": ParagraphStyle("subtitle", parent=st["centered"], fontName=ty.BOLD,
                                   spaceAfter=2),
        "version": ParagraphStyle("version", parent=st["centered"], fontName=ty.ITALIC,
                                  fontSize=ty.SMALL_SIZE, leading=ty.SMALL_SIZE * 1.25,
                                  spaceBefore=2),
        "section": ParagraphStyle("section", parent=st["body"], fontName=ty.BOLD,
                                  spaceBefore=8, spaceAfter=3),
        # Left-aligned: a justified bold title stretches into gaps on its first line.
        "item": ParagraphStyle("item", parent=st["body"], fontName=ty.BOLD, spaceBefore=10,
                               spaceAfter=4),
        "label": ParagraphStyle("label", parent=st["body"], fontName=ty.BOLD, spaceBefore=4,
                                spaceAfter=2),
        "agenda": ParagraphStyle("agenda", parent=text, leftIndent=8 * mm,
                                 firstLineIndent=-8 * mm, spaceAfter=1),
        "duty": ParagraphStyle("duty", parent=text, fontName=ty.ITALIC, spaceAfter=5),
        "right": ParagraphStyle("right", parent=st["body"], alignment=TA_RIGHT),
        "addressee": ParagraphStyle("addressee", parent=st["body"], fontName=ty.BOLD,
                                    leftIndent=85 * mm, spaceAfter=8),
    })
    return st


def heading(first_line: str, data: ProtocolData, st: dict[str, ParagraphStyle], *,
            second_line: str, addressee: Sequence[Flowable] = ()) -> list[Flowable]:
    """The office, the addressee if any, then "PROTOCOL No. N" and "of the meeting of …"
    centred in bold."""
    story: list[Flowable] = []
    if data.office.strip():
        story += [ty.paragraph(data.office, st["centered"]), Spacer(1, 6 * mm)]
    return [*story, *addressee, ty.paragraph(first_line, st["title"]),
            ty.paragraph(second_line, st["subtitle"])]


def decision_flowables(decision: ProtocolDecision, t: Translator,
                       st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """"1.1. Text" and, where set, "Responsible: agency. Deadline: date." beneath it. A
    paragraph, not a table cell, so a decision of any length runs on over pages."""
    number = decision.number.strip()
    number = number if not number or number.endswith(".") else number + "."
    story: list[Flowable] = [Paragraph(f"{plain(number)} {plain(decision.text)}".strip(),
                                       st["text"])]
    duties = []
    if decision.agency.strip():
        duties.append(sentence(t(RESPONSIBLE, agency=decision.agency.strip())))
    if decision.due is not None:
        duties.append(sentence(t(DUE, date=decision.due)))
    if duties:
        story.append(Paragraph(plain(" ".join(duties)), st["duty"]))
    return story


def decisions_section(decisions: Sequence[ProtocolDecision], t: Translator,
                      st: dict[str, ParagraphStyle]) -> list[Flowable]:
    if not decisions:
        return []
    story = labelled(t(DECIDED), st["label"])
    for decision in decisions:
        story += decision_flowables(decision, t, st)
    return story


class SignatureAnchor(Flowable):
    """The empty space a signature appearance will fill. Where it lands is known only when
    it is drawn, so it writes its page (0-based) and box in PDF points into ``boxes``."""

    def __init__(self, role: SignerRole, boxes: Boxes) -> None:
        super().__init__()
        self.role = role
        self.boxes = boxes
        self.width = SIGNATURE_WIDTH
        self.height = SIGNATURE_HEIGHT

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        box = (round(x, 2), round(y, 2), round(x + self.width, 2), round(y + self.height, 2))
        self.boxes[self.role] = SignatureBox(self.role, self.canv.getPageNumber() - 1, box)


def signature_block(signers: Sequence[tuple[SignerRole, ProtocolPerson | None]],
                    t: Translator, st: dict[str, ParagraphStyle], doc: SimpleDocTemplate,
                    boxes: Boxes, *, lead: Sequence[Flowable] = (),
                    caption: str = "") -> Flowable:
    """One row per signer: role, the empty box, the name as "И. И. Иванов"; kept on one page
    with ``lead`` (the document's last lines) and ``caption`` above the rows ("Выписка
    верна")."""
    rows = [[ty.paragraph(t(SIGNER_ROLE_LABELS[role]), st["body"]),
             SignatureAnchor(role, boxes),
             ty.paragraph(signature_name(person.name) if person else "", st["right"])]
            for role, person in signers]
    name_width = text_width(doc) - SIGNATURE_WIDTH - _LABEL_WIDTH
    table = Table(rows, colWidths=[_LABEL_WIDTH, SIGNATURE_WIDTH, name_width],
                  rowHeights=[SIGNATURE_HEIGHT + 4 * mm] * len(rows))
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), ty.FAMILY, ty.BODY_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (1, 0), (1, -1), 0),
    ]))
    above = [Spacer(1, 8 * mm), ty.paragraph(caption, st["body"])] if caption else \
        [Spacer(1, 10 * mm)]
    return KeepTogether([*lead, *above, table])


def split_tail(story: list[Flowable]) -> tuple[list[Flowable], list[Flowable]]:
    """``story`` less its last short paragraphs, and those paragraphs: the lead of the
    signature block, so a page never holds signatures alone (a page could be swapped)."""
    cut, chars = len(story), 0
    while cut > 0 and len(story) - cut < 2 and isinstance(story[cut - 1], Paragraph):
        chars += len(story[cut - 1].getPlainText())
        if chars > _TAIL_CHARS:
            break
        cut -= 1
    return story[:cut], story[cut:]


def render(story_of: Callable[[SimpleDocTemplate, Boxes], list[Flowable]], *,
           t: Translator, title: str, author: str, subject: str) -> RenderedPdf:
    """Build the story into bytes in the translator's language, with the boxes in role
    order and the page count."""
    buffer = BytesIO()
    doc = ty.pdf_document(buffer, title=title, author=author, subject=subject,
                          lang=t.language)
    boxes: Boxes = {}
    pages = ty.build(doc, story_of(doc, boxes), translate=t)
    return RenderedPdf(data=buffer.getvalue(),
                       boxes=tuple(boxes[role] for role in SignerRole if role in boxes),
                       pages=pages)
