"""click's own messages — usage, help headings, "No such option" — speak the chosen language
(issue 9), and every one a user can meet has a Russian and a Belarusian translation."""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.cli.support import run_cli
from workgroup_app.cli.library_messages import library_catalogue_files

# click's messages for programmers (bad declarations, shells, editors, Windows consoles)
NOT_FOR_USERS = {
    "d", "{editor}: Editing failed", "{editor}: Editing failed: {e}", "Windows error: {error}",
    "Value must be an iterable.", "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Could not determine name for option with declarations {decls!r}",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Shell completion is not supported for Bash versions older than 4.4.",
    "Couldn't detect Bash version, shell completion is not supported.",
    "Unknown color {colour!r}", "Choice({choices})", "Unknown standard stream '{name}'",
    "Invalid start character for option ({option})",
}


# click's messages passed through _() at run time, which the extractor cannot see
AT_RUN_TIME = {"required"}


def click_messages() -> set[str]:
    found = set(AT_RUN_TIME)
    for _file, _line, message, _comments, _context in extract_from_dir(
            os.path.dirname(click.__file__), method_map=[("**.py", "python")],
            keywords={"_": None, "ngettext": (1, 2)}):
        first = message[0] if isinstance(message, tuple) else message
        if first and first not in NOT_FOR_USERS and not first.startswith("DeprecationWarning") \
                and not first.startswith("No options defined"):
            found.add(first)
    return found


@pytest.mark.parametrize("language", ["ru", "be"])
def test_every_click_message_a_user_meets_is_translated(language: str) -> None:
    translated: dict[str, object] = {}
    for path in library_catalogue_files(language):
        with path.open("rb") as handle:
            translated.update({m.id if isinstance(m.id, str) else m.id[0]: m.string
                               for m in read_po(handle, locale=language) if m.id})
    wanted = click_messages()
    assert len(wanted) > 40  # the extractor does find click's messages
    missing = sorted(m for m in wanted if not translated.get(m))
    assert missing == [], f"click messages without a {language} translation: {missing}"
    plural = [t for t in translated.values() if isinstance(t, tuple)]
    assert plural and all(len(forms) == 3 and all(forms) for forms in plural)


@pytest.mark.parametrize(("language", "usage", "error"), [
    ("ru", "Использование: workgroup", "Ошибка: Нет параметра '--bogus'"),
    ("be", "Выкарыстанне: workgroup", "Памылка: Няма параметра '--bogus'"),
    ("en", "Usage: workgroup", "Error: No such option '--bogus'"),
])
def test_a_mistyped_option_is_told_in_the_language(tmp_path: Path, language: str, usage: str,
                                                   error: str) -> None:
    result = run_cli(tmp_path / "s.sqlite", "--bogus", lang=language)
    assert result.code == 2
    assert usage in result.err and error in result.err
    assert not (tmp_path / "s.sqlite").exists()


def test_help_headings_and_a_bad_choice_in_belarusian(tmp_path: Path) -> None:
    shown = run_cli(tmp_path / "s.sqlite", "--help", lang="be")
    assert shown.code == 0
    assert "Параметры:" in shown.out and "Каманды:" in shown.out
    assert "Паказаць гэтую даведку і выйсці." in shown.out
    report = run_cli(tmp_path / "s.sqlite", "report", "discipline", "--help", lang="be")
    assert "[абавязковы]" in report.out and "required" not in report.out
    refused = run_cli(tmp_path / "s.sqlite", "actions", "list", "--status", "bogus", lang="be")
    assert refused.code == 2
    assert "— не адно з:" in refused.err


def test_an_unwritable_cache_leaves_click_in_english_and_the_command_works(
        tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    shown = run_cli(tmp_path / "s.sqlite", "--help", lang="ru",
                    env={"XDG_CACHE_HOME": str(blocked)})
    assert shown.code == 0 and shown.err == ""
    assert "Usage: workgroup" in shown.out  # click's own words: English
    assert "Выводить JSON для программ." in shown.out  # the program's own: Russian


def test_languages_one_after_another_in_one_process(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    """The tests run commands in one process: each speaks its own language, and gettext's
    domain and LANGUAGE are as they were afterwards."""
    import gettext

    from workgroup_app import i18n
    from workgroup_app.cli.main import main

    before = (gettext.textdomain(), os.environ.get("LANGUAGE"))
    interface = i18n.language()
    said = []
    try:
        for language in ("ru", "en", "be"):
            assert main(["--lang", language, "--db", str(tmp_path / "s.sqlite"),
                         "--bogus"]) == 2
            said.append(capsys.readouterr().err)
            assert (gettext.textdomain(), os.environ.get("LANGUAGE")) == before
    finally:
        i18n.set_language(interface)
    assert "Нет параметра" in said[0]
    assert "No such option" in said[1]
    assert "Няма параметра" in said[2]
