"""The pictures of the user guide, made by the application itself (`workgroup-app
--screenshot`) on the demo office: one per section, in the guide's language. They are built,
not kept in git: `make docs` writes them to docs/images/.

    python -m tools.doc_screenshots [--lang en|ru] [--out docs/images]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (page, the user who shows it: the demo store's accounts)
PAGES = (("overview", "head"), ("meetings", "secretary"), ("actions", "prosecutor"),
         ("findings", "prosecutor"), ("workgroups", "secretary"), ("directory", "secretary"),
         ("exchange", "admin"), ("audit", "admin"), ("settings", "admin"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=["en", "ru"], default="en")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--pages", nargs="*", help="only these pages (default: all)")
    args = parser.parse_args(argv)
    from workgroup_app.services.users import DEMO_PASSWORD

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wg-docs-") as scratch:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKGROUP_DATA_DIR=scratch,
                   XDG_CONFIG_HOME=scratch, WORKGROUP_AUTO_BACKUP="0",
                   WORKGROUP_DB_ENCRYPTION="off", WORKGROUP_PASSWORD=DEMO_PASSWORD,
                   PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
        for page, user in PAGES:
            if args.pages and page not in args.pages:
                continue
            target = args.out / f"{page}.png"
            done = subprocess.run(
                [sys.executable, "-m", "workgroup_app.ui.app", "--demo", "--lang", args.lang,
                 "--user", user, "--page", page, "--size", "1280x800", "--select-first",
                 "--screenshot", str(target)], env=env, cwd=ROOT, capture_output=True,
                text=True, timeout=300, check=False)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return done.returncode
            print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
