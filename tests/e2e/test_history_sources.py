"""``sotto history show`` prints under each reply answered from documents its sources,
numbered as it cites them, with the file, the page and the passage."""

from __future__ import annotations

from pathlib import Path

from desktop.core.vault.sources import Source, SourceStore
from desktop.core.vault.store import ConversationStore
from tests.conftest import TEST_PASSPHRASE
from tests.e2e.sotto_process import sotto, without_keyring


def test_history_show_prints_each_replys_sources(tmp_path: Path, store: ConversationStore) -> None:
    conversation = store.create_conversation(model="starter")
    store.add_message(conversation.id, "user", "When is the rent due?")
    reply = store.add_message(conversation.id, "assistant", "On the 5th [1], signed [2].")
    store.add_message(conversation.id, "user", "Thanks.")
    store.add_message(conversation.id, "assistant", "You are welcome.")
    SourceStore(store.db).add(
        reply.id,
        [
            Source(1, "/matter/lease.pdf", 3, 10, 60, "The tenant pays\nthe rent on the 5th."),
            Source(2, "/matter/scan\x1b.pdf", 1, 0, 20, "签字 Signed by both", scanned=True),
        ],
    )

    shown = sotto(
        "history",
        "show",
        str(conversation.id),
        data_dir=tmp_path / "data",
        env=without_keyring(TEST_PASSPHRASE),
    )

    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.endswith(
        "starter:\nOn the 5th [1], signed [2].\n\n"
        "Sources:\n"
        "[1] /matter/lease.pdf, page 3\n"
        "    The tenant pays the rent on the 5th.\n"
        "[2] /matter/scan\\x1b.pdf, page 1 (read from a scan: words may be misread)\n"
        "    签字 Signed by both\n\n"
        "You:\nThanks.\n\n"
        "starter:\nYou are welcome.\n\n"
    )
