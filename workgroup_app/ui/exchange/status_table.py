"""Per peer office: the last bundle sent and received, what waits for its acknowledgement,
bundles never imported, bundles held, and how old its newest data here is."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...domain.messages import N_
from ...domain.sync import PeerStatus
from ...i18n import _, tr
from ...services import exchange_status
from ..context import UiContext
from .common import age, fill_table, moment, text_table

HEADERS = (N_("Name"), N_("Last sent"), N_("Last received"), N_("Waiting for acknowledgement"),
           N_("Missing"), N_("On hold"), N_("Newest data from it"))
SHOWN = 5  # bundle numbers listed before "…"


def numbers(seqs: tuple[int, ...]) -> str:
    shown = ", ".join(str(s) for s in seqs[:SHOWN])
    return shown + (", …" if len(seqs) > SHOWN else "")


def bundle_and_time(seq: int, at: datetime | None) -> str:
    if not seq:
        return _("none yet")
    return tr("#{number}, {when}", number=seq, when=moment(at))


def status_row(peer: PeerStatus, now: datetime | None = None) -> list[str]:
    name = peer.name if peer.trusted else tr("{office} (revoked)", office=peer.name)
    if len(peer.missing) == 1:
        missing = tr("bundle {number} never imported", number=peer.missing[0])
    elif peer.missing:
        missing = tr("bundles {numbers} never imported", numbers=numbers(peer.missing))
    else:
        missing = "—"
    held = tr("{numbers}: waiting for the missing ones", numbers=numbers(peer.quarantined)) \
        if peer.quarantined else "—"
    waiting = tr("{count} record(s)", count=peer.waiting_ack) if peer.waiting_ack else \
        _("nothing")
    return [name, bundle_and_time(peer.sent_seq, peer.sent_at),
            bundle_and_time(peer.received_seq, peer.received_at), waiting, missing, held,
            age(peer.newest_data, now)]


class StatusTable(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.peers: list[PeerStatus] = []
        self.table = text_table("statusTable", HEADERS, self)
        self.table.setAccessibleName(_("Exchange status"))
        column = QVBoxLayout(self)
        column.addWidget(self.table)

    def load(self) -> None:
        now = datetime.now(UTC)
        self.peers = sorted(exchange_status.status(self.context.uow()),
                            key=lambda p: (not p.trusted, p.name.casefold()))
        fill_table(self.table, [status_row(p, now) for p in self.peers],
                   muted=[not p.trusted for p in self.peers],
                   data=[p.site_id for p in self.peers])
        for row, peer in enumerate(self.peers):
            if peer.missing:
                self.table.item(row, 4).setToolTip(_(
                    "Ask that office to export again: its next bundle brings everything this "
                    "office has not acknowledged."))
