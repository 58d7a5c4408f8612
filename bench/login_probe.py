"""The child of bench_login, run in a fresh process each time:

    python -m bench.login_probe STORE

Opens the store as the app does (an encrypted one with the key the keyring holds for it),
signs in BENCH_USER with BENCH_PASSWORD through the service the sign-in dialog calls, builds
the main window on the meetings page and waits until its first page of rows is in. Prints one
line ``RESULT {json}`` with the times since the process started.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before any import of the application or of Qt

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "900"))


def login(store: str) -> dict[str, Any]:
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig

    context = open_context(AppConfig.build(database=store, language="ru"))
    opened = time.perf_counter() - STARTED
    from workgroup_app.services import users

    context.actor = users.sign_in(context.uow(), os.environ["BENCH_USER"],
                                  os.environ["BENCH_PASSWORD"])
    signed_in = time.perf_counter() - STARTED
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from workgroup_app.ui.app import create_main_window

    window = create_main_window(context)
    window.show_page("meetings")
    window.show()
    table = window.findChild(QTableView, "meetingsTable")
    if table is None:
        raise LookupError("the main window has no QTableView named 'meetingsTable'")
    model = table.model()
    deadline = time.perf_counter() + TIMEOUT
    while True:
        app.processEvents()
        exposed = window.windowHandle() is not None and window.windowHandle().isExposed()
        if exposed and (model.rowCount() > 0 or not model.canFetchMore(QModelIndex())):
            break
        if time.perf_counter() > deadline:
            raise TimeoutError("the first page of meetings did not arrive")
        time.sleep(0.001)
    return {"seconds": time.perf_counter() - STARTED, "opened": opened,
            "signed_in": signed_in, "rows": model.rowCount(),
            "encrypted": context.store.key is not None}


def main(argv: list[str]) -> int:
    try:
        result = login(argv[1])
    except Exception as error:  # reported to the parent, which prints it
        result = {"error": f"{type(error).__name__}: {error}"}
    print("RESULT " + json.dumps(result), flush=True)
    os._exit(0)  # the measurement is taken; skip Qt's teardown


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
