"""What the step buttons of the minutes window do: approve, reopen and amend (with a reason),
sign as chair or secretary (asking the key's passphrase only where no keyring holds it), and
make an extract. Each runs through the services off the UI thread; a refusal shows in the
window and changes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...domain.access import Permission
from ...domain.errors import DomainError
from ...domain.messages import N_
from ...domain.minutes import SignerRole
from ...i18n import _, error_text, tr
from ...services import meetings, minutes
from ..access import may
from ..widgets import passphrase_dialog
from . import extract_dialog, reason_dialog

if TYPE_CHECKING:
    from .minutes_window import MinutesWindow

KEYRING_MISSING = N_("No system keyring holds this key's passphrase; type it.")
SIGN_TITLES = {SignerRole.CHAIR: N_("Sign as chair"),
               SignerRole.SECRETARY: N_("Sign as secretary")}


class MinutesSteps:
    def __init__(self, window: MinutesWindow) -> None:
        self.window = window
        self.context = window.context
        self.meeting_id = window.meeting_id

    def approve(self) -> None:
        lang, execution = self.window.ui.options()
        self.window.step(_("Approving…"), lambda: minutes.approve(
            self.context.uow(), self.context.actor, self.meeting_id, lang=lang,
            include_execution=execution))

    def reopen(self) -> None:
        reason = reason_dialog.ask_reason(
            self.window, _("Reopen the minutes"),
            _("The minutes go back to a draft and the meeting can be edited again; approve "
              "them anew afterwards. Say why they are reopened: the reason is recorded."),
            _("Reopen"))
        if reason is not None:
            self.window.step(_("Reopening…"), lambda: minutes.reopen(
                self.context.uow(), self.context.actor, self.meeting_id, reason))

    def amend(self) -> None:
        reason = reason_dialog.ask_reason(
            self.window, _("Amend the minutes"),
            _("A new version is started from the meeting, which can be edited again. The "
              "signed version stays as it is and will be superseded. Say why it is amended."),
            _("Amend"))
        if reason is not None:
            self.window.step(_("Starting a new version…"), lambda: minutes.amend(
                self.context.uow(), self.context.actor, self.meeting_id, reason))

    def _passphrase(self, role: SignerRole) -> tuple[bool, str | None]:
        """(go on, passphrase): asks only where no keyring holds the key's passphrase."""
        try:
            needed = minutes.signer_needs_passphrase(self.context.uow(),
                                                     self.context.app.keychain,
                                                     self.meeting_id, role)
        except DomainError as error:
            self.window.ui.error.show_text(error_text(error))
            return False, None
        if not needed:
            return True, None
        typed = passphrase_dialog.ask_passphrase(self.window, _(SIGN_TITLES[role]),
                                                 _(KEYRING_MISSING))
        return typed is not None, typed

    def sign(self, role: SignerRole) -> None:
        self.window.ui.error.show_text("")
        go_on, passphrase = self._passphrase(role)
        if go_on:
            app = self.context.app
            self.window.step(_("Signing…"), lambda: minutes.sign(
                self.context.uow(), app.actor, app.keychain, self.meeting_id, role,
                passphrase=passphrase))

    def extract(self) -> None:
        window = self.window
        window.ui.error.show_text("")
        meeting = meetings.get_meeting(self.context.uow(), self.meeting_id)
        choice = extract_dialog.ask_extract(
            window, extract_dialog.extract_targets(self.context, meeting),
            may(self.context, Permission.SIGN_AS_SECRETARY))
        if choice is None:
            return
        go_on, passphrase = self._passphrase(SignerRole.SECRETARY) if choice.sign \
            else (True, None)
        if not go_on:
            return
        keychain = self.context.app.keychain
        name = tr("extract-{number}-item-{item}.pdf", number=window.number, item=choice.item)
        window.run(_("Making the extract…"), lambda: minutes.extract(
            self.context.uow(), keychain, self.meeting_id, choice.item, choice.agency_id,
            sign_it=choice.sign, passphrase=passphrase),
            lambda data: window.save_bytes(data, name, _("Save the extract as PDF")))
