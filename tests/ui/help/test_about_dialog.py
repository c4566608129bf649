"""Help → About: the self-check runs off the GUI thread and shows its lines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop import __version__
from desktop.ui.help.about_dialog import AboutDialog
from desktop.ui.tasks import TaskRunner
from tests.ui.conftest import TIMEOUT_MS


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_about_shows_the_version_and_the_promise(qtbot: QtBot, tasks: TaskRunner) -> None:
    dialog = AboutDialog(tasks)
    qtbot.add_widget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"Version {__version__}" in texts
    assert "never leave this computer" in texts
    assert dialog.results.toPlainText() == ""


def test_self_check_button_shows_a_passed_line_per_check_and_keeps_the_window_responsive(
    qtbot: QtBot, tasks: TaskRunner, tmp_path: Path
) -> None:
    dialog = AboutDialog(tasks, scratch_dir=tmp_path)
    qtbot.add_widget(dialog)
    dialog.show()
    events: list[str] = []
    dialog.checked.connect(lambda _passed: events.append("checked"))
    with qtbot.wait_signal(dialog.checked, timeout=TIMEOUT_MS) as outcome:
        dialog.run_button.click()
        assert not dialog.run_button.isEnabled()
        assert dialog.summary.text().startswith("Checking")
        # Posted while the check runs: a check blocking the event loop would end first.
        QTimer.singleShot(0, lambda: events.append("served"))
    assert events == ["served", "checked"]
    assert outcome.args == [True]
    lines = dialog.results.toPlainText().splitlines()
    assert len(lines) == 3
    assert all(": passed, " in line for line in lines), lines
    assert dialog.summary.text() == "Every check passed."
    assert dialog.run_button.isEnabled()
    assert list(tmp_path.iterdir()) == []
