"""Application configuration: where the data lives, which store, which language."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Workgroup"


def default_data_dir() -> Path:
    override = os.environ.get("WORKGROUP_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True, slots=True)
class AppConfig:
    data_dir: Path
    database: str  # a URL or a file path
    language: str = "en"
    demo: bool = False

    @classmethod
    def build(cls, database: str | None = None, *, demo: bool = False,
              language: str = "en", data_dir: Path | None = None) -> AppConfig:
        folder = data_dir or default_data_dir()
        if database is None:
            database = str(folder / ("demo.sqlite" if demo else "workgroup.sqlite"))
        return cls(data_dir=folder, database=database, language=language, demo=demo)
