"""The window and ``sotto ask --docs`` give a model the same passages for the same question
about the same collection: the whole of a small collection, and the passages a search finds
in one too large for the model's context."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import DocumentLibrary, add_to_collection
from desktop.core.documents.retrieval import whole_budget
from desktop.core.paths import AppPaths
from desktop.core.vault.sources import Source, SourceStore
from desktop.core.vault.store import ConversationStore
from desktop.ui.window.main_window import MainWindow
from tests.conftest import TEST_PASSPHRASE
from tests.e2e.sotto_process import sotto
from tests.ui.conftest import TIMEOUT_MS
from tests.ui.documents.documents_helpers import library, real_embedder, write_matter

__all__ = ["library", "real_embedder"]  # fixtures

LARGEST_CONTEXT = 8192
"""The starter model's trained context: no machine loads it with more."""
SMALLEST_CONTEXT = 512
"""The shortest context a model is loaded with, on a machine short of memory."""
NOTES = {
    "a_payment.txt": "The buyer pays every invoice within thirty days.",
    "b_notice.txt": "Either party may end the agreement with three months' notice.",
    "c_delivery.txt": "The seller delivers the goods to the warehouse in Rotterdam.",
}
"""A small collection: given whole, in the order of its files, whatever is asked (a search
would put the delivery first)."""


def indexed(folder: Path, name: str, library: DocumentLibrary, embedder: Embedder) -> int:
    """Index *folder* as the collection *name*; the characters it holds."""
    with library.open() as index:
        add_to_collection(index, name, [folder], embedder)
        index_collection(index, name, embedder)
    return sum(len(file.read_text(encoding="utf-8")) for file in folder.iterdir())


Cited = list[tuple[object, ...]]


def window_sources(
    qtbot: QtBot, window: MainWindow, store: ConversationStore, collection: str, question: str
) -> Cited:
    window.new_chat()
    window.session.set_settings(replace(window.session.settings, documents=collection))
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.send(question)
    reply_id = window.session.ids[-1]
    assert reply_id is not None
    return key(SourceStore(store.db).of([reply_id])[reply_id])


def key(sources: tuple[Source, ...]) -> Cited:
    return [(s.number, s.file, s.page, s.start, s.end, s.text) for s in sources]


@pytest.mark.parametrize(
    ("collection", "question"),
    [("Small", "Where are the goods delivered?"), ("Large", "When must the invoice be paid?")],
)
def test_the_window_and_sotto_ask_give_the_same_passages(
    qtbot: QtBot,
    window: MainWindow,
    store: ConversationStore,
    paths: AppPaths,
    library: DocumentLibrary,
    real_embedder: Embedder,
    tmp_path: Path,
    collection: str,
    question: str,
) -> None:
    notes = tmp_path / "small"
    notes.mkdir()
    for name, text in NOTES.items():
        (notes / name).write_text(text, encoding="utf-8")
    small = indexed(notes, "Small", library, real_embedder)
    large = indexed(write_matter(tmp_path / "large", count=40), "Large", library, real_embedder)
    # Whatever context this machine loads the model with, one fits and the other does not.
    assert small <= whole_budget(SMALLEST_CONTEXT) and large > whole_budget(LARGEST_CONTEXT)

    shown = window_sources(qtbot, window, store, collection, question)

    asked = sotto(
        "ask",
        "--docs",
        collection,
        "--max-tokens",
        "4",
        question,
        data_dir=paths.data_dir,
        env=dict(os.environ, SOTTO_PASSPHRASE=TEST_PASSPHRASE),
    )
    assert asked.returncode == 0, asked.stderr
    window_conversation = window.conversation
    assert window_conversation is not None
    (cli_conversation,) = [c for c in store.list_conversations() if c.id != window_conversation.id]
    (cli_reply,) = [m for m in store.messages(cli_conversation.id) if m.role == "assistant"]
    printed = key(SourceStore(store.db).of([cli_reply.id])[cli_reply.id])

    assert printed == shown
    texts = [str(cited[-1]) for cited in shown]
    if collection == "Small":  # every file, whole and verbatim, in order
        assert [Path(str(cited[1])).name for cited in shown] == list(NOTES)
        assert [text.strip() for text in texts] == list(NOTES.values())
    else:  # the passages found, far fewer than the collection's files
        assert 0 < len(shown) < 40 and any("invoice" in text for text in texts)
