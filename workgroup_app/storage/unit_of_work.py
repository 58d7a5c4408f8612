"""One transaction per use case. Leaving the block without ``commit()`` rolls back."""

from __future__ import annotations

from types import TracebackType

from ..domain.actor import LOCAL_ADMIN, Actor
from . import write_lock
from .action_queries import ActionQueries
from .action_repository import (
    ActionRepository,
    BlobRepository,
    CalendarOverrideRepository,
    SettingsRepository,
)
from .audit_chains import AuditRepository
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
from .sync_store import SyncStore
from .user_repository import UserRepository


class SqlUnitOfWork:
    def __init__(self, store: Store, actor: Actor = LOCAL_ADMIN) -> None:
        self.store = store
        self.actor = actor  # who acts: services check permissions of services without one

    def __enter__(self) -> SqlUnitOfWork:
        self.session = self.store.session()
        # Who acts, for the audit trail (read when a flush writes its entries).
        self.session.info["actor"] = (self.actor.user, self.actor.role)
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
        self.sync = SyncStore(self.session)
        self.users = UserRepository(self.session)
        self.audit = AuditRepository(self.session)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.session.rollback()
        self.sync.end_import()
        self.session.close()

    @property
    def office_id(self) -> str:
        return self.store.office_id

    def lock_writes(self, patient: bool = False) -> None:
        """Become the one writer now, before reading what this use case will overwrite: from
        here to the commit no other workstation can change it (``write_lock``). What the
        session had read is read again."""
        self.session.flush()
        write_lock.lock(self.session, patient)
        self.session.expire_all()

    def import_mode(self) -> None:
        """Write what a bundle brings with its senders' clocks: no capture of our own."""
        context = self.session.info.get("capture")
        if context is not None:
            context.enabled = False
        self.lock_writes(patient=True)  # an import waits for the saves under way
        self.sync.begin_import()

    def refresh_imported(self) -> None:
        """Derived state (actions, protocols, findings) after the merge, then the FK check."""
        from .sync_refresh import refresh_touched

        self.session.flush()
        self.sync.restore_indexes()
        refresh_touched(self.session, self.sync)
        self.session.flush()
        self.sync.check_foreign_keys()

    def commit(self) -> None:
        self.session.commit()
