"""List user-visible strings that have no translation, or whose {fields} differ.

    python -m tools.i18n_check              # Russian and Belarusian; exit 1 on anything missing
    python -m tools.i18n_check --lang be    # one language
    python -m tools.i18n_check --po         # also print stub entries to paste into a .po file

Strings are found by Babel's extractor: the arguments of ``_()``, ``N_()``, ``tr()`` and
``self.tr()`` in workgroup_app/.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "tr": (1,), "tr_label": None}
FIELD = re.compile(r"\{[a-z_0-9]*\}")


def source_messages() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    method_map = [("**.py", "python")]
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT / "workgroup_app"), method_map=method_map, keywords=KEYWORDS):
        if isinstance(message, tuple):
            message = message[0]
        if message:
            found.setdefault(message, []).append(f"{filename}:{lineno}")
    return found


def translated(language: str = "ru") -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from workgroup_app.i18n import load_catalogue

    return load_catalogue(language)


def problems(language: str = "ru") -> tuple[list[str], list[str]]:
    catalogue = translated(language)
    missing, mismatched = [], []
    for msgid in sorted(source_messages()):
        text = catalogue.get(msgid)
        if not text:
            missing.append(msgid)
        elif sorted(FIELD.findall(msgid)) != sorted(FIELD.findall(text)):
            mismatched.append(msgid)
    return missing, mismatched


def po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def main() -> int:
    from workgroup_app.i18n import LANGUAGES

    chosen = sys.argv[sys.argv.index("--lang") + 1:][:1] if "--lang" in sys.argv else \
        [code for code in LANGUAGES if code != "en"]
    if not chosen or not set(chosen) <= set(LANGUAGES) - {"en"}:
        print(f"--lang needs one of: {', '.join(c for c in LANGUAGES if c != 'en')}")
        return 2
    sources = source_messages()
    failed = False
    for language in chosen:
        missing, mismatched = problems(language)
        for msgid in missing:
            print(f"{language} missing: {msgid!r}  ({sources[msgid][0]})")
        for msgid in mismatched:
            print(f"{language} fields differ: {msgid!r}")
        if "--po" in sys.argv:
            for msgid in missing:
                print(f'\nmsgid "{po_escape(msgid)}"\nmsgstr ""')
        print(f"{language}: {len(sources)} strings, {len(missing)} missing, "
              f"{len(mismatched)} with other fields")
        failed = failed or bool(missing or mismatched)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
