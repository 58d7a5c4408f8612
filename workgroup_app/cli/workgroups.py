"""`workgroup workgroups …`: workgroups, their officers and members.

The officers (chair, deputy chair, secretary) are members too: naming an officer adds the
person to the members with that role, and a member's role follows the officer fields.
"""

from __future__ import annotations

from typing import Any

import click

from ..domain.entities import Workgroup, WorkgroupMember
from ..domain.enums import MEMBER_ROLE_LABELS, MemberRole
from ..domain.messages import N_
from ..domain.revisions import revision
from ..domain.views import ListQuery
from ..i18n import _, tr
from ..services import directory, lookup, workgroups
from . import resolve
from .output import echo, fields, print_json, report, report_deleted, short_id, show_list, table
from .state import CliError, CliState, nothing_to_change, pass_state, read_date

OFFICERS = {MemberRole.CHAIR: "chair_id", MemberRole.DEPUTY_CHAIR: "deputy_chair_id",
            MemberRole.SECRETARY: "secretary_id"}
ROLES = [role.value for role in MemberRole]


def set_officer(group: Workgroup, role: MemberRole, person_id: str | None) -> None:
    """Make ``person_id`` the officer of ``role`` (None: nobody), keeping member roles equal."""
    attribute = OFFICERS[role]
    previous = getattr(group, attribute)
    setattr(group, attribute, person_id)
    for member in group.members:
        if member.person_id == previous and member.role == role and previous != person_id:
            member.role = MemberRole.MEMBER
    if person_id is not None:
        lines = [m for m in group.members if m.person_id == person_id]
        for member in lines:
            member.role = role
        if not lines:
            group.members.append(WorkgroupMember(person_id, role))


@click.group("workgroups", help=_("Workgroups, their officers and members."))
def workgroups_group() -> None:
    """A group: the subcommands below do the work."""


@workgroups_group.command("list", help=_("List workgroups, by name."))
@click.option("--search", default="", help=_("Part of the name."))
@click.option("--limit", type=click.IntRange(1, 5000), default=100, show_default=True)
@pass_state
def list_workgroups(state: CliState, search: str, limit: int) -> None:
    page = workgroups.list_workgroups(state.uow(), ListQuery(text=search, limit=limit))
    show_list(state.json, page.rows,
              ["ID", _("Name"), _("Region"), _("Established on"), _("Chair"), _("Members"),
               _("Meetings")],
              [[short_id(r.id), r.name, r.region, r.established_on, r.chair_name, r.members,
                r.meetings] for r in page.rows], page.total)


def workgroup_view(state: CliState, group: Workgroup) -> dict[str, Any]:
    """The workgroup with the names of its officers and members, ready to print."""
    ids = [group.chair_id, group.deputy_chair_id, group.secretary_id,
           *(m.person_id for m in group.members)]
    people = lookup.people(state.uow(), ids)
    agencies = lookup.agency_names(state.uow(), [p.agency_id for p in people.values()])

    def name(person_id: str | None) -> str:
        person = people.get(person_id or "")
        return person.full_name if person else ""

    members = []
    for member in group.members:
        person = people.get(member.person_id)
        members.append({"id": member.id, "person_id": member.person_id,
                        "name": name(member.person_id), "role": member.role.value,
                        "position": person.position if person else "",
                        "agency": agencies.get(person.agency_id or "", "") if person else "",
                        "since": member.since, "until": member.until})
    return {"id": group.id, "name": group.name, "region": group.region,
            "legal_basis": group.legal_basis, "established_on": group.established_on,
            "chair_id": group.chair_id, "chair": name(group.chair_id),
            "deputy_chair_id": group.deputy_chair_id, "deputy_chair": name(group.deputy_chair_id),
            "secretary_id": group.secretary_id, "secretary": name(group.secretary_id),
            "members": members}


def show_workgroup(state: CliState, group: Workgroup) -> None:
    view = workgroup_view(state, group)
    if state.json:
        print_json(view)
        return
    echo(fields([("ID", group.id), (_("Name"), group.name), (_("Region"), group.region),
                 (_("Legal basis"), group.legal_basis),
                 (_("Established on"), group.established_on), (_("Chair"), view["chair"]),
                 (_("Deputy chair"), view["deputy_chair"]),
                 (_("Secretary"), view["secretary"])]))
    echo("")
    if not view["members"]:
        echo(_("No members."))
        return
    echo(table(["#", _("Full name"), _("Role"), _("Position"), _("Agency"), _("Since"),
                _("Until")],
               [[n, m["name"], _(MEMBER_ROLE_LABELS[MemberRole(m["role"])]), m["position"],
                 m["agency"], m["since"], m["until"]]
                for n, m in enumerate(view["members"], start=1)], limit=40))


def load(state: CliState, reference: str) -> Workgroup:
    group = workgroups.get_workgroup(state.uow(), resolve.workgroup(state, reference))
    state.opened[group.id] = revision(group)
    return group


def save(state: CliState, group: Workgroup, message: str) -> None:
    workgroups.save_workgroup(state.uow(), state.context().actor, group,
                              state.opened.get(group.id))
    report(state.json, workgroup_view(state, group), message)


