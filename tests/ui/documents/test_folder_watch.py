"""While the window is open, the folders of the user's collections are watched: a file added
to one is read, and one deleted is taken out, without the user doing anything; closing the
window ends the watch at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.ui.window.main_window import MainWindow
from tests.ui.conftest import TIMEOUT_MS
from tests.ui.documents.documents_helpers import write_matter

WATCHED_MS = 15_000
"""Time for a change to be noticed (a second of gathering) and its file read."""


def _watching() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "folder-watch"]


def test_a_file_added_to_a_watched_folder_is_read_without_asking(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    folder = write_matter(tmp_path / "matter", count=1).resolve()
    window = make_window()
    window.start(None)  # as the window is shown: the watch begins
    indexing = window.documents.indexing

    def files() -> int | None:
        collection = indexing.find("Matter")
        return None if collection is None or indexing.indexing("Matter") else collection.files

    indexing.attach("Matter", [folder])
    qtbot.wait_until(lambda: files() == 1, timeout=TIMEOUT_MS)
    qtbot.wait_until(lambda: indexing.folders.watched == [folder])

    (folder / "quokka.txt").write_text("The quokka clause: rent is paid on the first day.\n")
    qtbot.wait_until(lambda: files() == 2, timeout=WATCHED_MS)
    (folder / "note0.txt").unlink()
    qtbot.wait_until(lambda: files() == 1, timeout=WATCHED_MS)
    index = indexing.index()
    assert index is not None
    (document,) = index.documents(index.collection("Matter").id)
    assert document.path == folder / "quokka.txt"

    assert _watching()
    window.close()
    assert _watching() == []
