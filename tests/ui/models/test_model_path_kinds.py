"""A model path that is no ordinary file (a FIFO named .gguf) is refused at once by the
window's load and import, which then never wait on it: the window still quits."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.paths import AppPaths
from desktop.ui.window.main_window import MainWindow
from tests.ui.conftest import TIMEOUT_MS


def test_a_fifo_named_gguf_is_refused_by_load_and_import_and_the_window_quits(
    qtbot: QtBot, make_window: Callable[..., MainWindow], paths: AppPaths, tmp_path: Path
) -> None:
    fifo = paths.models_dir / "x.gguf"  # where the model lists look: they must not wait on it
    os.mkfifo(fifo)
    window = make_window()

    with qtbot.wait_signal(window.client.load_failed, timeout=TIMEOUT_MS):
        window.load_model(fifo)
    assert "is not an ordinary file" in window.notice.text()
    assert window.loaded_model is None

    elsewhere = tmp_path / "y.gguf"
    os.mkfifo(elsewhere)
    library = window.show_library()
    assert library.import_file(elsewhere) is not None
    row = library.activity.rows()[-1]
    qtbot.wait_until(lambda: row.dismiss_button.isVisible(), timeout=TIMEOUT_MS)
    assert "is not an ordinary file" in row.detail.text()

    assert window.close()  # nothing is left waiting on the pipe: the window goes at once
    assert not window.isVisible()
