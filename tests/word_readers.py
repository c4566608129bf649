"""An independent reader of the Word files Sotto writes: pandoc, which applies or drops
their tracked changes by itself."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def pandoc_text(path: Path, changes: str) -> str:
    """The plain text of the .docx at *path* with its tracked changes *changes*: "accept",
    "reject" or "all"."""
    pandoc = shutil.which("pandoc")
    assert pandoc, "pandoc is missing: run `make setup`"
    result = subprocess.run(
        [pandoc, f"--track-changes={changes}", str(path), "-t", "plain", "--wrap=none"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout
