"""The Qt binding itself must survive a long session: guards against a broken PySide6 release."""

from __future__ import annotations

import subprocess
import sys

# PySide6 6.12.0 released a reference to None (and to True from Signal.disconnect) on each
# call; Python 3.11 aborts once the count runs out, hours into a chat. pyproject.toml excludes
# it; this catches a release with the same fault.
MANY_CALLS = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel

class Source(QObject):
    fired = Signal(object)

app = QApplication([])
label, timer, source = QLabel(), QTimer(), Source()
def slot(value):
    pass
for _ in range(100_000):
    label.setEnabled(True)
    timer.stop()
    source.fired.connect(slot)
    source.fired.disconnect(slot)
print("survived")
"""


def test_many_calls_into_qt_do_not_corrupt_reference_counts() -> None:
    result = subprocess.run(
        [sys.executable, "-c", MANY_CALLS], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"
