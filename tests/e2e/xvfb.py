"""A module of the tests run as a program on a virtual X screen of its own (xvfb-run), and
how many colours a capture of it holds (a drawn window has many; an empty screen one)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def run_on_xvfb(
    module: str, arguments: list[str], width: int, height: int, timeout: float
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m module arguments`` on a *width* by *height* virtual screen, with the
    real X11 platform (not offscreen)."""
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run is missing: run `make setup`"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    return subprocess.run(
        [
            xvfb_run,
            "-a",
            "-s",
            f"-screen 0 {width}x{height}x24",
            sys.executable,
            "-m",
            module,
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=env,
    )


def colours(path: Path) -> int:
    """The distinct colours of a grid of about 150 by 150 points of the image at *path*."""
    image = QImage(str(path))
    assert not image.isNull(), path
    step = max(image.width() // 150, 1)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )
