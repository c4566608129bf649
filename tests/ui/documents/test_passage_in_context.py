"""A source opened from a reply highlights exactly the passage the reply was given, scrolled
into view, also when the collection was given whole: a clause, not the whole document."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pytestqt.qtbot import QtBot

from desktop.core.chat.records import Entry
from desktop.core.documents.embedder import Embedder
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import DocumentLibrary, add_to_collection
from desktop.core.documents.prompt import grounded_messages
from desktop.core.documents.retrieval import choose_passages
from desktop.core.inference.types import Message
from desktop.core.vault.sources import Source
from desktop.ui.documents.passage_dialog import PassageDialog
from tests.ui.documents.documents_helpers import library, real_embedder

__all__ = ["library", "real_embedder"]  # fixtures

CONTEXT = 32_768
"""A model whose share of the context holds the whole collection."""
QUESTION = "When is the rent paid?"


def clauses() -> list[str]:
    found = [f"Clause {n}. The tenant keeps garden number {n} tidy and mown." for n in range(70)]
    found[52] = "Clause 52. The tenant shall pay the rent on the third day of each month."
    return found


def write(folder: Path, kind: str) -> None:
    folder.mkdir()
    if kind == "txt":
        (folder / "lease.txt").write_text("\n\n".join(clauses()), encoding="utf-8")
        return
    document = docx.Document()
    document.add_heading("Lease", level=1)
    for clause in clauses():
        document.add_paragraph(clause)
    document.save(str(folder / "lease.docx"))


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_the_cited_passage_of_a_collection_given_whole_is_highlighted_alone(
    qtbot: QtBot, tmp_path: Path, library: DocumentLibrary, real_embedder: Embedder, kind: str
) -> None:
    folder = tmp_path / "matter"
    write(folder, kind)
    with library.open() as index:
        add_to_collection(index, "Matter", [folder], real_embedder)
        index_collection(index, "Matter", real_embedder)
        [document] = index.documents(index.collection("Matter").id)
        hits = choose_passages(index, "Matter", QUESTION, 3, CONTEXT, lambda: real_embedder)
        assert len(hits) > 2  # given whole, passage by passage
        question = Entry(Message(role="user", content=QUESTION))
        cited = next(n for n, hit in enumerate(hits, 1) if "pay the rent" in hit.text)
        sources = grounded_messages([question], hits, CONTEXT).sources(f"[{cited}]")
        source: Source = sources[cited - 1]
        dialog = PassageDialog(source, index)
        qtbot.add_widget(dialog)
        dialog.resize(640, 360)
        dialog.show()
        qtbot.wait_exposed(dialog)

        assert dialog.in_context
        marked = dialog.mark.selectedText().replace("\u2029", "\n")
        assert marked == source.text
        assert "pay the rent" in marked
        whole = "".join(p.text for p in index.document_passages(document.id))
        assert len(marked) < len(whole) / 3  # the clause, not the whole document
        assert len(dialog.text.toPlainText()) > len(marked)  # shown among its neighbours
        assert dialog.text.verticalScrollBar().value() > 0  # scrolled down to it
        cursor = dialog.text.textCursor()
        cursor.setPosition(dialog.mark.selectionStart())
        assert dialog.text.viewport().rect().contains(dialog.text.cursorRect(cursor))
