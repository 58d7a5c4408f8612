"""One translation system for the whole application: GUI, CLI, documents and domain messages.

Source strings are English and marked ``_("…")`` (or ``N_`` where translation must wait).
Catalogues are gettext ``.po`` files in ``resources/locale/<lang>/``, one per area, read with
Babel at start; a missing translation falls back to the English source.
"""

from __future__ import annotations

import locale
import os
from datetime import date, datetime
from typing import Any

from .domain.errors import DomainError
from .domain.messages import N_
from .paths import resource

LANGUAGES = ("ru", "be", "en")
DEFAULT_LANGUAGE = "ru"
# Languages that write a day as 05.03.2026 and a decimal comma; English gets ISO dates.
DAY_FIRST_LANGUAGES = ("ru", "be")

_catalogue: dict[str, str] = {}
_language = "en"


def load_catalogue(language: str) -> dict[str, str]:
    from babel.messages.pofile import read_po  # imported lazily: start-up time matters

    merged: dict[str, str] = {}
    folder = resource("locale", language)
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale=language)
        for message in catalogue:
            if message.id and isinstance(message.id, str) and message.string and \
                    not message.fuzzy:
                merged[message.id] = str(message.string)
    return merged


def detect_language(explicit: str | None = None) -> str:
    """--lang, then WORKGROUP_LANG, then the system locale; Russian for ru/uk systems."""
    choice = explicit or os.environ.get("WORKGROUP_LANG")
    if not choice:
        system = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or \
            os.environ.get("LANG") or (locale.getlocale()[0] or "")
        prefix = system[:2].lower()
        choice = prefix if prefix in LANGUAGES else "ru" if prefix == "uk" else "en"
    choice = choice[:2].lower()
    return choice if choice in LANGUAGES else "en"


def set_language(language: str) -> None:
    global _catalogue, _language
    _language = language if language in LANGUAGES else "en"
    _catalogue = {} if _language == "en" else load_catalogue(_language)


def language() -> str:
    return _language


def _(msgid: str) -> str:
    return _catalogue.get(msgid, msgid)


def writes_day_first(lang: str | None = None) -> bool:
    """Whether the language (the current one by default) writes 05.03.2026 and 1,5."""
    return (lang or _language) in DAY_FIRST_LANGUAGES


def format_day(day: date, lang: str | None = None) -> str:
    """A date as people of the language write it: 05.03.2026 in Russian, ISO in English."""
    return day.strftime("%d.%m.%Y") if writes_day_first(lang) else day.isoformat()


def qt_day_pattern() -> str:
    """The same form for Qt's date fields."""
    return "dd.MM.yyyy" if writes_day_first() else "yyyy-MM-dd"


def decimal_text(value: float, digits: int = 1) -> str:
    """A number with the language's decimal mark: 1,5 in Russian, 1.5 in English."""
    shown = f"{value:.{digits}f}"
    return shown.replace(".", ",") if writes_day_first() else shown


# Fields that hold a quantity: shown with the language's digit groups (1 000 000, 1,000,000).
# Other numbers — a meeting's No., a year, a bundle's seq — keep their plain digits.
COUNT_FIELDS = frozenset({"count", "total", "shown", "limit"})


def count_text(value: int, lang: str | None = None) -> str:
    """A quantity as the language groups its digits: 1 000 000 in Russian, 1,000,000 in
    English."""
    from babel.numbers import format_decimal  # imported lazily: start-up time matters

    return format_decimal(value, locale=lang or _language)


def _shown(value: Any, key: str = "") -> Any:
    if isinstance(value, datetime):  # a moment: in this computer's time zone, to the minute
        local = value.astimezone()
        return f"{format_day(local.date())} {local:%H:%M}"
    if key in COUNT_FIELDS and isinstance(value, int) and not isinstance(value, bool) and \
            abs(value) >= 1000:
        return count_text(value)
    return format_day(value) if isinstance(value, date) else value


def tr(msgid: str, **params: Any) -> str:
    """Translate and fill ``{name}`` fields (dates and quantities in the language's form)."""
    text = _(msgid)
    return text.format(**{k: _shown(v, k) for k, v in params.items()}) if params else text


class Translator:
    """Messages of one fixed language, whatever the interface speaks: a protocol is written
    in Russian or English as the secretary chooses, and may be built in a worker thread while
    the GUI goes on in its own language."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "en"
        self._catalogue = {} if self.language == "en" else _catalogue_of(self.language)

    def __call__(self, msgid: str, **params: Any) -> str:
        text = self._catalogue.get(msgid, msgid)
        return text.format(**{k: self.day(v) if isinstance(v, date) and
                              not isinstance(v, datetime) else v
                              for k, v in params.items()}) if params else text

    def day(self, value: date) -> str:
        return format_day(value, self.language)


_catalogues: dict[str, dict[str, str]] = {}


def _catalogue_of(language: str) -> dict[str, str]:
    if language not in _catalogues:
        _catalogues[language] = load_catalogue(language)
    return _catalogues[language]


def translator(language: str) -> Translator:
    return Translator(language)


def error_text(error: DomainError) -> str:
    """The message of a domain error in the current language; parameters that are themselves
    message ids (field labels) are translated too."""
    params = {k: (_(v) if isinstance(v, str) else _shown(v, k))
              for k, v in error.params.items()}
    return _(error.msgid).format(**params)


def human_size(size: int) -> str:
    """A file or free space in B, KB, MB or GB, with the language's decimal mark."""
    if size < 1024:
        return tr("{size} B", size=size)
    value = size / 1024
    units = (N_("{size} KB"), N_("{size} MB"), N_("{size} GB"))
    for unit in units:
        if value < 1024 or unit == units[-1]:
            return tr(unit, size=decimal_text(value))
        value /= 1024
    raise AssertionError("not reached")
