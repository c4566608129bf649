"""Under the Chinese translation, why a document could not be read is written in Chinese
(it is stored as its reason and values, not as an English sentence), and the collection Sotto
makes for attached files is named in Chinese, while a user's own names stay as written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import DEFAULT_COLLECTION, DocumentLibrary, add_to_collection
from desktop.text.documents import collection_name, failure_sentence
from desktop.ui.documents.documents_window import DocumentsWindow
from desktop.ui.documents.indexing_service import IndexingService
from desktop.ui.tasks import TaskRunner
from tests.ui.documents.documents_helpers import library, real_embedder
from tests.ui.window.test_chinese_ui import ENGLISH_WORD, KEPT_NAMES

__all__ = ["library", "real_embedder"]  # fixtures


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_a_failed_documents_reason_and_the_default_collection_are_in_chinese(
    chinese: None,
    qtbot: QtBot,
    tmp_path: Path,
    library: DocumentLibrary,
    runner: TaskRunner,
    real_embedder: Embedder,
) -> None:
    folder = tmp_path / "matter"
    folder.mkdir()
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\ngarbage")
    with library.open() as index:
        for name in (DEFAULT_COLLECTION, "Acme v Beta"):
            add_to_collection(index, name, [folder], real_embedder)
            index_collection(index, name, real_embedder)
        (document,) = index.documents(index.collection(DEFAULT_COLLECTION).id)
    assert document.failure is not None
    service = IndexingService(library, runner, lambda: real_embedder)
    window = DocumentsWindow(service)
    qtbot.add_widget(window)
    window.show()

    shown = [window.collections.topLevelItem(row).text(0) for row in range(2)]
    assert "Acme v Beta" in shown  # the user's own name, as written
    assert "Documents" not in shown and collection_name(DEFAULT_COLLECTION) in shown
    window.select_collection(DEFAULT_COLLECTION)
    window.files.setCurrentItem(window.files.topLevelItem(0))
    reason = window.reason.text()
    assert reason == failure_sentence(document.failure)
    assert set(ENGLISH_WORD.findall(reason)) - {"broken", "pdf"} <= KEPT_NAMES, reason
    status = window.files.topLevelItem(0).text(2)
    assert set(ENGLISH_WORD.findall(status)) - {"broken", "pdf"} <= KEPT_NAMES, status
    service.shutdown()
