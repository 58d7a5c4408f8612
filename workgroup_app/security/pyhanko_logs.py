"""pyHanko logs whole tracebacks for failures this app expects and reports itself (a changed
file, a bad signature, a damaged PDF); those would only alarm users and fill log files."""

from __future__ import annotations

import logging

_NOISY = (
    "pyhanko",  # diff analysis, validation, and the PDF reader's remarks on damaged files
    "pyhanko_certvalidator",
)


def quiet_pyhanko() -> None:
    for name in _NOISY:
        logging.getLogger(name).setLevel(logging.ERROR)
