"""`workgroup agencies …` and `workgroup people …`: the directory."""

from __future__ import annotations

import click

from ..domain.entities import Agency, Person
from ..domain.enums import AGENCY_KIND_LABELS, AgencyKind
from ..domain.revisions import revision
from ..domain.views import ListQuery
from ..i18n import _, tr
from ..services import directory
from . import resolve
from .output import echo, fields, print_json, report, report_deleted, short_id, show_list
from .state import CliState, nothing_to_change, pass_state

KINDS = [kind.value for kind in AgencyKind]
LIMIT = click.IntRange(1, 5000)


def kind_label(kind: AgencyKind) -> str:
    return _(AGENCY_KIND_LABELS[kind])


# -- agencies ---------------------------------------------------------------------------------

@click.group("agencies", help=_("Agencies: prosecution, police, customs and the others."))
def agencies() -> None:
    """A group: the subcommands below do the work."""


@agencies.command("list", help=_("List agencies, by name."))
@click.option("--search", default="", help=_("Part of the name or short name."))
@click.option("--kind", type=click.Choice(KINDS), help=_("Only agencies of this kind."))
@click.option("--limit", type=LIMIT, default=100, show_default=True)
@pass_state
def list_agencies(state: CliState, search: str, kind: str | None, limit: int) -> None:
    query = ListQuery(text=search, limit=limit, filters={"kind": kind} if kind else {})
    page = directory.list_agencies(state.uow(), query)
    show_list(state.json, page.rows,
              ["ID", _("Name"), _("Short name"), _("Kind"), _("Region"), _("People")],
              [[short_id(r.id), r.name, r.short_name, kind_label(r.kind), r.region, r.people]
               for r in page.rows], page.total)


def show_agency(state: CliState, agency: Agency) -> None:
    if state.json:
        print_json(agency)
        return
    echo(fields([("ID", agency.id), (_("Name"), agency.name),
                 (_("Short name"), agency.short_name), (_("Kind"), kind_label(agency.kind)),
                 (_("Region"), agency.region)]))


@agencies.command("show", help=_("Show one agency."))
@click.argument("agency")
@pass_state
def show_agency_command(state: CliState, agency: str) -> None:
    show_agency(state, directory.get_agency(state.uow(), resolve.agency(state, agency)))


@agencies.command("add", help=_("Add an agency."))
@click.option("--name", required=True, help=_("Full name."))
@click.option("--short-name", default="", help=_("Short name, e.g. УВД."))
@click.option("--kind", type=click.Choice(KINDS), default=AgencyKind.OTHER.value,
              show_default=True)
@click.option("--region", default="")
@pass_state
def add_agency(state: CliState, name: str, short_name: str, kind: str, region: str) -> None:
    agency = directory.save_agency(state.uow(), state.context().actor,
                                   Agency(name, short_name, AgencyKind(kind), region))
    report(state.json, agency, tr("Agency added: {name} ({id})", name=agency.name, id=agency.id))


@agencies.command("edit", help=_("Change an agency; only the options given change."))
@click.argument("agency")
@click.option("--name")
@click.option("--short-name")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--region")
@pass_state
def edit_agency(state: CliState, agency: str, name: str | None, short_name: str | None,
                kind: str | None, region: str | None) -> None:
    nothing_to_change({"name": name, "short_name": short_name, "kind": kind, "region": region})
    record = directory.get_agency(state.uow(), resolve.agency(state, agency))
    opened = revision(record)
    if name is not None:
        record.name = name
    if short_name is not None:
        record.short_name = short_name
    if kind is not None:
        record.kind = AgencyKind(kind)
    if region is not None:
        record.region = region
    directory.save_agency(state.uow(), state.context().actor, record, opened)
    report(state.json, record, tr("Agency saved: {name}", name=record.name))


@agencies.command("delete", help=_("Delete an agency that nobody belongs to."))
@click.argument("agency")
@pass_state
def delete_agency(state: CliState, agency: str) -> None:
    record = directory.get_agency(state.uow(), resolve.agency(state, agency))
    directory.delete_agency(state.uow(), state.context().actor, record.id)
    report_deleted(state.json, record.id, tr("Agency deleted: {name}", name=record.name))


