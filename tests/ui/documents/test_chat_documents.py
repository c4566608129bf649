"""Asking a chat about documents: files attached to a chat are indexed, its questions are
answered from the passages found, and the reply keeps its sources in the vault, shown under
it and opened in context, with nothing readable of the documents on disk."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.documents.library import DEFAULT_COLLECTION, documents_path
from desktop.core.paths import AppPaths
from desktop.core.vault.database import database_files
from desktop.core.vault.sources import SourceStore
from desktop.core.vault.store import ConversationStore
from desktop.ui.documents.passage_dialog import PassageDialog
from desktop.ui.window.main_window import MainWindow
from tests.ui.conftest import TIMEOUT_MS
from tests.ui.documents.documents_helpers import files_read

CANARY = "Quetzalcoatlusfjord"
CLAUSE = (
    f"Clause 7.2. The tenant {CANARY} pays the rent of 1,250 euros on the first day of every "
    "month, into the landlord's account at the bank named in the schedule."
)


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own, for Python, Qt and SQLite alike (named before
    the window, so that it is made with it): only that is searched for the canary, and no
    other program's files are read."""
    folder = tmp_path / "temporary"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))  # Qt's QDir.tempPath and SQLite read it
    monkeypatch.setattr(tempfile, "tempdir", str(folder))  # Python read it once already
    return folder


def test_a_chat_answers_from_attached_documents_and_keeps_their_sources(
    temporary: Path,
    qtbot: QtBot,
    window: MainWindow,
    store: ConversationStore,
    paths: AppPaths,
    tmp_path: Path,
) -> None:
    lease = tmp_path / "matter" / "lease.txt"
    lease.parent.mkdir()
    lease.write_text(
        "LEASE AGREEMENT\n\n" + CLAUSE + "\n\nClause 9. The tenant keeps the garden tidy.\n",
        encoding="utf-8",
    )
    window.documents.attach([lease])  # what the paperclip and a drop on the chat do
    assert window.session.settings.documents == DEFAULT_COLLECTION
    assert window.documents.window is None  # no Documents window: the chat shows the reading
    activity = window.documents.activity
    assert activity.isVisible() and activity.cancel_button.isVisible()

    def indexed() -> bool:
        collection = window.documents.indexing.find(DEFAULT_COLLECTION)
        return collection is not None and collection.files == 1 and collection.pending == 0

    qtbot.wait_until(indexed, timeout=TIMEOUT_MS)
    qtbot.wait_until(lambda: f"Up to date: {files_read(1)}" in activity.detail.text())
    assert not activity.cancel_button.isVisible()
    qtbot.wait_until(
        lambda: window.column.documents_box.currentData() == DEFAULT_COLLECTION,
        timeout=TIMEOUT_MS,
    )

    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.send("When is the rent paid?")
    reply_id = window.session.ids[-1]
    assert reply_id is not None
    (source,) = SourceStore(store.db).of([reply_id])[reply_id]
    text = lease.read_text(encoding="utf-8")
    assert source.file == str(lease) and source.text == text[source.start : source.end]
    assert CANARY in source.text
    assert window.messages[-2]["content"] == "When is the rent paid?"  # as the user wrote it
    assert "[1] lease.txt" in window.chat_view.toPlainText()

    conversation = window.conversation
    assert conversation is not None
    window.new_chat()
    window.open_conversation(conversation.id)  # from the vault: the sources are still there
    assert "[1] lease.txt" in window.chat_view.toPlainText()
    window.chat_view.source_requested.emit(source)
    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, PassageDialog)]
    assert CANARY in dialog.text.toPlainText()

    window.close()  # everything written, then no readable copy anywhere in the data folder
    for folder in (paths.data_dir, paths.cache_dir):
        for file in folder.rglob("*"):
            if file.is_file():
                assert CANARY.encode() not in file.read_bytes(), file
    assert QDir.tempPath() == str(temporary) == tempfile.gettempdir()
    for file in temporary.rglob("*"):  # nothing left in the temporary folder either
        if file.is_file():
            assert CANARY.encode() not in file.read_bytes(), file


def test_the_collection_switch_is_kept_per_chat(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    window.chat_settings.set_collections(["Acme v Beta", "Lease"])
    window.chat_settings.use_documents("Acme v Beta")
    window.new_chat()
    assert window.column.documents_box.currentData() == ""  # a new chat starts with none
    window.chat_settings.use_documents("Lease")
    assert window.session.settings.documents == "Lease"


def test_a_file_attached_that_cannot_be_read_says_why_above_the_composer(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.7\ngarbage")

    window.documents.attach([broken])

    activity = window.documents.activity
    qtbot.wait_until(lambda: "1 could not be read" in activity.detail.text(), timeout=TIMEOUT_MS)
    assert "scan.pdf is damaged" in activity.detail.text()  # the file's own sentence
    assert window.documents.window is None


def test_attaching_to_an_index_lost_from_disk_says_so_and_makes_none(
    qtbot: QtBot, make_window: Callable[..., MainWindow], paths: AppPaths, tmp_path: Path
) -> None:
    window = make_window()
    index_file = documents_path(paths)
    qtbot.wait_until(lambda: window.documents.indexing.index() is not None)  # made at start
    window.close()
    for file in database_files(index_file):
        file.unlink(missing_ok=True)
    window = make_window()  # started again: the key is kept, the file is gone
    note = tmp_path / "note.txt"
    note.write_text("A note.", encoding="utf-8")

    window.documents.attach([note])

    assert "is missing, although its key is still kept" in window.documents.activity.detail.text()
    assert not index_file.exists()  # never replaced by an empty index
    shown = window.documents.show()
    assert shown.notice.isVisible() and shown.discard_button.isVisible()
