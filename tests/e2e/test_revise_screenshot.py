"""A contract of twenty pages and more revised end to end through the real window on a virtual
X screen (Xvfb): the review captured, the copy saved, printed by LibreOffice and drawn."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage


def _plain(path: Path, changes: str) -> str:
    return subprocess.run(
        ["pandoc", f"--track-changes={changes}", str(path), "-t", "plain", "--wrap=none"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _colours(path: Path) -> int:
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


@pytest.mark.xvfb
def test_a_twenty_page_contract_is_revised_reviewed_saved_and_printed(tmp_path: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run is missing: run `make setup`"
    out = tmp_path / "out"
    out.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}

    result = subprocess.run(
        [
            xvfb_run,
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            sys.executable,
            "-m",
            "tests.e2e.revise_screenshot",
            str(out),
            str(tmp_path / "data"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env=env,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    pages = re.search(r"pages: (\d+);", result.stdout)
    assert pages is not None and int(pages.group(1)) >= 20, result.stdout
    assert "network attempts: 0" in result.stdout
    assert _colours(out / "review.png") > 20  # drawn: text, buttons, marks
    assert _colours(out / "revised-page.png") > 5
    # Every change rejected, the copy reads as the contract did.
    assert _plain(out / "revised.docx", "reject") == _plain(out / "contract.docx", "reject")
    assert _plain(out / "revised.docx", "accept") != _plain(out / "contract.docx", "accept")
    if target := os.environ.get("SOTTO_SCREENSHOT_DIR"):
        for name in ("review.png", "revised-page.png"):
            shutil.copy(out / name, Path(target) / f"revise-{name}")