# -- people -----------------------------------------------------------------------------------

@click.group("people", help=_("People: members, speakers, responsible officials."))
def people() -> None:
    """A group: the subcommands below do the work."""


@people.command("list", help=_("List people, by name."))
@click.option("--search", default="", help=_("Part of the full name."))
@click.option("--agency", metavar="AGENCY", help=_("Only people of this agency."))
@click.option("--limit", type=LIMIT, default=100, show_default=True)
@pass_state
def list_people(state: CliState, search: str, agency: str | None, limit: int) -> None:
    filters = {"agency_id": resolve.agency(state, agency)} if agency else {}
    page = directory.list_people(state.uow(), ListQuery(text=search, limit=limit,
                                                        filters=filters))
    show_list(state.json, page.rows,
              ["ID", _("Full name"), _("Position"), _("Agency"), _("Phone"), _("E-mail")],
              [[short_id(r.id), r.full_name, r.position, r.agency_name, r.phone, r.email]
               for r in page.rows], page.total)


def show_person(state: CliState, person: Person) -> None:
    agency = directory.get_agency(state.uow(), person.agency_id) if person.agency_id else None
    if state.json:
        print_json({**_plain_person(person), "agency_name": agency.name if agency else ""})
        return
    echo(fields([("ID", person.id), (_("Full name"), person.full_name),
                 (_("Position"), person.position), (_("Agency"), agency.name if agency else ""),
                 (_("Phone"), person.phone), (_("E-mail"), person.email)]))


def _plain_person(person: Person) -> dict[str, object]:
    return {"id": person.id, "full_name": person.full_name, "position": person.position,
            "agency_id": person.agency_id, "phone": person.phone, "email": person.email}


@people.command("show", help=_("Show one person."))
@click.argument("person")
@pass_state
def show_person_command(state: CliState, person: str) -> None:
    show_person(state, directory.get_person(state.uow(), resolve.person(state, person)))


@people.command("add", help=_("Add a person."))
@click.option("--name", required=True, help=_("Full name: surname, name, patronymic."))
@click.option("--position", default="")
@click.option("--agency", metavar="AGENCY", help=_("The agency the person works for."))
@click.option("--phone", default="")
@click.option("--email", default="")
@pass_state
def add_person(state: CliState, name: str, position: str, agency: str | None, phone: str,
               email: str) -> None:
    person = Person(name, position, resolve.optional_agency(state, agency), phone, email)
    directory.save_person(state.uow(), state.context().actor, person)
    if state.json:
        show_person(state, person)
    else:
        echo(tr("Person added: {name} ({id})", name=person.full_name, id=person.id))


@people.command("edit", help=_("Change a person; only the options given change."))
@click.argument("person")
@click.option("--name")
@click.option("--position")
@click.option("--agency", metavar="AGENCY", help=_("The new agency; an empty value removes it."))
@click.option("--phone")
@click.option("--email")
@pass_state
def edit_person(state: CliState, person: str, name: str | None, position: str | None,
                agency: str | None, phone: str | None, email: str | None) -> None:
    nothing_to_change({"name": name, "position": position, "agency": agency, "phone": phone,
                       "email": email})
    record = directory.get_person(state.uow(), resolve.person(state, person))
    opened = revision(record)
    if name is not None:
        record.full_name = name
    if position is not None:
        record.position = position
    if agency is not None:
        record.agency_id = resolve.optional_agency(state, agency)
    if phone is not None:
        record.phone = phone
    if email is not None:
        record.email = email
    directory.save_person(state.uow(), state.context().actor, record, opened)
    if state.json:
        show_person(state, record)
    else:
        echo(tr("Person saved: {name}", name=record.full_name))


@people.command("delete", help=_("Delete a person named nowhere."))
@click.argument("person")
@pass_state
def delete_person(state: CliState, person: str) -> None:
    record = directory.get_person(state.uow(), resolve.person(state, person))
    directory.delete_person(state.uow(), state.context().actor, record.id)
    report_deleted(state.json, record.id, tr("Person deleted: {name}", name=record.full_name))

