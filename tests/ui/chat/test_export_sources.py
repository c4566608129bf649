"""A conversation answered from documents keeps its sources on the way out: exported to
Markdown and to Word (read back with python-docx), and printed, each reply's sources follow
it, numbered as it cites them, with the file, the page and the passage."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.vault.sources import Source, SourceStore
from desktop.core.vault.store import ConversationStore
from desktop.ui.chat.conversation_export import conversation_document
from desktop.ui.window.main_window import MainWindow

SOURCES = (
    Source(1, "/matter/lease.pdf", 3, 10, 60, "The tenant pays the rent\non the 5th.", False),
    Source(2, "/matter/scan.pdf", 1, 0, 20, "签字 Signed by both parties", True),
)


def test_export_and_print_carry_each_replys_sources(
    make_window: Callable[..., MainWindow],
    store: ConversationStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conversation = store.create_conversation(model="starter")
    store.add_message(conversation.id, "user", "When is the rent due, and is it signed?")
    reply = store.add_message(conversation.id, "assistant", "On the 5th [1], signed [2].")
    SourceStore(store.db).add(reply.id, SOURCES)
    window = make_window()
    window.open_conversation(conversation.id)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: QMessageBox.StandardButton.Yes)

    exported = {}
    for suffix in (".md", ".docx"):
        target = str(tmp_path / f"lease{suffix}")
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, t=target: (t, ""))
        exported[suffix] = window.export_conversation()

    markdown = exported[".md"]
    assert markdown is not None
    text = markdown.read_text(encoding="utf-8")
    assert text.index("On the 5th [1], signed [2].") < text.index("**Sources**")
    assert "\\[1\\] /matter/lease.pdf, page 3\n\n> The tenant pays the rent on the 5th.\n" in text
    assert "\\[2\\] /matter/scan.pdf, page 1 (read from a scan: words may be misread)" in text

    word = exported[".docx"]
    assert word is not None
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    after = paragraphs[paragraphs.index("On the 5th [1], signed [2].") + 1 :]
    assert after == [
        "Sources",
        "[1] /matter/lease.pdf, page 3",
        "The tenant pays the rent on the 5th.",
        "[2] /matter/scan.pdf, page 1 (read from a scan: words may be misread)",
        "签字 Signed by both parties",
    ]

    printed = conversation_document(*window.export_turns()).toPlainText()
    assert "[1] /matter/lease.pdf, page 3\nThe tenant pays the rent on the 5th." in printed
