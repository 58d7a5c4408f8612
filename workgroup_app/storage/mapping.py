"""Copy between domain dataclasses and rows. Field names are column names (DESIGN §3)."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any, TypeVar

from .models import Replicated

E = TypeVar("E")


def scalar_fields(entity_type: type, lists: tuple[str, ...] = ()) -> list[str]:
    return [f.name for f in dataclasses.fields(entity_type) if f.name not in lists]


def values_of(entity: Any, lists: tuple[str, ...] = ()) -> dict[str, Any]:
    values = {}
    for name in scalar_fields(type(entity), lists):
        value = getattr(entity, name)
        values[name] = value.value if isinstance(value, Enum) else value
    return values


def apply(row: Replicated, values: dict[str, Any]) -> None:
    """Set only what differs, so change capture sees exactly the fields that changed."""
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
    if row.deleted:
        row.deleted = False


def to_entity(row: Replicated, entity_type: type[E], enums: dict[str, type[Enum]],
              lists: tuple[str, ...] = (), **children: Any) -> E:
    kwargs: dict[str, Any] = {}
    for name in scalar_fields(entity_type, lists):
        value = getattr(row, name)
        kwargs[name] = enums[name](value) if name in enums and value is not None else value
    kwargs.update(children)
    return entity_type(**kwargs)
