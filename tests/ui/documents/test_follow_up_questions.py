"""Follow-up questions about documents in the window: the model is given the earlier
questions' passages again, where it read them and numbered as they were cited, so the prompt
of the second question begins with the prompt of the first and the model reads only what is
new; a question about files still being read waits for them, saying how far they are; a chat
started with ``sotto ask --docs`` opens in the window with its collection."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import DocumentLibrary, add_to_collection
from desktop.core.documents.retrieval import whole_budget
from desktop.core.inference.types import Message, Reply
from desktop.core.paths import AppPaths
from desktop.core.vault.sources import Source, SourceStore
from desktop.core.vault.store import ConversationStore
from desktop.ui.chat.reply_in_flight import Stage
from desktop.ui.window.main_window import MainWindow
from tests.conftest import TEST_PASSPHRASE
from tests.e2e.sotto_process import sotto
from tests.ui.conftest import TIMEOUT_MS
from tests.ui.documents.documents_helpers import library, real_embedder, write_topics

__all__ = ["library", "real_embedder"]  # fixtures

LARGEST_CONTEXT = 8192
"""The starter model's trained context: no machine loads it with more."""


def quick_window(qtbot: QtBot, make_window: Callable[..., MainWindow], model: Path) -> MainWindow:
    """A window whose replies are a few tokens long, its model loaded."""
    window = make_window(max_tokens=4)
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(model)
    return window


def index_matter(folder: Path, name: str, library: DocumentLibrary, embedder: Embedder) -> None:
    with library.open() as index:
        add_to_collection(index, name, [folder], embedder)
        index_collection(index, name, embedder)


def ask(qtbot: QtBot, window: MainWindow, question: str) -> tuple[list[Message], Reply]:
    """Send *question*; the messages the model was given, and its reply."""
    given: list[list[Message]] = []
    window.client._generate_requested.connect(lambda messages, *_: given.append(messages))
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.send(question)
    return given[-1], finished.args[0]


def sources_of_last_reply(window: MainWindow, store: ConversationStore) -> tuple[Source, ...]:
    reply_id = window.session.ids[-1]
    assert reply_id is not None
    return SourceStore(store.db).of([reply_id]).get(reply_id, ())


def test_a_follow_up_is_given_the_earlier_passages_and_extends_the_first_prompt(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    starter_model: Path,
    store: ConversationStore,
    library: DocumentLibrary,
    real_embedder: Embedder,
    tmp_path: Path,
) -> None:
    notes = write_topics(tmp_path / "matter", count=40)
    assert sum(len(f.read_text()) for f in notes.iterdir()) > whole_budget(LARGEST_CONTEXT)
    index_matter(notes, "Matter", library, real_embedder)  # searched, never given whole
    window = quick_window(qtbot, make_window, starter_model)
    # A short prompt, which the model reads quickly: one passage a question, no system prompt.
    window.session.set_settings(
        replace(window.session.settings, documents="Matter", system_prompt="")
    )
    window.chat.passages = 1

    first, _ = ask(qtbot, window, "When must the invoice be paid?")
    cited = sources_of_last_reply(window, store)
    second, answer = ask(qtbot, window, "And where are the goods delivered?")
    given = sources_of_last_reply(window, store)

    assert cited and given
    assert second[: len(first)] == first  # the first prompt, as it was: nothing read again
    assert answer.read_tokens < answer.prompt_tokens // 2  # the model read only what is new
    earlier = "\n".join(m["content"] for m in second[:-1])
    assert all(f"[{s.number}] {Path(s.file).name}" in earlier for s in cited)
    newest = max(s.number for s in cited)
    new = [s for s in given if s.number > newest]
    assert new and all(f"[{s.number}] {Path(s.file).name}" in second[-1]["content"] for s in new)
    assert second[-1]["content"].endswith("Question: And where are the goods delivered?")
    assert window.messages[-2]["content"] == "And where are the goods delivered?"  # as typed


