"""Search keys: SQLite's LOWER() folds only ASCII, so names are stored casefolded as well."""

from __future__ import annotations


def search_key(text: str) -> str:
    # Russian writers use "е" for "ё" freely; search must not care.
    return " ".join(text.casefold().replace("ё", "е").split())


def like_pattern(text: str) -> str:
    escaped = search_key(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
