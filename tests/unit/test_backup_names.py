"""Names of automatic backups: they sort by time, say why, belong to one store and office, and
anything else in the folder is not taken for one (so it is never pruned)."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from workgroup_app.domain.backups import (
    DEFAULT_KEEP,
    BackupReason,
    backup_name,
    keep_from_text,
    parse_name,
    series,
    taken_from_name,
)

OFFICE = "5f0c2a91-7a3e-4c1b-9d52-1f0e6b7a8c90"
OTHER = "0a1b2c3d-0000-4000-8000-000000000000"
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2999, 12, 31))


def test_a_name_says_store_office_time_and_reason() -> None:
    name = backup_name("workgroup", OFFICE, datetime(2026, 11, 28, 9, 30, 12),
                       BackupReason.BEFORE_IMPORT)
    assert name == "workgroup-5f0c2a91-2026-11-28T093012-before-import.sqlite"
    assert parse_name(name, series("workgroup", OFFICE)) == (
        datetime(2026, 11, 28, 9, 30, 12), BackupReason.BEFORE_IMPORT)


@given(moments, moments, st.sampled_from(list(BackupReason)), st.sampled_from(list(BackupReason)))
def test_names_sort_by_time_and_read_back(first: datetime, second: datetime,
                                          why: BackupReason, other: BackupReason) -> None:
    first, second = first.replace(microsecond=0), second.replace(microsecond=0)
    a, b = (backup_name("store", OFFICE, first, why), backup_name("store", OFFICE, second, other))
    if first != second:
        assert (a < b) == (first < second)
    assert parse_name(a, series("store", OFFICE)) == (first, why)
    assert taken_from_name(a) == first


def test_a_second_backup_in_the_same_second_reads_back_too() -> None:
    name = "store-5f0c2a91-2026-11-28T093012-daily-2.sqlite"
    assert parse_name(name, series("store", OFFICE)) == (datetime(2026, 11, 28, 9, 30, 12),
                                                         BackupReason.DAILY)


def test_other_files_are_not_taken_for_this_stores_backups() -> None:
    prefix = series("store", OFFICE)
    for name in ["store-0a1b2c3d-2026-11-28T093012-daily.sqlite",  # another office
                 "demo-5f0c2a91-2026-11-28T093012-daily.sqlite",  # another store
                 "store-5f0c2a91-2026-11-28T093012-weekly.sqlite",  # no such reason
                 "store-5f0c2a91-2026-13-28T093012-daily.sqlite",  # no such month
                 "store-5f0c2a91-2026-11-28T093012-daily.sqlite.partial",
                 "store-5f0c2a91-my copy.sqlite", "notes.txt"]:
        assert parse_name(name, prefix) is None, name
    assert series("store", OTHER) != prefix


def test_the_keep_setting_falls_back_to_the_default() -> None:
    assert keep_from_text("3") == 3 and keep_from_text("0") == 0
    assert [keep_from_text(t) for t in ("", "x", "-1", "100000")] == [DEFAULT_KEEP] * 4
