"""The CLI's own user error, apart from state.py so that every CLI module can raise it."""

from __future__ import annotations


class CliError(Exception):
    """A user error found by the CLI itself; the message is already translated."""
