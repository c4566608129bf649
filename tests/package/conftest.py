"""What the package tests measure, shown in the test session's closing summary."""

from __future__ import annotations

from collections.abc import Callable

import pytest

_LINES: list[str] = []


@pytest.fixture(scope="session")
def report() -> Callable[[str], None]:
    """Add a line to the "package" section printed at the end of the run."""
    return _LINES.append


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _LINES:
        terminalreporter.section("package")
        for line in _LINES:
            terminalreporter.write_line(line)
