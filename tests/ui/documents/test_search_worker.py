"""The document search worker answers on its own thread with the real index and model, and
says why when it cannot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.index_errors import NoSuchCollectionError
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import DocumentLibrary, add_to_collection
from desktop.core.documents.search import Hit
from desktop.ui.documents.search_worker import DocumentSearchClient, DocumentSearchWorker
from tests.ui.documents.documents_helpers import SharedModel, library, real_embedder, write_matter

__all__ = ["library", "real_embedder"]  # fixtures


@pytest.fixture
def matter(tmp_path: Path, library: DocumentLibrary, real_embedder: Embedder) -> Path:
    folder = write_matter(tmp_path / "Acme v Beta")
    with library.open() as index:
        add_to_collection(index, "Acme v Beta", [folder], real_embedder)
        report = index_collection(index, "Acme v Beta", real_embedder)
    assert len(report.indexed) == 4
    return folder


@pytest.fixture
def client(
    qtbot: QtBot, library: DocumentLibrary, real_embedder: Embedder
) -> Iterator[DocumentSearchClient]:
    client = DocumentSearchClient(library, lambda: SharedModel(real_embedder))
    yield client
    client.shutdown()


def test_a_search_finds_the_passages_that_answer_the_question(
    qtbot: QtBot, matter: Path, client: DocumentSearchClient
) -> None:
    with qtbot.wait_signal(client.found) as found:
        client.search(7, "Acme v Beta", "When must the invoice be paid?", 3)
    request_id, hits = found.args
    assert request_id == 7
    assert len(hits) == 3
    assert all(isinstance(hit, Hit) for hit in hits)
    assert "invoice" in hits[0].text
    for hit in hits:
        assert hit.file.read_text(encoding="utf-8")[hit.start : hit.end] == hit.text


def test_a_missing_collection_fails_with_a_sentence(
    qtbot: QtBot, matter: Path, client: DocumentSearchClient
) -> None:
    with qtbot.wait_signal(client.failed) as failed:
        client.search(3, "No such matter", "anything", 3)
    request_id, error = failed.args
    assert request_id == 3
    assert isinstance(error, NoSuchCollectionError)


def test_a_small_collection_is_given_whole_and_verbatim(
    qtbot: QtBot, matter: Path, client: DocumentSearchClient
) -> None:
    with qtbot.wait_signal(client.found) as found:
        client.choose_passages(1, "Acme v Beta", "invoice", 3, 1_000_000)  # a huge context
    _, hits = found.args
    files = sorted(matter.iterdir())
    assert sorted({hit.file for hit in hits}) == files  # its passages, each overlap once
    for file in files:
        text = file.read_text(encoding="utf-8")
        pieces = [hit for hit in hits if hit.file == file]
        assert all(text[hit.start : hit.end] == hit.text for hit in pieces)
        assert " ".join(hit.text for hit in pieces).split() == text.split()


def test_a_large_collection_is_searched_instead(
    qtbot: QtBot, matter: Path, client: DocumentSearchClient
) -> None:
    with qtbot.wait_signal(client.found) as found:
        client.choose_passages(2, "Acme v Beta", "Where are the goods delivered?", 2, 100)
    _, hits = found.args
    assert len(hits) == 2
    assert "Rotterdam" in hits[0].text


def test_listing_the_collections_reads_their_vectors_before_any_question(
    matter: Path, library: DocumentLibrary, real_embedder: Embedder
) -> None:
    worker = DocumentSearchWorker(library, lambda: SharedModel(real_embedder))
    worker.list_collections()  # as after unlocking, and after each indexing
    reads: list[str] = []
    with library.open() as index:
        index.db._connection.set_trace_callback(reads.append)
        ids, _ = index.vectors(index.collection("Acme v Beta").id)
    assert len(ids) > 0
    assert not [r for r in reads if "codes FROM vector_blocks" in r]  # in memory already


def test_collections_another_model_embedded_are_named_after_listing(
    qtbot: QtBot, matter: Path, library: DocumentLibrary, client: DocumentSearchClient
) -> None:
    with library.open() as index:
        assert index.outdated_collections() == []
        index.db.execute("UPDATE documents SET embedder = 'an older model'")  # as an upgrade
        assert index.outdated_collections() == ["Acme v Beta"]
    with qtbot.wait_signal(client.outdated, timeout=60_000) as outdated:
        client.list_collections()
    assert outdated.args == [["Acme v Beta"]]
