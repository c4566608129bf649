"""The document index keeps collections, documents, passages and vectors, encrypted."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import sqlcipher3
from keyring.backend import KeyringBackend

from desktop.core.documents.index import DocumentIndex, open_index
from desktop.core.documents.index_errors import (
    CollectionExistsError,
    DocumentIndexLockedError,
    DocumentIndexMissingError,
    NoSuchCollectionError,
)
from desktop.core.documents.library import KEY_PREFERENCE, DocumentLibrary, documents_path
from desktop.core.documents.records import INDEXED
from desktop.core.documents.vectors import quantize
from desktop.core.paths import AppPaths
from desktop.core.vault.database import database_files
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore
from tests.unit.core.documents.conftest import BagOfWords


@dataclass(frozen=True)
class Piece:
    page: int | None
    start: int
    end: int
    text: str
    scanned: bool = False


def put(
    index: DocumentIndex, collection: str, path: Path, texts: Sequence[str], bag: BagOfWords
) -> int:
    """Store a document of *texts* (one passage each, one after another) in *collection*."""
    found = index.find_collection(collection)
    if found is None:
        found = index.create_collection(collection, bag.name, bag.dimensions)
    index.mark_pending(found.id, [path])
    document = next(d for d in index.documents(found.id) if d.path == path)
    pieces, start = [], 0
    for text in texts:
        pieces.append(Piece(None, start, start + len(text), text))
        start += len(text) + 2
    index.store_document(
        document.id,
        size=100,
        mtime_ns=1,
        sha256="ab" * 32,
        pages=0,
        embedder=bag.name,
        passages=pieces,
        vectors=bag.embed(texts),
    )
    return document.id


def test_a_document_is_stored_and_read_back_whole(index: DocumentIndex, bag: BagOfWords) -> None:
    texts = ["The tenant pays rent monthly.", "Either party may end the lease."]
    document_id = put(index, "Lease", Path("/docs/lease.txt"), texts, bag)

    [collection] = index.collections()
    assert (collection.name, collection.embedder, collection.dimensions) == (
        "Lease",
        bag.name,
        bag.dimensions,
    )
    assert (collection.files, collection.passages, collection.failed) == (1, 2, 0)
    [document] = index.documents(collection.id)
    assert document.id == document_id and document.status == INDEXED
    assert document.path == Path("/docs/lease.txt") and document.sha256 == "ab" * 32
    passages = index.document_passages(document_id)
    assert [p.text for p in passages] == texts
    assert [(p.start, p.end) for p in passages] == [(0, 29), (31, 62)]
    ids, codes = index.vectors(collection.id)
    assert list(ids) == [p.id for p in passages]
    assert np.array_equal(codes, quantize(bag.embed(texts)))
    stored = index.db.execute("SELECT vector FROM passages ORDER BY id").fetchall()
    floats = np.stack([np.frombuffer(row[0], dtype=np.float32) for row in stored])
    assert np.array_equal(floats, bag.embed(texts))  # kept whole, to rank the best again


def test_collections_have_unique_names_and_removing_one_removes_all_of_it(
    index: DocumentIndex, bag: BagOfWords
) -> None:
    put(index, "Smith v Jones", Path("/a.txt"), ["zanzibar clause"], bag)
    put(index, "Other", Path("/b.txt"), ["another zanzibar"], bag)
    with pytest.raises(CollectionExistsError):
        index.create_collection("Other", bag.name, bag.dimensions)

    index.remove_collection("Smith v Jones")

    assert [c.name for c in index.collections()] == ["Other"]
    assert index.db.execute("SELECT count(*) FROM passages").fetchone()[0] == 1
    matches = index.db.execute(
        "SELECT rowid FROM passages_fts WHERE passages_fts MATCH 'zanzibar'"
    ).fetchall()
    assert len(matches) == 1  # the full-text index forgot the removed passage too
    with pytest.raises(NoSuchCollectionError):
        index.remove_collection("Smith v Jones")


def test_vectors_are_read_again_after_another_connection_writes(
    library: DocumentLibrary, index: DocumentIndex, bag: BagOfWords
) -> None:
    put(index, "Matter", Path("/one.txt"), ["first passage"], bag)
    collection = index.collection("Matter")
    assert len(index.vectors(collection.id)[0]) == 1
    with library.open() as writer:  # as the indexer's worker thread does
        put(writer, "Matter", Path("/two.txt"), ["second passage", "third"], bag)
    assert len(index.vectors(collection.id)[0]) == 3


def test_a_wrong_key_is_refused_and_changes_nothing(
    library: DocumentLibrary, bag: BagOfWords
) -> None:
    with library.open() as index:
        put(index, "Matter", Path("/one.txt"), ["kept"], bag)
    before = library.path.read_bytes()
    with pytest.raises(DocumentIndexLockedError):
        open_index(library.path, bytes(32))
    assert library.path.read_bytes() == before
    with library.open() as index:
        assert index.collection("Matter").passages == 1


def test_the_index_is_encrypted_at_rest_under_the_vaults_key_custody(
    paths: AppPaths, secret_service: KeyringBackend, bag: BagOfWords
) -> None:
    canary = "Quetzalcoatl-canary-7731"
    vault = VaultOpener(paths, keyring_finder=lambda: secret_service).open()
    library = DocumentLibrary.of(paths, vault)
    key_row = vault.execute(
        "SELECT value FROM preferences WHERE key = ?", (KEY_PREFERENCE,)
    ).fetchone()
    index = library.open()
    put(index, f"Matter {canary}", Path(f"/docs/{canary}.txt"), [f"secret {canary} text"], bag)

    def assert_nowhere_in_clear() -> None:
        for file in paths.data_dir.rglob("*"):
            if file.is_file():
                data = file.read_bytes()
                for needle in (canary, key_row[0]):
                    assert needle.encode() not in data, file
                    assert needle.encode("utf-16-le") not in data, file
                assert bytes.fromhex(key_row[0]) not in data, file

    assert (documents_path(paths).parent / "documents.db-wal").exists()
    assert_nowhere_in_clear()  # the WAL holds the latest writes: encrypted too
    index.close()
    vault.close()
    assert_nowhere_in_clear()

    assert documents_path(paths).exists()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(documents_path(paths)).execute("SELECT * FROM sqlite_master").fetchall()
    plain = sqlcipher3.connect(str(documents_path(paths)))  # SQLCipher, but without the key
    with pytest.raises(sqlcipher3.DatabaseError):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()


def test_forgetting_everything_removes_the_document_index(
    paths: AppPaths, secret_service: KeyringBackend, bag: BagOfWords
) -> None:
    from desktop.core.privacy.forget import forget_everything

    vault = VaultOpener(paths, keyring_finder=lambda: secret_service).open()
    with DocumentLibrary.of(paths, vault).open() as index:
        put(index, "Matter", Path("/one.txt"), ["to be forgotten"], bag)
    vault.close()
    assert documents_path(paths).exists()

    report = forget_everything(paths)

    assert report.complete
    leftovers = [p.name for p in paths.data_dir.rglob("*") if p.name.startswith("documents")]
    assert leftovers == []


@pytest.mark.parametrize("loss", ["emptied", "deleted"])
def test_an_index_lost_while_its_key_is_kept_is_refused_not_made_anew(
    paths: AppPaths, store: ConversationStore, bag: BagOfWords, loss: str
) -> None:
    with DocumentLibrary.of(paths, store.db).open() as index:
        put(index, "Matter", Path("/one.txt"), ["kept"], bag)
    path = documents_path(paths)
    for file in database_files(path):
        file.unlink(missing_ok=True)
    if loss == "emptied":
        path.write_bytes(b"")

    library = DocumentLibrary.of(paths, store.db)  # the key is still in the vault
    with pytest.raises(DocumentIndexMissingError) as refused:
        library.open()

    assert refused.value.params == {"path": str(path)}
    assert ("empty" if loss == "emptied" else "missing") in str(refused.value)
    assert path.exists() == (loss == "emptied")  # nothing made in its place
    if path.exists():
        assert path.stat().st_size == 0
    library.discard()  # the way forward the sentence gives: remove the index
    with library.open() as index:
        assert index.collections() == []


def test_a_first_index_is_made_where_none_was_kept(
    paths: AppPaths, store: ConversationStore
) -> None:
    with DocumentLibrary.of(paths, store.db).open() as index:
        assert index.collections() == []
    assert documents_path(paths).stat().st_size > 0
