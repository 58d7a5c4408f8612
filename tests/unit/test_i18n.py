"""Language choice and the forms of dates and numbers of each language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from workgroup_app import i18n


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.mark.parametrize(("environment", "expected"), [
    ("be_BY.UTF-8", "be"), ("ru_RU.UTF-8", "ru"), ("uk_UA.UTF-8", "ru"), ("en_GB.UTF-8", "en"),
    ("de_DE.UTF-8", "en"), ("C", "en"),
])
def test_the_system_locale_chooses_the_language(monkeypatch: pytest.MonkeyPatch,
                                                environment: str, expected: str) -> None:
    for name in ("WORKGROUP_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", environment)
    assert i18n.detect_language() == expected


def test_an_explicit_choice_wins_and_an_unknown_one_falls_back_to_english(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert i18n.detect_language("be") == "be"
    assert i18n.detect_language("fr") == "en"


@pytest.mark.parametrize(("language", "day", "size", "pattern"), [
    ("ru", "05.03.2026", "1,5 КБ", "dd.MM.yyyy"),
    ("be", "05.03.2026", "1,5 КБ", "dd.MM.yyyy"),
    ("en", "2026-03-05", "1.5 KB", "yyyy-MM-dd"),
])
def test_dates_and_numbers_take_the_form_of_the_language(language: str, day: str, size: str,
                                                         pattern: str) -> None:
    i18n.set_language(language)
    assert i18n.format_day(date(2026, 3, 5)) == day
    assert i18n.human_size(1536) == size
    assert i18n.qt_day_pattern() == pattern
    assert i18n.tr("Deadline") != "Deadline" or language == "en"


def test_belarusian_is_its_own_language_not_russian() -> None:
    i18n.set_language("be")
    belarusian = i18n.tr("Deadline")
    i18n.set_language("ru")
    assert belarusian != i18n.tr("Deadline")
    assert i18n.translator("be")("Deadline") == belarusian


@pytest.mark.parametrize(("language", "grouped"), [
    ("ru", "1\u00a0000\u00a0000"), ("be", "1\u00a0000\u00a0000"), ("en", "1,000,000")])
def test_quantities_take_the_digit_groups_of_the_language_and_numbers_do_not(
        language: str, grouped: str) -> None:
    """A head of office with a million actions reads 1 000 000, not 1000000; a year or a
    meeting's number is never grouped."""
    i18n.set_language(language)
    assert i18n.tr("Total: {count}", count=1_000_000).endswith(grouped)
    assert i18n.tr("Total: {count}", count=999).endswith("999")
    taken = i18n.tr("Meeting No. {number} of {year} already exists in this workgroup.",
                    number=7, year=2026)
    assert "2026" in taken and "2\u00a0026" not in taken and "2,026" not in taken
