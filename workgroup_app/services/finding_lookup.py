"""A finding named on the command line: its id, an id prefix of at least four characters, or
its act as ``TYPE/NUMBER/YEAR`` (``protest/02-15/12/2026``; the number may hold "/")."""

from __future__ import annotations

from ..domain.errors import NotFoundError, ValidationError
from ..domain.findings import ActType
from ..domain.messages import N_
from .ports import UnitOfWork

PREFIX_MIN = 4

TOO_SHORT = N_("Give at least {count} characters of the finding's id, or TYPE/NUMBER/YEAR, "
               "not '{text}'.")
NOT_FOUND = N_("No finding matches '{text}'.")
AMBIGUOUS = N_("'{text}' matches several findings; give more of the id.")


def split_act_reference(text: str) -> tuple[ActType, str, int] | None:
    """(type, number, year) of ``TYPE/NUMBER/YEAR``, or None if ``text`` is not one: the type
    is up to the first "/", the year after the last, the number is all between."""
    head, slash, rest = text.partition("/")
    number, slash_again, year = rest.rpartition("/")
    if not (slash and slash_again and number.strip() and year.strip().isdigit()):
        return None
    try:
        act_type = ActType(head.strip().lower())
    except ValueError:
        return None
    return act_type, number.strip(), int(year)


def resolve_finding(uow: UnitOfWork, text: str) -> str:
    """The id of the one live finding that ``text`` names."""
    reference = text.strip()
    act = split_act_reference(reference)
    if act is not None:
        act_type, number, year = act
        with uow:
            found = uow.finding_queries.ids_by_number(act_type, year, number)
    else:
        reference = "".join(reference.split()).lower()
        if len(reference) < PREFIX_MIN:
            raise ValidationError(TOO_SHORT, field="finding", count=PREFIX_MIN,
                                  text=text.strip())
        with uow:
            found = uow.finding_queries.find_ids(reference)
    if not found:
        raise NotFoundError(NOT_FOUND, field="finding", text=reference)
    if len(found) > 1:
        raise ValidationError(AMBIGUOUS, field="finding", text=reference)
    return found[0]
