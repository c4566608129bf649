"""What a start of the window imports before the window is shown: nothing it does not need to
draw it. Each module named here once stood between the user and the window (issue 23: numpy
alone took about 65 ms, the commands' modules about 200 ms); each is imported where it is
used, later. Order, not time: speed is measured by ``tests/bench/bench_launch.py``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

NOT_BEFORE_THE_WINDOW = (
    "numpy",  # the documents' vectors
    "llama_cpp",  # loading a model, after the window is shown
    "httpx2",  # a model server, when a chat uses one
    "huggingface_hub",  # the model library's search
    "docx",  # reading or exporting Word
    "pypdfium2",  # reading a PDF
    "starlette",  # the local API: loaded when it is switched on
    "uvicorn",
    "PIL",  # reading a picture (and a scanned page) to recognise its text
    "rapidocr",  # text recognition: its models load in seconds, for the first scan indexed
    "onnxruntime",
    "cv2",
    "watchfiles",  # watching the collections' folders, from once the window shows
    "desktop.cli.ask",  # the commands: a start of the window runs none
    "desktop.cli.docs",
    "desktop.cli.models",
    "desktop.cli.servers",
    "desktop.cli.history",
    "desktop.cli.forget",
    "desktop.cli.self_check",
)

# The command line dispatches a start without a command to ``desktop.app.run_gui``; here a
# stand-in takes its place, because the real one needs a display and a vault, and it is not
# what is checked: what was imported on the way to it, and by the window's own modules.
START = """
import json, sys
import desktop.app

def run_gui(paths, guard):
    import desktop.ui.window.main_window
    print(json.dumps(sorted(sys.modules)))
    return 0

desktop.app.run_gui = run_gui
from desktop.cli.main import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The modules loaded once the window's modules are: as ``sotto`` starts it."""
    data = tmp_path_factory.mktemp("data")
    result = subprocess.run(
        [sys.executable, "-c", START, str(data)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    modules: list[str] = json.loads(result.stdout)
    return set(modules)


def test_the_window_modules_were_imported(imported: set[str]) -> None:
    assert "desktop.ui.window.main_window" in imported
    assert "desktop.ui.chat.chat_controller" in imported


@pytest.mark.parametrize("module", NOT_BEFORE_THE_WINDOW)
def test_a_start_of_the_window_does_not_import(imported: set[str], module: str) -> None:
    assert module not in imported, f"{module} is imported in front of the window"


def test_a_command_line_the_window_cannot_read_still_gets_the_whole_parsers_answer() -> None:
    """Only ``--data-dir`` skips the whole parser; anything else is read, and refused, by it."""
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--no-such-option"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-option" in result.stderr
    assert "--self-check" in result.stderr  # the usage of the whole command line
