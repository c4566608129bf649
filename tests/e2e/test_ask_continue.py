"""``sotto ask --continue [ID]``: the next question of the last conversation (or the one
named), saved in it; the model reads its history and the passages its questions were given,
from the collection it was started with; files of the collection not read yet are named."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from desktop.core.app_settings import PASSAGES_PER_QUESTION, AppSettings
from desktop.core.chat.session import ChatSession
from desktop.core.chat.settings import ChatSettings
from desktop.core.documents.embedder import Embedder
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import DocumentLibrary, add_to_collection
from desktop.core.paths import AppPaths
from desktop.core.vault.sources import Source, SourceStore
from desktop.core.vault.store import ConversationStore, StoredMessage
from tests.conftest import TEST_PASSPHRASE
from tests.e2e.sotto_process import sotto
from tests.ui.documents.documents_helpers import library, real_embedder, write_topics

__all__ = ["library", "real_embedder"]  # fixtures


def ask(paths: AppPaths, *args: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, SOTTO_PASSPHRASE=TEST_PASSPHRASE)
    return sotto(
        "ask", "--max-tokens", "4", "--temperature", "0", *args,
        data_dir=paths.data_dir, env=environment,
    )  # fmt: skip


def replies(store: ConversationStore, conversation_id: int) -> list[StoredMessage]:
    return [m for m in store.messages(conversation_id) if m.role == "assistant"]


def sources(store: ConversationStore, reply: StoredMessage) -> tuple[Source, ...]:
    return SourceStore(store.db).of([reply.id]).get(reply.id, ())


def saved_chat(store: ConversationStore, question: str, answer: str) -> int:
    """A conversation of one exchange, as the window saves it; its id."""
    session = ChatSession(store, ChatSettings())
    session.send(question, "SmolLM2-135M-Instruct.Q4_1")
    session.reply_finished(answer)
    assert session.conversation is not None
    return session.conversation.id


def test_continue_saves_the_next_question_in_the_last_conversation_or_the_one_named(
    paths: AppPaths, store: ConversationStore
) -> None:
    colour = saved_chat(store, "Name a colour.", "Blue.")
    fruit = saved_chat(store, "Name a fruit.", "A pear.")

    latest = ask(paths, "--continue", "And another one?")  # the question after a bare flag
    named = ask(paths, "--continue", str(colour), "And a second colour?")

    assert latest.returncode == 0, latest.stderr
    assert named.returncode == 0, named.stderr
    assert latest.stdout.strip() and named.stdout.strip()
    assert len(store.list_conversations()) == 2  # no new conversation
    assert [m.content.strip() for m in store.messages(fruit)] == [
        "Name a fruit.",
        "A pear.",
        "And another one?",
        latest.stdout.strip(),
    ]
    assert [m.content for m in store.messages(colour) if m.role == "user"] == [
        "Name a colour.",
        "And a second colour?",
    ]


def test_continue_names_a_conversation_that_is_not_there_and_refuses_incognito(
    paths: AppPaths, store: ConversationStore
) -> None:
    nothing = ask(paths, "--continue", "Hello again?")
    assert nothing.returncode == 2 and "There is no conversation to continue yet" in nothing.stderr
    saved_chat(store, "Hello?", "Hello.")
    missing = ask(paths, "--continue", "41", "Hello?")
    assert missing.returncode == 2
    assert "There is no conversation 41. `sotto history list` shows them." in missing.stderr
    incognito = ask(paths, "--incognito", "--continue", "Hello?")
    assert incognito.returncode == 2 and "cannot continue a conversation" in incognito.stderr
    assert len(store.list_conversations()) == 1


def test_continue_is_given_the_earlier_passages_from_the_conversations_collection(
    paths: AppPaths,
    store: ConversationStore,
    library: DocumentLibrary,
    real_embedder: Embedder,
    tmp_path: Path,
) -> None:
    large = write_topics(tmp_path / "large", count=40)  # searched, never given whole
    # One passage a question: a short prompt, read quickly.
    AppSettings(paths.settings_path).set(PASSAGES_PER_QUESTION, 1)
    with library.open() as index:
        add_to_collection(index, "Large", [large], real_embedder)
        index_collection(index, "Large", real_embedder)

    assert ask(paths, "--docs", "Large", "When must the invoice be paid?").returncode == 0
    with library.open() as index:  # a file added, not read yet (as while it is indexed)
        index.mark_pending(index.collection("Large").id, [large / "late.txt"])
    searched = ask(paths, "--continue", "And where are the goods delivered?")
    assert searched.returncode == 0, searched.stderr
    assert "Not read yet, so this answer does not draw on them: late.txt." in searched.stderr
    (large_chat,) = store.list_conversations()
    first, second = replies(store, large_chat.id)
    newest = max(s.number for s in sources(store, first))
    new = [s for s in sources(store, second) if s.number > newest]
    assert new and any("Rotterdam" in s.text for s in new)  # numbered after the earlier ones
    assert f"[{new[0].number}] " in searched.stdout  # listed with the numbers cited
