"""Why a document failed is kept as its reason's code and values, written in the user's
language when shown; an index an older Sotto wrote (its reasons in English) is brought up to
date and still shows them; a link out of a document folder is not followed, and says so."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core.documents.errors import (
    DocumentAccessError,
    DocumentTooLargeError,
    EmptyDocumentError,
    LinkOutsideError,
)
from desktop.core.documents.failure import Failure, failure_of
from desktop.core.documents.folders import find_files
from desktop.core.documents.index import DocumentIndex, open_index
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import add_to_collection
from desktop.core.documents.records import FAILED, INDEXED
from desktop.core.documents.schema import DOCUMENT_MIGRATIONS
from desktop.core.i18n import Marked
from desktop.core.units import Bytes
from desktop.core.vault.database import open_database
from tests.unit.core.documents.conftest import BagOfWords


def documents(index: DocumentIndex, name: str = "Matter") -> dict[str, tuple[str, Failure | None]]:
    found = index.documents(index.collection(name).id)
    return {doc.path.name: (doc.status, doc.failure) for doc in found}


def test_a_reason_comes_back_with_its_values_under_the_sentence_of_today() -> None:
    denied = DocumentAccessError.of("lease.pdf", PermissionError(13, "Permission denied"))
    for error in (
        denied,
        EmptyDocumentError("notes.txt"),
        DocumentTooLargeError("atlas.pdf", Bytes(200_000_000)),
        LinkOutsideError("archive", "/srv/old", "/home/me/matter"),
    ):
        failure = failure_of(error)
        assert error.template not in failure.values  # no English sentence kept
        restored = failure.error()
        assert restored is not None
        assert type(restored) is type(error)
        assert restored.params == error.params and str(restored) == str(error)
        assert restored.details == error.details
    access = failure_of(denied).error()  # its phrase is translated too, and its size
    assert access is not None and isinstance(access.params["reason"], Marked)
    too_large = failure_of(DocumentTooLargeError("a", Bytes(5))).error()
    assert too_large is not None and isinstance(too_large.params["limit"], Bytes)


def test_a_reason_a_newer_sotto_wrote_is_not_guessed_at() -> None:
    assert Failure("a-reason-from-the-future", '{"name": "x.pdf"}').error() is None


def test_an_index_written_before_reasons_had_codes_still_shows_them(
    tmp_path: Path, bag: BagOfWords
) -> None:
    path, key = tmp_path / "documents.db", bytes(range(32))
    sentence = "broken.pdf is damaged, or is not the kind of file its name says."
    old = open_database(path, key, migrations=DOCUMENT_MIGRATIONS[:1])  # as a first release made it
    old.execute(
        "INSERT INTO collections (name, embedder, dimensions) VALUES ('Matter', ?, ?)",
        (bag.name, bag.dimensions),
    )
    old.execute(
        "INSERT INTO documents (collection_id, path, status, reason) VALUES (1, ?, ?, ?)",
        (str(tmp_path / "broken.pdf"), FAILED, sentence),
    )
    old.close()

    with open_index(path, key) as index:
        status, failure = documents(index)["broken.pdf"]
    assert status == FAILED and failure is not None
    assert failure.error() is None and failure.sentence == sentence  # shown as it was


def test_a_reason_in_english_from_an_older_sotto_is_read_again(
    tmp_path: Path, index: DocumentIndex, bag: BagOfWords
) -> None:
    folder = tmp_path / "matter"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    add_to_collection(index, "Matter", [folder], bag)
    index_collection(index, "Matter", bag)
    index.db.execute("UPDATE documents SET failure = '', reason = 'empty.txt has no text in it.'")

    report = index_collection(index, "Matter", bag)

    assert [path.name for path, _ in report.failed] == ["empty.txt"]
    _, failure = documents(index)["empty.txt"]
    assert failure is not None and failure.code == EmptyDocumentError.code


def test_a_link_out_of_the_folder_is_not_followed_and_says_where_it_leads(
    tmp_path: Path, index: DocumentIndex, bag: BagOfWords
) -> None:
    elsewhere = tmp_path / "private"
    elsewhere.mkdir()
    (elsewhere / "diary.txt").write_text("Dear diary, the zebra secret.")
    folder = tmp_path / "matter"
    folder.mkdir()
    (folder / "lease.txt").write_text("The tenant pays the zebra rent.")
    os.symlink(elsewhere / "diary.txt", folder / "diary.txt")  # a file out of the folder
    os.symlink(elsewhere, folder / "private")  # a whole folder out of it
    os.symlink(folder / "lease.txt", folder / "lease-link.txt")  # inside: followed
    add_to_collection(index, "Matter", [folder], bag)

    found = find_files([folder])
    assert [path.name for path in found.files] == ["lease-link.txt", "lease.txt"]
    assert sorted(path.name for path in found.outside) == ["diary.txt", "private"]

    report = index_collection(index, "Matter", bag)

    shown = documents(index)
    assert shown["lease.txt"][0] == shown["lease-link.txt"][0] == INDEXED
    for name in ("diary.txt", "private"):
        status, failure = shown[name]
        error = failure.error() if failure is not None else None
        assert status == FAILED and isinstance(error, LinkOutsideError)
        assert error.params["folder"] == str(folder)
    assert shown["private"][1].error().params["target"] == str(elsewhere)  # type: ignore[union-attr]
    assert sorted(path.name for path, _ in report.failed) == ["diary.txt", "private"]
    collection = index.collection("Matter")
    assert collection.passages == 2  # nothing of the diary was read
    for document in index.documents(collection.id):
        assert all("diary" not in p.text for p in index.document_passages(document.id))

    again = index_collection(index, "Matter", bag)  # stored once, still said, not "unchanged"
    assert sorted(path.name for path, _ in again.failed) == ["diary.txt", "private"]
    assert again.unchanged == 2 and documents(index) == shown
