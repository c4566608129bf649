"""The Documents window, a view of the indexing service, makes collections, indexes what is
added to them on a worker with progress, says why a file cannot be read, stops and goes on,
and removes a collection after asking; closing it stops no indexing."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.library import DocumentLibrary
from desktop.ui.documents.documents_window import DocumentsWindow
from desktop.ui.documents.indexing_service import IndexingService
from desktop.ui.tasks import Task, TaskRunner
from tests.pdf_builder import text_pdf
from tests.ui.documents.documents_helpers import (
    SharedModel,
    files_read,
    library,
    real_embedder,
    write_matter,
)

__all__ = ["library", "real_embedder"]  # fixtures

TIMEOUT_MS = 60_000


class GatedModel(SharedModel):
    """The real model, which holds its second call until the test opens the gate: the
    test can stop indexing between two files, whatever the machine's speed."""

    def __init__(self, embedder: Embedder) -> None:
        super().__init__(embedder)
        self.calls = 0
        self.waiting = threading.Event()
        self.gate = threading.Event()

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls += 1
        if self.calls == 2:
            self.waiting.set()
            self.gate.wait(TIMEOUT_MS / 1000)
        return self.embedder.embed(texts)


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()
    for service in runner.findChildren(IndexingService):  # made by the test, below
        service.shutdown()


def open_window(
    qtbot: QtBot, library: DocumentLibrary, runner: TaskRunner, model: SharedModel
) -> DocumentsWindow:
    return view(qtbot, IndexingService(library, runner, lambda: model, runner))


def view(qtbot: QtBot, service: IndexingService) -> DocumentsWindow:
    window = DocumentsWindow(service)
    qtbot.add_widget(window)
    window.show()
    return window


def detail(window: DocumentsWindow, name: str) -> str:
    row = window.row(name)
    assert row is not None
    return row.detail.text()


def make_collection(qtbot: QtBot, window: DocumentsWindow, name: str) -> None:
    with qtbot.wait_signal(window.collections_changed, timeout=TIMEOUT_MS):
        window.new_collection(name)
    assert window.selected_collection() is not None


def wait_ended(qtbot: QtBot, task: Task | None) -> None:
    assert task is not None
    with qtbot.wait_signal(task.ended, timeout=TIMEOUT_MS):
        pass


def answer(qtbot: QtBot, button_text: str) -> None:
    """Click *button_text* in the next message box, once it is shown."""

    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, attempt)
            return
        [button] = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    QTimer.singleShot(0, attempt)


def column(window: DocumentsWindow, row: int) -> list[str]:
    item = window.collections.topLevelItem(row)
    assert item is not None
    return [item.text(i) for i in range(item.columnCount())]


def statuses(window: DocumentsWindow) -> dict[str, str]:
    items = (window.files.topLevelItem(i) for i in range(window.files.topLevelItemCount()))
    return {item.text(0): item.text(2) for item in items if item is not None}


def test_a_folder_is_indexed_and_a_broken_file_says_why(
    qtbot: QtBot,
    tmp_path: Path,
    library: DocumentLibrary,
    runner: TaskRunner,
    real_embedder: Embedder,
) -> None:
    folder = write_matter(tmp_path / "Acme", count=3)
    (folder / "broken.pdf").write_bytes(text_pdf([["Clause 1"]])[:200])
    window = open_window(qtbot, library, runner, SharedModel(real_embedder))
    make_collection(qtbot, window, "Acme v Beta")
    with qtbot.wait_signal(window.collections_changed, timeout=TIMEOUT_MS):
        task = window.add_folder(folder)
        assert task is not None
    name, files, passages, failed = column(window, 0)
    assert (name, files, failed) == ("Acme v Beta", "3", "1")
    assert int(passages) >= 3
    shown = statuses(window)
    assert shown["Acme/note0.txt"] == "Indexed"
    assert shown["Acme/note1.md"] == "Indexed"
    assert shown["Acme/broken.pdf"].startswith("Failed: ")
    assert "broken.pdf" in shown["Acme/broken.pdf"]
    assert files_read(3) in detail(window, "Acme v Beta")
    assert "1 could not be read" in detail(window, "Acme v Beta")


