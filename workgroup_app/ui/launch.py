"""`make run`: open the app, or, where there is no display, say how to see it."""

from __future__ import annotations

import os
import sys

from ..bootstrap import open_context
from ..config import AppConfig
from ..domain.messages import N_
from ..i18n import detect_language, tr
from ..services.users import DEMO_PASSWORD, ensure_demo_accounts

NO_DISPLAY = N_(
    "No display was found, so the window cannot open here. The demo store is ready at "
    "{path}.\nTo see the application:\n"
    "  • on a desktop session, run: make run\n"
    "  • with a virtual display: xvfb-run -a .venv/bin/workgroup-app --demo\n"
    "  • as a picture: make screenshot   (writes screenshots/main.png)\n"
    "  • any page, as any demo user: WORKGROUP_PASSWORD={password} .venv/bin/workgroup-app "
    "--demo --user prosecutor --screenshot FILE.png --page meetings\n"
    "The demo accounts are admin, prosecutor, secretary, head and observer; the password of "
    "each is {password}.")


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if has_display():
        from .app import main as app_main

        return app_main(args)
    config = AppConfig.build(demo=True, language=detect_language())
    context = open_context(config)
    ensure_demo_accounts(context.uow())  # the accounts the hint names
    print(tr(NO_DISPLAY, path=context.location, password=DEMO_PASSWORD))
    context.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
