"""Model paths that are no model file, given to `sotto ask --model` and `sotto models import`:
a FIFO named .gguf is refused at once (never opened to wait on), and a file the user may not
read is called that, not "damaged"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from desktop.cli.exit_codes import EXIT_FAILED
from tests.permissions import without_override


def sotto(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``sotto --data-dir DATA ARGS…`` as a user whom file permissions bind."""
    return subprocess.run(
        [*without_override(), sys.executable, "-m", "desktop", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=120,  # a command that waited on the FIFO would never end
        check=False,
    )


def refused(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == EXIT_FAILED, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert words in result.stderr, result.stderr


def test_a_fifo_named_gguf_is_refused_by_ask_and_import(tmp_path: Path) -> None:
    fifo = tmp_path / "x.gguf"
    os.mkfifo(fifo)
    data = tmp_path / "data"
    sentence = "is not an ordinary file (it is a pipe, a socket or a device)"
    refused(sotto(data, "ask", "--incognito", "--model", str(fifo), "hi"), sentence)
    for how in ((), ("--in-place",)):
        refused(sotto(data, "models", "import", *how, str(fifo)), sentence)
    assert not any((data / "models").iterdir())


def test_a_model_the_user_may_not_read_is_called_that_not_damaged(
    tmp_path: Path, starter_model: Path
) -> None:
    locked = tmp_path / "Locked.Q4_1.gguf"
    shutil.copyfile(starter_model, locked)
    locked.chmod(0)
    data = tmp_path / "data"
    for result in (
        sotto(data, "ask", "--incognito", "--model", str(locked), "hi"),
        sotto(data, "models", "import", str(locked)),
    ):
        refused(result, f"You may not read {locked}")
        assert "damaged" not in result.stderr