def test_a_question_about_files_being_read_waits_for_them_and_says_how_far(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    starter_model: Path,
    store: ConversationStore,
    tmp_path: Path,
) -> None:
    window = quick_window(qtbot, make_window, starter_model)
    lease = tmp_path / "lease.txt"
    lease.write_text("The tenant Quillfeather pays the rent on the first of the month.")
    window.session.set_settings(replace(window.session.settings, system_prompt=""))
    window.documents.attach([lease])  # its reading starts: the question waits for it

    given: list[list[Message]] = []
    window.client._generate_requested.connect(lambda messages, *_: given.append(messages))
    window.send("Who pays the rent?")
    reply = window.chat.replies.reply
    assert reply is not None and reply.stage is Stage.WAITING
    assert "Waiting for your documents to be read…" in window.chat_view.toPlainText()
    assert not given  # not asked before its documents are read
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        pass

    (source,) = sources_of_last_reply(window, store)
    assert "Quillfeather" in source.text and "Quillfeather" in given[-1][-1]["content"]
    assert "Waiting for your documents" not in window.chat_view.toPlainText()


def test_files_left_unread_by_a_stopped_reading_are_named_above_the_composer(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    starter_model: Path,
    store: ConversationStore,
    library: DocumentLibrary,
    real_embedder: Embedder,
    tmp_path: Path,
) -> None:
    window = quick_window(qtbot, make_window, starter_model)
    lease = tmp_path / "lease"
    lease.mkdir()
    (lease / "terms.txt").write_text("The rent is due on the first day of the month.")
    index_matter(lease, "Lease", library, real_embedder)
    late = lease / "schedule.txt"
    late.write_text("The schedule names the landlord's bank.")
    with library.open() as index:  # as a reading stopped before it was done leaves it
        index.mark_pending(index.collection("Lease").id, [late])
    window.session.set_settings(
        replace(window.session.settings, documents="Lease", system_prompt="")
    )

    ask(qtbot, window, "When is the rent due?")

    assert window.notice.isVisible()
    assert window.notice.text() == (
        "1 files of Lease are not read yet, so this answer does not draw on them. "
        "Resume their reading in File → Documents."
    )
    (source,) = sources_of_last_reply(window, store)  # answered from what was read
    assert source.file.endswith("terms.txt")


def test_stop_while_the_documents_are_read_takes_the_question_back(
    qtbot: QtBot, make_window: Callable[..., MainWindow], starter_model: Path, tmp_path: Path
) -> None:
    window = quick_window(qtbot, make_window, starter_model)
    note = tmp_path / "note.txt"
    note.write_text("A note.")
    window.documents.attach([note])
    window.send("What does the note say?")
    assert window.chat.replies.reply is not None

    window.stop_button.click()

    assert window.chat.replies.reply is None
    assert window.column.composer.toPlainText() == "What does the note say?"


def test_a_chat_started_by_sotto_ask_docs_opens_in_the_window_with_its_collection(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    store: ConversationStore,
    paths: AppPaths,
    library: DocumentLibrary,
    real_embedder: Embedder,
    tmp_path: Path,
) -> None:
    matter = tmp_path / "acme"
    matter.mkdir()
    (matter / "terms.txt").write_text("The buyer pays within thirty days.", encoding="utf-8")
    index_matter(matter, "Acme v Beta", library, real_embedder)
    environment = dict(os.environ, SOTTO_PASSPHRASE=TEST_PASSPHRASE)
    asked = sotto(
        "ask", "--docs", "Acme v Beta", "--max-tokens", "4", "When is payment due?",
        data_dir=paths.data_dir, env=environment,
    )  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    (conversation,) = store.list_conversations()

    window = make_window()
    window.open_conversation(conversation.id)

    assert window.session.settings.documents == "Acme v Beta"
    box = window.column.documents_box
    qtbot.wait_until(lambda: box.currentText() == "Acme v Beta", timeout=TIMEOUT_MS)
    assert window.column.documents_box.currentData() == "Acme v Beta"