def test_a_cancelled_indexing_goes_on_with_update(
    qtbot: QtBot,
    tmp_path: Path,
    library: DocumentLibrary,
    runner: TaskRunner,
    real_embedder: Embedder,
) -> None:
    folder = write_matter(tmp_path / "Acme", count=3)
    model = GatedModel(real_embedder)
    window = open_window(qtbot, library, runner, model)
    make_collection(qtbot, window, "Acme")
    task = window.add_folder(folder)
    assert task is not None
    qtbot.wait_until(model.waiting.is_set, timeout=TIMEOUT_MS)
    row = window.row("Acme")
    assert row is not None
    row.cancel_button.click()
    model.gate.set()
    wait_ended(qtbot, task)
    assert row.retry_button.isVisible()
    shown = statuses(window)
    assert list(shown.values()).count("Indexed") == 2
    assert list(shown.values()).count("Waiting") == 1

    again = window.update_collection()
    wait_ended(qtbot, again)
    assert set(statuses(window).values()) == {"Indexed"}
    assert f"{files_read(1)}, 2 unchanged" in row.detail.text()


def test_removing_a_collection_asks_first(
    qtbot: QtBot,
    tmp_path: Path,
    library: DocumentLibrary,
    runner: TaskRunner,
    real_embedder: Embedder,
) -> None:
    window = open_window(qtbot, library, runner, SharedModel(real_embedder))
    make_collection(qtbot, window, "Acme")
    answer(qtbot, "Cancel")
    assert not window.remove_collection()
    assert window.collections.topLevelItemCount() == 1

    answer(qtbot, "Remove")
    with qtbot.wait_signal(window.collections_changed):
        assert window.remove_collection()
    assert window.collections.topLevelItemCount() == 0
    with library.open() as index:
        assert index.collections() == []


class RenamedModel(SharedModel):
    """The real model under another name: to the index, another embedding model."""

    def __init__(self, embedder: Embedder, name: str) -> None:
        super().__init__(embedder)
        self.name = name


def test_another_embedding_model_chosen_asks_before_indexing_again(
    qtbot: QtBot,
    tmp_path: Path,
    library: DocumentLibrary,
    runner: TaskRunner,
    real_embedder: Embedder,
) -> None:
    folder = write_matter(tmp_path / "Acme", count=2)
    chosen: list[SharedModel] = [SharedModel(real_embedder)]
    service = IndexingService(library, runner, lambda: chosen[0], runner)
    window = view(qtbot, service)
    make_collection(qtbot, window, "Acme")
    wait_ended(qtbot, window.add_folder(folder))

    chosen[0] = RenamedModel(real_embedder, "another-model")
    service.forget_embedder()
    with qtbot.wait_signal(service.embedder_changed, timeout=TIMEOUT_MS) as asked:
        wait_ended(qtbot, window.update_collection("Acme"))
    assert asked.args == ["Acme", real_embedder.name, "another-model"]
    with library.open() as index:
        assert index.collection("Acme").embedder == real_embedder.name  # kept, not dropped
    row = window.row("Acme")
    assert row is not None and row.retry_button.text() == "Index again"

    service.embed_again("Acme")  # what the user's Yes does
    qtbot.wait_until(lambda: service.indexing("Acme") is None, timeout=TIMEOUT_MS)
    with library.open() as index:
        collection = index.collection("Acme")
        assert collection.embedder == "another-model"
        assert collection.passages > 0


def test_closing_the_window_stops_no_indexing_and_a_new_one_shows_it(
    qtbot: QtBot,
    tmp_path: Path,
    library: DocumentLibrary,
    runner: TaskRunner,
    real_embedder: Embedder,
) -> None:
    folder = write_matter(tmp_path / "Acme", count=3)
    model = GatedModel(real_embedder)
    service = IndexingService(library, runner, lambda: model, runner)
    window = view(qtbot, service)
    make_collection(qtbot, window, "Acme")
    task = window.add_folder(folder)
    qtbot.wait_until(model.waiting.is_set, timeout=TIMEOUT_MS)
    window.close()
    window.deleteLater()

    again = view(qtbot, service)  # the job's row is there, from the service
    assert again.row("Acme") is not None and again.row("Acme").cancel_button.isVisible()
    model.gate.set()
    wait_ended(qtbot, task)
    assert files_read(3) in detail(again, "Acme")
    assert set(statuses(again).values()) == {"Indexed"}
