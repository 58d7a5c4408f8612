"""The extract (выписка) from a protocol: one agenda item's decisions for one addressee
agency, certified by the secretary ("Выписка верна"), as its own signable PDF."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer

from ..domain.messages import N_
from ..domain.minutes import ExtractData, RenderedPdf, SignerRole
from ..i18n import translator
from . import protocol_parts as pp
from . import typography as ty

EXTRACT_NO = N_("EXTRACT FROM PROTOCOL No. {number}")
OF_THE_MEETING_ON = N_("of the meeting of the {workgroup} of {date}")
TITLE = N_("Extract from protocol No. {number} of the meeting of the {workgroup}")
SUBJECT = N_("Extract from the minutes of a meeting")
TO = N_("To: {agency}")
CORRECT = N_("Extract is correct")


def render_extract(data: ExtractData) -> RenderedPdf:
    """Heading with the protocol's number, workgroup and date; the addressee; the item's
    title and its decisions (numbers as given); one signature box, the secretary's."""
    protocol = data.protocol
    t = translator(protocol.lang)

    def story_of(doc: SimpleDocTemplate, boxes: pp.Boxes) -> list[Flowable]:
        st = pp.styles()
        addressee = [ty.paragraph(t(TO, agency=data.addressee.strip()), st["addressee"])] \
            if data.addressee.strip() else []
        story = pp.heading(t(EXTRACT_NO, number=protocol.number), protocol, st,
                           second_line=t(OF_THE_MEETING_ON, workgroup=pp.workgroup_of(protocol),
                                         date=protocol.held_on), addressee=addressee)
        number = data.item.number
        body, tail = pp.split_tail([
            *story, Spacer(1, 6 * mm), ty.paragraph(f"{number}. {data.item.title}", st["item"]),
            *pp.decisions_section(data.item.decisions, t, st)])
        return [*body, pp.signature_block([(SignerRole.SECRETARY, protocol.secretary)], t, st,
                                          doc, boxes, lead=tail, caption=t(CORRECT))]

    return pp.render(story_of, t=t,
                     title=t(TITLE, number=protocol.number, workgroup=pp.workgroup_of(protocol)),
                     author=protocol.office, subject=t(SUBJECT))
