"""Closed vocabularies. Values are stored in the database and travel in sync bundles: never
rename a value, only add new ones."""

from __future__ import annotations

from enum import StrEnum

from .messages import N_


class AgencyKind(StrEnum):
    PROSECUTION = "prosecution"
    INVESTIGATIVE_COMMITTEE = "investigative_committee"
    INTERNAL_AFFAIRS = "internal_affairs"
    STATE_SECURITY = "state_security"
    CUSTOMS = "customs"
    BORDER_SERVICE = "border_service"
    HEALTH = "health"
    EDUCATION = "education"
    LOCAL_ADMINISTRATION = "local_administration"
    OTHER = "other"


AGENCY_KIND_LABELS: dict[AgencyKind, str] = {
    AgencyKind.PROSECUTION: N_("Prosecution"),
    AgencyKind.INVESTIGATIVE_COMMITTEE: N_("Investigative committee"),
    AgencyKind.INTERNAL_AFFAIRS: N_("Internal affairs"),
    AgencyKind.STATE_SECURITY: N_("State security"),
    AgencyKind.CUSTOMS: N_("Customs"),
    AgencyKind.BORDER_SERVICE: N_("Border service"),
    AgencyKind.HEALTH: N_("Health"),
    AgencyKind.EDUCATION: N_("Education"),
    AgencyKind.LOCAL_ADMINISTRATION: N_("Local administration"),
    AgencyKind.OTHER: N_("Other"),
}


class MemberRole(StrEnum):
    CHAIR = "chair"
    DEPUTY_CHAIR = "deputy_chair"
    SECRETARY = "secretary"
    MEMBER = "member"


MEMBER_ROLE_LABELS: dict[MemberRole, str] = {
    MemberRole.CHAIR: N_("Chair"),
    MemberRole.DEPUTY_CHAIR: N_("Deputy chair"),
    MemberRole.SECRETARY: N_("Secretary"),
    MemberRole.MEMBER: N_("Member"),
}


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


MEETING_STATUS_LABELS: dict[MeetingStatus, str] = {
    MeetingStatus.PLANNED: N_("Planned"),
    MeetingStatus.HELD: N_("Held"),
    MeetingStatus.CANCELLED: N_("Cancelled"),
}


class AttendeeKind(StrEnum):
    MEMBER = "member"
    INVITED = "invited"


ATTENDEE_KIND_LABELS: dict[AttendeeKind, str] = {
    AttendeeKind.MEMBER: N_("Member"),
    AttendeeKind.INVITED: N_("Invited"),
}


class SpeechSection(StrEnum):
    HEARD = "heard"
    SPOKE = "spoke"


SPEECH_SECTION_LABELS: dict[SpeechSection, str] = {
    SpeechSection.HEARD: N_("Heard"),
    SpeechSection.SPOKE: N_("Spoke"),
}
