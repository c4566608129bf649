"""The command that starts this very program again: for the build check's child process and
for a restart."""

from __future__ import annotations

import sys


def sotto_command() -> list[str]:
    """``sotto`` as this process was started: the packaged application is its own
    executable; otherwise Python runs the ``desktop`` package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "desktop"]
