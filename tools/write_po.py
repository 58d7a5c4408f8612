"""Write a .po file from a Python dict literal file: `python -m tools.write_po SRC.py OUT.po`.

Kept for maintainers who prefer to edit translations as a dict; the .po files are the source
the application reads.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from tools.i18n_check import po_escape

HEADER = '''msgid ""
msgstr ""
"Project-Id-Version: Workgroup\\n"
"Language: ru\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
'''


def render(pairs: dict[str, str]) -> str:
    body = [HEADER]
    for msgid, msgstr in pairs.items():
        body.append(f'\nmsgid "{po_escape(msgid)}"\nmsgstr "{po_escape(msgstr)}"\n')
    return "".join(body)


if __name__ == "__main__":
    source, target = sys.argv[1], sys.argv[2]
    pairs = ast.literal_eval(Path(source).read_text(encoding="utf-8"))
    Path(target).write_text(render(pairs), encoding="utf-8")
