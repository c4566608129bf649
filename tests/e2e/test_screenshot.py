"""A real window on a virtual X screen (Xvfb), after one exchange, captured from the screen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.e2e.xvfb import colours, run_on_xvfb

WIDTH, HEIGHT = 1280, 800


@pytest.mark.xvfb
def test_window_after_one_exchange_is_drawn_on_screen(tmp_path: Path) -> None:
    out = tmp_path / "window.png"
    result = run_on_xvfb(
        "tests.e2e.screenshot", [str(out), str(tmp_path / "data")], WIDTH, HEIGHT, timeout=300
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)
    # A drawn window has many colours (text, anti-aliasing); an empty screen has one.
    colours = {image.pixel(x, y) for x in range(0, 1000, 7) for y in range(0, 700, 7)}
    assert len(colours) > 20
    if target := os.environ.get("SOTTO_SCREENSHOT_DIR"):
        shutil.copy(out, Path(target) / "window.png")


@pytest.mark.xvfb
def test_a_chat_with_citations_is_drawn_at_800_by_600(tmp_path: Path) -> None:
    out = tmp_path / "chat.png"
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"language": "en", "font_size": "larger"}', "utf-8")
    result = run_on_xvfb("tests.e2e.screenshot", [str(out), str(data), "chat"], 800, 600, 120)
    assert result.returncode == 0, result.stderr
    assert "network attempts: 0" in result.stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 600)
    assert colours(out) > 20
