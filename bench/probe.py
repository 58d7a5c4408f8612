"""The child side of the UI benchmarks, run in a fresh process each time:

    python -m bench.probe startup STORE   time until the main window shows the first page
    python -m bench.probe scroll STORE    scroll the meetings list to the end, track memory

It prints one line ``RESULT {json}``. The contract with the GUI (DESIGN §7; the UI engineer's):
``workgroup_app.ui.app.create_main_window(context)`` builds the window, ``show_page("meetings")``
shows the meetings page, whose table is the ``QTableView`` named ``meetingsTable``.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before any import of the application or of Qt

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

import psutil  # noqa: E402

TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "900"))


def peak_rss() -> int:
    """The high-water mark of resident memory of this process, in bytes, as the OS tracked it
    (0 where unknown). Not ru_maxrss: Linux carries that across execve, so a child would
    inherit its parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:  # Linux: VmHWM, in kB
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass  # no /proc: fall back to psutil below
    return int(getattr(psutil.Process().memory_info(), "peak_wset", 0))  # Windows


def rss() -> int:
    return int(psutil.Process().memory_info().rss)


def open_window(store: str) -> dict[str, Any]:
    """Open the context, build and show the main window on the meetings page, and wait until
    the first page of the list is in (or the list is known to be empty)."""
    marks: dict[str, Any] = {}
    from workgroup_app.bootstrap import open_context
    from workgroup_app.config import AppConfig

    context = open_context(AppConfig.build(database=store, language="ru"))
    marks["opened"] = time.perf_counter() - STARTED
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from workgroup_app.ui.app import create_main_window

    window = create_main_window(context)
    window.show_page("meetings")
    marks["built"] = time.perf_counter() - STARTED
    window.show()
    table = window.findChild(QTableView, "meetingsTable")
    if table is None:
        raise LookupError("the main window has no QTableView named 'meetingsTable'")
    model = table.model()
    deadline = time.perf_counter() + TIMEOUT
    while True:
        app.processEvents()
        exposed = window.windowHandle() is not None and window.windowHandle().isExposed()
        loaded = model.rowCount() > 0 or not model.canFetchMore(QModelIndex())
        if exposed and loaded:
            break
        if time.perf_counter() > deadline:
            raise TimeoutError("the first page of meetings did not arrive")
        time.sleep(0.001)
    marks["shown"] = time.perf_counter() - STARTED
    marks["rows"] = model.rowCount()
    marks.update(app=app, window=window, table=table, model=model, store=context)
    return marks


def startup(store: str) -> dict[str, Any]:
    marks = open_window(store)
    return {"seconds": marks["shown"], "opened": marks["opened"], "built": marks["built"],
            "rows": marks["rows"], "rss": rss()}


def scroll(store: str) -> dict[str, Any]:
    from workgroup_app.domain.views import ListQuery
    from workgroup_app.services import meetings

    marks = open_window(store)
    context, app, table, model = marks["store"], marks["app"], marks["table"], marks["model"]
    total = meetings.list_meetings(context.uow(), ListQuery(limit=1)).total
    shown_rss = rss()
    bar = table.verticalScrollBar()
    began = time.perf_counter()
    deadline = began + TIMEOUT
    polled_peak = shown_rss
    last_rows, last_change = model.rowCount(), began
    while model.rowCount() < total:
        bar.setValue(bar.maximum())
        app.processEvents()
        polled_peak = max(polled_peak, rss())
        now = time.perf_counter()
        if model.rowCount() != last_rows:
            last_rows, last_change = model.rowCount(), now
        elif now - last_change > 60:
            break  # no more rows for a minute: report how far it got
        if now > deadline:
            break
    for _round in range(20):  # let the last page paint
        app.processEvents()
    polled_peak = max(polled_peak, rss())
    return {"rows": model.rowCount(), "total": total, "seconds": time.perf_counter() - began,
            "shown_rss": shown_rss, "polled_peak_rss": polled_peak,
            "peak_rss": max(peak_rss(), polled_peak)}


def main(argv: list[str]) -> int:
    kind, store = argv[1], argv[2]
    try:
        result = {"startup": startup, "scroll": scroll}[kind](store)
    except Exception as error:  # reported to the parent, which prints it
        result = {"error": f"{type(error).__name__}: {error}"}
    print("RESULT " + json.dumps(result), flush=True)
    os._exit(0)  # the measurement is taken; skip Qt's teardown


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
