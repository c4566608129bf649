"""A contract of twenty pages and more revised end to end through the real window on a virtual
X screen (Xvfb): the review captured, the copy saved, printed by LibreOffice and drawn."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.e2e.xvfb import colours, run_on_xvfb
from tests.word_readers import pandoc_text


@pytest.mark.xvfb
def test_a_twenty_page_contract_is_revised_reviewed_saved_and_printed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()

    result = run_on_xvfb(
        "tests.e2e.revise_screenshot",
        [str(out), str(tmp_path / "data")],
        1280,
        800,
        timeout=900,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    pages = re.search(r"pages: (\d+);", result.stdout)
    assert pages is not None and int(pages.group(1)) >= 20, result.stdout
    assert "network attempts: 0" in result.stdout
    assert colours(out / "review.png") > 20  # drawn: text, buttons, marks
    assert colours(out / "revised-page.png") > 5
    # Every change rejected, the copy reads as the contract did.
    revised, contract = out / "revised.docx", out / "contract.docx"
    assert pandoc_text(revised, "reject") == pandoc_text(contract, "reject")
    assert pandoc_text(revised, "accept") != pandoc_text(contract, "accept")
    if target := os.environ.get("SOTTO_SCREENSHOT_DIR"):
        for name in ("review.png", "revised-page.png"):
            shutil.copy(out / name, Path(target) / f"revise-{name}")
