"""A real window on a virtual X screen (Xvfb), after one exchange, captured from the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

WIDTH, HEIGHT = 1280, 800


@pytest.mark.xvfb
def test_window_after_one_exchange_is_drawn_on_screen(tmp_path: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run is missing: run `make setup`"
    out = tmp_path / "window.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    result = subprocess.run(
        [
            xvfb_run,
            "-a",
            "-s",
            f"-screen 0 {WIDTH}x{HEIGHT}x24",
            sys.executable,
            "-m",
            "tests.e2e.screenshot",
            str(out),
            str(tmp_path / "data"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)
    # A drawn window has many colours (text, anti-aliasing); an empty screen has one.
    colours = {image.pixel(x, y) for x in range(0, 1000, 7) for y in range(0, 700, 7)}
    assert len(colours) > 20
    if target := os.environ.get("SOTTO_SCREENSHOT_DIR"):
        shutil.copy(out, Path(target) / "window.png")
