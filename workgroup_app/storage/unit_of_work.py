"""One transaction per use case. Leaving the block without ``commit()`` rolls back."""

from __future__ import annotations

from types import TracebackType

from .action_queries import ActionQueries
from .action_repository import (
    ActionRepository,
    BlobRepository,
    CalendarOverrideRepository,
    SettingsRepository,
)
from .database import Store
from .finding_repository import FindingQueries, FindingRepository
from .minutes_repository import CertificateRepository, MinutesRepository
from .queries import Queries
from .repositories import (
    AgencyRepository,
    MeetingRepository,
    PersonRepository,
    WorkgroupRepository,
)


class SqlUnitOfWork:
    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> SqlUnitOfWork:
        self.session = self.store.session()
        self.agencies = AgencyRepository(self.session)
        self.people = PersonRepository(self.session)
        self.workgroups = WorkgroupRepository(self.session)
        self.meetings = MeetingRepository(self.session)
        self.queries = Queries(self.session)
        self.actions = ActionRepository(self.session)
        self.action_queries = ActionQueries(self.session)
        self.overrides = CalendarOverrideRepository(self.session)
        self.blobs = BlobRepository(self.session)
        self.settings = SettingsRepository(self.session)
        self.minutes = MinutesRepository(self.session)
        self.certificates = CertificateRepository(self.session)
        self.findings = FindingRepository(self.session)
        self.finding_queries = FindingQueries(self.session)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.session.rollback()
        self.session.close()

    @property
    def office_id(self) -> str:
        return self.store.office_id

    def commit(self) -> None:
        self.session.commit()
