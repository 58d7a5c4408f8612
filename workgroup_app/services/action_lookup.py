"""An action named by its id or the first characters of it (at least four): one action id.

Actions have no name to type, so the id is the only reference; tables show its first eight
characters, which are almost always enough.
"""

from __future__ import annotations

from ..domain.errors import NotFoundError, ValidationError
from ..domain.messages import N_
from .ports import UnitOfWork

PREFIX_MIN = 4

TOO_SHORT = N_("Give at least {count} characters of the action's id, not '{text}'.")
NOT_FOUND = N_("No action matches '{text}'.")
AMBIGUOUS = N_("'{text}' matches several actions; give more of the id.")


def resolve_action(uow: UnitOfWork, text: str) -> str:
    """The id of the one live action that ``text`` (an id or an id prefix) names."""
    reference = "".join(text.split()).lower()
    if len(reference) < PREFIX_MIN:
        raise ValidationError(TOO_SHORT, field="action", count=PREFIX_MIN, text=text.strip())
    with uow:
        found = uow.action_queries.find_ids(reference)
    if not found:
        raise NotFoundError(NOT_FOUND, field="action", text=reference)
    if len(found) > 1:
        raise ValidationError(AMBIGUOUS, field="action", text=reference)
    return found[0]
