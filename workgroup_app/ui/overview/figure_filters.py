"""Which actions stand behind each figure of the overview, as filters of the actions register.

For today the register's own filters are used (overdue, age, due_week …), so the Actions page
shows them by name. For another "as of" date the same sets are written as deadline ranges,
because the register counts "overdue" against today.
"""

from __future__ import annotations

from datetime import date, timedelta

from ...domain.action_views import AGE_BUCKETS, age_bucket_key

# The figures of a tile or a table column, in the order the tables show them.
ACTIVE, OVERDUE, DUE_WEEK, AWAITING = "active", "overdue", "due_week", "awaiting"
FIGURES = (ACTIVE, OVERDUE, DUE_WEEK, AWAITING)


def _week_end(day: date) -> date:
    return day + timedelta(days=6 - day.weekday())


def figure_filters(figure: str, as_of: date, today: date) -> dict[str, str]:
    """The register filters of one overall figure: "active", "overdue", "due_week", "awaiting"."""
    if figure == ACTIVE:
        return {"status": "active"}
    if figure == AWAITING:
        return {"status": "reported"}
    if figure == OVERDUE:
        if as_of == today:
            return {"overdue": "1"}
        return {"status": "active", "due_to": (as_of - timedelta(days=1)).isoformat()}
    if figure == DUE_WEEK:
        if as_of == today:
            return {"due_week": "1"}
        return {"status": "active", "due_from": as_of.isoformat(),
                "due_to": _week_end(as_of).isoformat()}
    raise ValueError(f"unknown figure {figure!r}")


def age_filters(bucket: int, as_of: date, today: date) -> dict[str, str]:
    """The register filters of the overdue actions in age bucket ``bucket`` of AGE_BUCKETS."""
    low, high = AGE_BUCKETS[bucket]
    if as_of == today:
        return {"age": age_bucket_key(low, high)}
    filters = {"status": "active", "due_to": (as_of - timedelta(days=low)).isoformat()}
    if high is not None:
        filters["due_from"] = (as_of - timedelta(days=high)).isoformat()
    return filters


def group_filters(kind: str, group_id: str | None, figure: str, as_of: date,
                  today: date) -> dict[str, str]:
    """A figure of one agency (``kind`` "agency") or workgroup ("workgroup"; id None: the actions
    without a workgroup)."""
    if kind == "agency":
        scope = {"agency_id": group_id or ""}
    elif kind == "workgroup":
        scope = {"workgroup_id": group_id or "none"}
    else:
        raise ValueError(f"unknown group kind {kind!r}")
    return {**scope, **figure_filters(figure, as_of, today)}
