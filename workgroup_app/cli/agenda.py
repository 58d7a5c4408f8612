"""`workgroup meetings add-item|edit-item|move-item|remove-item|add-speech|add-decision|
remove-decision`: the agenda of a meeting, its speeches and numbered decisions.

Items are named by their number in the agenda (1, 2 …) and decisions by theirs (1.1, 1.2 …);
numbers follow the order, so moving an item renumbers its decisions.
"""

from __future__ import annotations

import click

from ..domain.entities import AgendaItem, Decision, Speech
from ..domain.enums import SpeechSection
from ..domain.messages import N_
from ..domain.rules import decision_number
from ..i18n import _, tr
from ..services import meetings
from . import protocol, resolve
from .state import CliError, CliState, pass_state, read_date

ITEM_NO = click.IntRange(min=1)


@click.command("add-item", help=_("Add an agenda item (\"On …\")."))
@click.argument("meeting")
@click.option("--title", required=True, help=_("The question, e.g. \"On the situation …\"."))
@click.option("--position", type=ITEM_NO, help=_("Its number in the agenda; by default last."))
@pass_state
def add_item(state: CliState, meeting: str, title: str, position: int | None) -> None:
    record = protocol.load(state, meeting)
    index = len(record.items) if position is None else min(position - 1, len(record.items))
    record.items.insert(index, AgendaItem(title))
    protocol.commit(state, record, tr("Agenda item {number} added.", number=index + 1))


@click.command("edit-item", help=_("Change the title or the dissenting opinion of an item."))
@click.argument("meeting")
@click.argument("item_no", type=ITEM_NO)
@click.option("--title")
@click.option("--dissent", help=_("The dissenting opinion; an empty value removes it."))
@pass_state
def edit_item(state: CliState, meeting: str, item_no: int, title: str | None,
              dissent: str | None) -> None:
    if title is None and dissent is None:
        raise click.UsageError(_("Nothing to change: give at least one option."))
    record = protocol.load(state, meeting)
    item = record.items[protocol.item_index(record, item_no)]
    if title is not None:
        item.title = title
    if dissent is not None:
        item.dissent = dissent
    protocol.commit(state, record, tr("Agenda item {number} saved.", number=item_no))


@click.command("move-item", help=_("Move an agenda item up or down; decisions are renumbered."))
@click.argument("meeting")
@click.argument("item_no", type=ITEM_NO)
@click.argument("direction", type=click.Choice(["up", "down"]))
@pass_state
def move_item(state: CliState, meeting: str, item_no: int, direction: str) -> None:
    record = protocol.load(state, meeting)
    index = protocol.item_index(record, item_no)
    delta = -1 if direction == "up" else 1
    if index + delta < 0:
        raise CliError(tr("Agenda item {number} is already the first.", number=item_no))
    if index + delta >= len(record.items):
        raise CliError(tr("Agenda item {number} is already the last.", number=item_no))
    meetings.move_item(record, index, delta)
    protocol.commit(state, record, tr("Agenda item {old} is now item {new}.", old=item_no,
                                      new=item_no + delta))


@click.command("remove-item", help=_("Remove an agenda item with its speeches and decisions."))
@click.argument("meeting")
@click.argument("item_no", type=ITEM_NO)
@pass_state
def remove_item(state: CliState, meeting: str, item_no: int) -> None:
    record = protocol.load(state, meeting)
    del record.items[protocol.item_index(record, item_no)]
    protocol.commit(state, record, tr("Agenda item {number} removed.", number=item_no))


@click.command("add-speech", help=_("Add a speech to an item: HEARD (the report) or SPOKE (the "
                                    "discussion)."))
@click.argument("meeting")
@click.argument("item_no", type=ITEM_NO)
@click.option("--heard", "section", flag_value=SpeechSection.HEARD.value,
              help=_("Under HEARD: the report."))
@click.option("--spoke", "section", flag_value=SpeechSection.SPOKE.value,
              help=_("Under SPOKE: the discussion."))
@click.option("--person", metavar="PERSON", help=_("The speaker, a person of the directory."))
@click.option("--speaker", help=_("The speaker's name, when not in the directory."))
@click.option("--speaker-position", default="", help=_("The speaker's position."))
@click.option("--text", required=True, help=_("What was said, in short."))
@pass_state
def add_speech(state: CliState, meeting: str, item_no: int, section: str | None,
               person: str | None, speaker: str | None, speaker_position: str,
               text: str) -> None:
    if section is None:
        raise click.UsageError(_("Give --heard or --spoke."))
    if (person is None) == (speaker is None):
        raise click.UsageError(_("Give either --person or --speaker."))
    record = protocol.load(state, meeting)
    item = record.items[protocol.item_index(record, item_no)]
    person_id = resolve.person(state, person) if person is not None else None
    item.speeches.append(Speech(SpeechSection(section), person_id, speaker or "",
                                speaker_position, text))
    protocol.commit(state, record, tr("Speech added to agenda item {number}.", number=item_no))


@click.command("add-decision", help=_("Add a decision to an item; it gets the next number."))
@click.argument("meeting")
@click.argument("item_no", type=ITEM_NO)
@click.option("--text", required=True, help=_("What is decided."))
@click.option("--agency", metavar="AGENCY", help=_("The responsible agency."))
@click.option("--due", metavar="DATE", help=_("The deadline (date)."))
@pass_state
def add_decision(state: CliState, meeting: str, item_no: int, text: str, agency: str | None,
                 due: str | None) -> None:
    due_date = read_date(due, N_("Decision deadline"))
    record = protocol.load(state, meeting)
    item = record.items[protocol.item_index(record, item_no)]
    item.decisions.append(Decision(text, resolve.optional_agency(state, agency), due_date))
    protocol.commit(state, record, tr("Decision {number} added.", number=decision_number(
        item_no, len(item.decisions))))


@click.command("remove-decision", help=_("Remove a decision, given by its number such as 1.2."))
@click.argument("meeting")
@click.argument("number")
@pass_state
def remove_decision(state: CliState, meeting: str, number: str) -> None:
    item_text, _dot, decision_text = number.partition(".")
    if not (item_text.isdigit() and decision_text.isdigit()):
        raise CliError(tr("'{value}' is not a decision number like 1.2.", value=number))
    record = protocol.load(state, meeting)
    item = record.items[protocol.item_index(record, int(item_text))]
    if not 1 <= int(decision_text) <= len(item.decisions):
        raise CliError(tr("There is no decision {number}.", number=number))
    del item.decisions[int(decision_text) - 1]
    protocol.commit(state, record, tr("Decision {number} removed.", number=number))


COMMANDS = [add_item, edit_item, move_item, remove_item, add_speech, add_decision,
            remove_decision]
