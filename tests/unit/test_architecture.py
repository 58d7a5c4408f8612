"""The layer rules of DESIGN §2 and the translation catalogue are part of the suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tools.i18n_check import problems, source_messages
from workgroup_app.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


TRANSLATED = [code for code in LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_user_visible_string_has_a_translation_with_the_same_fields(language: str) -> None:
    missing, mismatched = problems(language)
    assert len(source_messages()) > 50  # the extractor does find the strings
    assert missing == [], f"{len(missing)} strings without a {language} translation: " \
        f"{missing[:20]}"
    assert mismatched == [], f"translations whose {{fields}} differ: {mismatched[:20]}"


def test_no_module_outgrows_the_size_guide() -> None:
    too_long = {str(p.relative_to(ROOT)): n for p in (ROOT / "workgroup_app").rglob("*.py")
                if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert too_long == {}


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogues_do_not_translate_one_string_two_ways(language: str) -> None:
    from babel.messages.pofile import read_po

    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in sorted((ROOT / "resources" / "locale" / language).glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if not message.id or not message.string:
                    continue
                earlier = seen.setdefault(message.id, (str(message.string), path.name))
                if earlier[0] != message.string:
                    clashes.append((message.id, earlier, (message.string, path.name)))
    assert clashes == []


# SQL only one of the two databases understands (issue 8), and the modules that may hold it:
# sqlite_dialect gathers SQLite's; the others are SQLite's by purpose (SQLCipher, the indexes
# of a first import on SQLite, the store file's backup and restore); migrations are Alembic's.
ONE_DATABASE_SQL = ("PRAGMA", "sqlite_master", "INSERT OR ", "ON CONFLICT", "pg_advisory",
                    "WITH (FORCE)", "ILIKE", "RETURNING", "VACUUM")
DIALECT_MODULES = {"storage/sqlite_dialect.py", "storage/postgres_dialect.py",
                   "storage/encryption.py", "storage/import_indexes.py",
                   "storage/maintenance.py"}


def test_sql_of_one_database_stays_in_its_own_modules() -> None:
    package = ROOT / "workgroup_app"
    found = {str(path.relative_to(package)): [t for t in ONE_DATABASE_SQL
                                              if t in path.read_text(encoding="utf-8")]
             for path in package.rglob("*.py") if "migrations" not in path.parts}
    outside = {name: tokens for name, tokens in found.items()
               if tokens and name not in DIALECT_MODULES}
    assert outside == {}