@workgroups_group.command("show", help=_("Show a workgroup with its members."))
@click.argument("workgroup")
@pass_state
def show_command(state: CliState, workgroup: str) -> None:
    show_workgroup(state, load(state, workgroup))


def officer_options(command: Any) -> Any:
    for flag, text in (("--secretary", N_("The secretary (a person).")),
                       ("--deputy", N_("The deputy chair (a person).")),
                       ("--chair", N_("The chair (a person)."))):
        command = click.option(flag, metavar="PERSON", help=_(text))(command)
    return command


def apply_officers(state: CliState, group: Workgroup, chair: str | None, deputy: str | None,
                   secretary: str | None) -> None:
    for role, reference in ((MemberRole.CHAIR, chair), (MemberRole.DEPUTY_CHAIR, deputy),
                            (MemberRole.SECRETARY, secretary)):
        if reference is not None:
            set_officer(group, role, resolve.optional_person(state, reference))


@workgroups_group.command("add", help=_("Add a workgroup."))
@click.option("--name", required=True)
@click.option("--region", default="")
@click.option("--legal-basis", default="", help=_("The order that set the workgroup up."))
@click.option("--established", metavar="DATE",
              help=_("Date of establishment (YYYY-MM-DD or DD.MM.YYYY)."))
@officer_options
@pass_state
def add_workgroup(state: CliState, name: str, region: str, legal_basis: str,
                  established: str | None, chair: str | None, deputy: str | None,
                  secretary: str | None) -> None:
    group = Workgroup(name, region, legal_basis, read_date(established, N_("Established on")))
    apply_officers(state, group, chair, deputy, secretary)
    save(state, group, tr("Workgroup added: {name} ({id})", name=group.name, id=group.id))


@workgroups_group.command("edit", help=_("Change a workgroup; an empty officer value leaves "
                                          "the post vacant."))
@click.argument("workgroup")
@click.option("--name")
@click.option("--region")
@click.option("--legal-basis")
@click.option("--established", metavar="DATE")
@officer_options
@pass_state
def edit_workgroup(state: CliState, workgroup: str, name: str | None, region: str | None,
                   legal_basis: str | None, established: str | None, chair: str | None,
                   deputy: str | None, secretary: str | None) -> None:
    nothing_to_change({"name": name, "region": region, "legal_basis": legal_basis,
                       "established": established, "chair": chair, "deputy": deputy,
                       "secretary": secretary})
    group = load(state, workgroup)
    if name is not None:
        group.name = name
    if region is not None:
        group.region = region
    if legal_basis is not None:
        group.legal_basis = legal_basis
    if established is not None:
        group.established_on = read_date(established, N_("Established on"))
    apply_officers(state, group, chair, deputy, secretary)
    save(state, group, tr("Workgroup saved: {name}", name=group.name))


@workgroups_group.command("add-member", help=_("Add a member, or change a member's role and "
                                               "period."))
@click.argument("workgroup")
@click.argument("person")
@click.option("--role", type=click.Choice(ROLES), default=MemberRole.MEMBER.value,
              show_default=True)
@click.option("--since", metavar="DATE", help=_("Member since (date)."))
@click.option("--until", metavar="DATE", help=_("Member until (date)."))
@pass_state
def add_member(state: CliState, workgroup: str, person: str, role: str, since: str | None,
               until: str | None) -> None:
    group = load(state, workgroup)
    person_id = resolve.person(state, person)
    lines = [m for m in group.members if m.person_id == person_id]
    member = lines[0] if lines else WorkgroupMember(person_id)
    if not lines:
        group.members.append(member)
    if since is not None:
        member.since = read_date(since, N_("Member since"))
    if until is not None:
        member.until = read_date(until, N_("Member until"))
    new_role = MemberRole(role)
    for officer_role, attribute in OFFICERS.items():
        if getattr(group, attribute) == person_id and officer_role != new_role:
            set_officer(group, officer_role, None)
    if new_role in OFFICERS:
        set_officer(group, new_role, person_id)
    member.role = new_role
    name = directory.get_person(state.uow(), person_id).full_name
    message = (tr("Membership changed: {name}", name=name) if lines
               else tr("Member added: {name}", name=name))
    save(state, group, message)


@workgroups_group.command("remove-member", help=_("Remove a person from the members."))
@click.argument("workgroup")
@click.argument("person")
@pass_state
def remove_member(state: CliState, workgroup: str, person: str) -> None:
    group = load(state, workgroup)
    person_id = resolve.person(state, person)
    name = directory.get_person(state.uow(), person_id).full_name
    if not any(m.person_id == person_id for m in group.members):
        raise CliError(tr("{name} is not a member of this workgroup.", name=name))
    for role, attribute in OFFICERS.items():
        if getattr(group, attribute) == person_id:
            set_officer(group, role, None)
    group.members = [m for m in group.members if m.person_id != person_id]
    save(state, group, tr("Member removed: {name}", name=name))


@workgroups_group.command("delete", help=_("Delete a workgroup without meetings."))
@click.argument("workgroup")
@pass_state
def delete_workgroup(state: CliState, workgroup: str) -> None:
    group = load(state, workgroup)
    workgroups.delete_workgroup(state.uow(), state.context().actor, group.id)
    report_deleted(state.json, group.id, tr("Workgroup deleted: {name}", name=group.name))
