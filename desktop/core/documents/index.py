"""The document index: collections, their files, passages, full-text index and vectors, kept
in a SQLCipher database of their own beside the vault (``documents.db``).

A second database lets the indexer write from a worker thread on a connection of its own
while the window keeps the vault. It is opened by the vault's own ``open_database`` (raw key,
``cipher_memory_security``, ``temp_store`` in memory, ``secure_delete``, WAL, mode 0600), with
the schema below. Its key is 32 random bytes kept inside the vault (``library.py``): without
the vault's key the index cannot be read, and forgetting everything, which deletes the vault's
key first, shreds it too.

Word search has an FTS5 index of its own, filled here as passages are stored
(``fulltext.py``). Vectors are float32 BLOBs, one per passage, and a block of int8 codes per
document, which a ``VectorCache`` keeps in memory for search and brings up to date when the
collection's ``generation`` (raised by every write) says it changed, whichever connection
wrote (``vectors.py``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.documents.failure import Failure
from desktop.core.documents.fulltext import index_words
from desktop.core.documents.index_errors import (
    CollectionExistsError,
    DocumentIndexDamagedError,
    DocumentIndexLockedError,
    NoSuchCollectionError,
)
from desktop.core.documents.records import (
    FAILED,
    INDEXED,
    PENDING,
    Collection,
    DocumentRecord,
    NewPassage,
    PassageRecord,
)
from desktop.core.documents.schema import DOCUMENT_MIGRATIONS
from desktop.core.documents.upkeep import do_upkeep
from desktop.core.documents.vectors import VectorCache, write_block
from desktop.core.vault.database import Database, open_database
from desktop.core.vault.errors import VaultDamagedError, WrongKeyError

if TYPE_CHECKING:  # numpy is imported where vectors are used: it weighs on a start
    import numpy as np
    import numpy.typing as npt

    Vectors = npt.NDArray[np.float32]
    Codes = npt.NDArray[np.int8]


def open_index(
    path: Path,
    key: bytes,
    check_pages: bool = True,
    cache: VectorCache | None = None,
    reads_only: bool = False,
) -> DocumentIndex:
    """Open (or create) the document index at *path*, on this thread; *cache* keeps the
    vectors read (shared by the connections of a ``DocumentLibrary``). *reads_only*: the
    caller writes nothing (a command that searches or lists), so every page is checked only
    if a write must be made after all, such as a migration; each page read is checked.

    Raises:
        DocumentIndexLockedError: *key* does not open it; it is not changed.
        DocumentIndexDamagedError: it is damaged; it is not changed.
        StorageError: the disk is full, read-only or failing.
    """
    try:
        database = open_database(
            path,
            key,
            migrations=DOCUMENT_MIGRATIONS,
            check_pages=check_pages,
            when_writing=reads_only,
        )
        try:
            do_upkeep(database)
        except BaseException:
            database.close()
            raise
        return DocumentIndex(database, cache)
    except WrongKeyError as error:
        raise DocumentIndexLockedError(str(path)) from error
    except VaultDamagedError as error:
        raise DocumentIndexDamagedError(str(path)) from error


class DocumentIndex:
    """The stored collections, documents, passages and vectors, on one connection (use it on
    the thread that opened it).

    Attributes:
        db: the open database.
    """

    def __init__(self, db: Database, cache: VectorCache | None = None) -> None:
        self.db = db
        self._cache = VectorCache() if cache is None else cache

    def close(self) -> None:
        self.db.close()

    # Collections

    def create_collection(self, name: str, embedder: str, dimensions: int) -> Collection:
        """A new, empty collection.

        Raises:
            CollectionExistsError: one has that name.
        """
        if self.find_collection(name) is not None:
            raise CollectionExistsError(name)
        self.db.execute(
            "INSERT INTO collections (name, embedder, dimensions, created_at) VALUES (?, ?, ?, ?)",
            (name, embedder, dimensions, int(time.time() * 1000)),
        )
        return self.collection(name)

    def find_collection(self, name: str, counted: bool = True) -> Collection | None:
        """The collection called *name*, with its counts (0 unless *counted*: counting its
        passages reads all of them), or None."""
        found = [c for c in self._collections("WHERE c.name = ?", (name,), counted)]
        return found[0] if found else None

    def collection(self, name: str, counted: bool = True) -> Collection:
        """The collection called *name* (its counts 0 unless *counted*).

        Raises:
            NoSuchCollectionError: there is none.
        """
        found = self.find_collection(name, counted)
        if found is None:
            raise NoSuchCollectionError(name)
        return found

    def collections(self) -> list[Collection]:
        """Every collection, by name."""
        return self._collections("", ())

    def outdated_collections(self) -> list[str]:
        """The collections holding documents another model embedded (Sotto's own model
        changed, or the collection's): their vectors are not searched until an update embeds
        their stored passages again."""
        rows = self.db.execute(
            "SELECT DISTINCT c.name FROM collections c JOIN documents d"
            f" ON d.collection_id = c.id WHERE d.status = '{INDEXED}'"
            " AND d.embedder != c.embedder ORDER BY c.name"
        ).fetchall()
        return [str(row[0]) for row in rows]

    def remove_collection(self, name: str) -> None:
        """Remove the collection and everything stored of it (its passages overwritten on
        disk: ``secure_delete``).

        Raises:
            NoSuchCollectionError: there is none.
        """
        collection = self.collection(name)
        with self.db.transaction():
            self.db.execute("DELETE FROM collections WHERE id = ?", (collection.id,))
        self._cache.forget(collection.id)

    def set_embedder(self, collection_id: int, embedder: str, dimensions: int) -> None:
        """Make *embedder* the collection's: documents embedded by another one are embedded
        again by the next indexing, and their vectors are not searched until then."""
        with self.db.transaction():
            self.db.execute(
                "UPDATE collections SET embedder = ?, dimensions = ? WHERE id = ?",
                (embedder, dimensions, collection_id),
            )
            self._bump(collection_id)

    def _collections(
        self, where: str, params: tuple[object, ...], counted: bool = True
    ) -> list[Collection]:
        if not counted:
            rows = self.db.execute(
                "SELECT c.id, c.name, c.embedder, c.dimensions, c.created_at, c.generation "
                f"FROM collections c {where}",
                params,
            ).fetchall()
            return [Collection(*row) for row in rows]
        rows = self.db.execute(
            f"""
            SELECT c.id, c.name, c.embedder, c.dimensions, c.created_at, c.generation,
                (SELECT count(*) FROM documents d WHERE d.collection_id = c.id
                    AND d.status = '{INDEXED}'),
                (SELECT count(*) FROM documents d WHERE d.collection_id = c.id
                    AND d.status = '{FAILED}'),
                (SELECT count(*) FROM documents d WHERE d.collection_id = c.id
                    AND d.status = '{PENDING}'),
                (SELECT count(*) FROM passages p JOIN documents d ON d.id = p.document_id
                    WHERE d.collection_id = c.id)
            FROM collections c {where} ORDER BY c.name
            """,
            params,
        ).fetchall()
        return [Collection(*row) for row in rows]

    # Sources: the files and folders the user added

    def add_sources(self, collection_id: int, sources: Sequence[Path]) -> None:
        """Add files or folders (absolute paths) to the collection; one there already stays."""
        now = int(time.time() * 1000)
        self.db.executemany(
            "INSERT OR IGNORE INTO sources (collection_id, path, added_at) VALUES (?, ?, ?)",
            [(collection_id, str(source), now) for source in sources],
        )

    def remove_source(self, collection_id: int, source: Path) -> None:
        """Take a file or folder out of the collection; the next indexing removes its
        documents."""
        self.db.execute(
            "DELETE FROM sources WHERE collection_id = ? AND path = ?",
            (collection_id, str(source)),
        )

    def sources(self, collection_id: int) -> list[Path]:
        """The files and folders of the collection, in the order they were added."""
        rows = self.db.execute(
            "SELECT path FROM sources WHERE collection_id = ? ORDER BY id", (collection_id,)
        )
        return [Path(row[0]) for row in rows]

    def set_unavailable(self, collection_id: int, folders: Sequence[Path]) -> None:
        """Remember *folders* as the collection's that its last update could not reach (their
        documents kept): these, and no others."""
        with self.db.transaction():
            self.db.execute(
                "DELETE FROM unavailable_folders WHERE collection_id = ?", (collection_id,)
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO unavailable_folders (collection_id, path) VALUES (?, ?)",
                [(collection_id, str(folder)) for folder in folders],
            )

    def unavailable(self, collection_id: int) -> list[Path]:
        """The folders of the collection its last update could not reach, by path."""
        rows = self.db.execute(
            "SELECT path FROM unavailable_folders WHERE collection_id = ? ORDER BY path",
            (collection_id,),
        )
        return [Path(row[0]) for row in rows]

    # Documents

    def documents(self, collection_id: int) -> list[DocumentRecord]:
        """The collection's documents, by path."""
        rows = self.db.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE collection_id = ? ORDER BY path",
            (collection_id,),
        )
        return [_document(row) for row in rows]

    def document(self, document_id: int) -> DocumentRecord | None:
        row = self.db.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return None if row is None else _document(row)

    def mark_pending(self, collection_id: int, paths: Sequence[Path]) -> None:
        """Mark these files to be read (again), adding those not known yet: a run that stops
        leaves them pending, and the next takes them up. Their passages stay searchable
        until new ones replace them."""
        with self.db.transaction():
            for path in paths:
                self.db.execute(
                    f"""
                    INSERT INTO documents (collection_id, path, status) VALUES (?, ?, '{PENDING}')
                    ON CONFLICT (collection_id, path) DO UPDATE SET status = '{PENDING}'
                    """,
                    (collection_id, str(path)),
                )

    def store_document(
        self,
        document_id: int,
        *,
        size: int,
        mtime_ns: int,
        sha256: str,
        pages: int,
        embedder: str,
        passages: Sequence[NewPassage],
        vectors: Vectors,
    ) -> None:
        """Replace the document's passages and vectors with these, and mark it indexed, in
        one transaction."""
        if len(passages) != len(vectors):
            raise ValueError(f"{len(passages)} passages but {len(vectors)} vectors")
        import numpy as np

        blobs = np.ascontiguousarray(vectors, dtype=np.float32)
        with self.db.transaction():
            collection_id = self._collection_of(document_id)
            [(path,)] = self.db.execute("SELECT path FROM documents WHERE id = ?", (document_id,))
            self.db.execute("DELETE FROM passages WHERE document_id = ?", (document_id,))
            self.db.executemany(
                "INSERT INTO passages (document_id, page, char_start, char_end, text, vector, "
                "scanned) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (document_id, p.page, p.start, p.end, p.text, blobs[i].tobytes(), p.scanned)
                    for i, p in enumerate(passages)
                ],
            )
            inserted = "SELECT id FROM passages WHERE document_id = ? ORDER BY id"
            ids = np.array([row[0] for row in self.db.execute(inserted, (document_id,))], np.int64)
            texts = [(int(i), p.text) for i, p in zip(ids, passages, strict=True)]
            index_words(self.db, path, texts)
            stamp = self._bump(collection_id)
            write_block(self.db, document_id, collection_id, embedder, stamp, ids, blobs)
            self.db.execute(
                f"""
                UPDATE documents SET size = ?, mtime_ns = ?, sha256 = ?, pages = ?,
                    embedder = ?, status = '{INDEXED}', reason = '', failure = '',
                    failure_values = '{{}}', failure_details = '', indexed_at = ?
                WHERE id = ?
                """,
                (size, mtime_ns, sha256, pages, embedder, int(time.time() * 1000), document_id),
            )

    def store_vectors(self, document_id: int, embedder: str, vectors: Vectors) -> None:
        """Replace the vectors of the document's passages (in passage order) with these, made
        by *embedder*, in one transaction."""
        ids = [row[0] for row in self.db.execute(_PASSAGE_IDS, (document_id,))]
        if len(ids) != len(vectors):
            raise ValueError(f"{len(ids)} passages but {len(vectors)} vectors")
        import numpy as np

        blobs = np.ascontiguousarray(vectors, dtype=np.float32)
        with self.db.transaction():
            self.db.executemany(
                "UPDATE passages SET vector = ? WHERE id = ?",
                [(blobs[i].tobytes(), passage) for i, passage in enumerate(ids)],
            )
            self.db.execute(
                "UPDATE documents SET embedder = ? WHERE id = ?", (embedder, document_id)
            )
            collection_id = self._collection_of(document_id)
            stamp = self._bump(collection_id)
            write_block(
                self.db, document_id, collection_id, embedder, stamp, np.array(ids, np.int64), blobs
            )

    def passage_texts(self, document_id: int) -> list[str]:
        """The texts of the document's passages, in order (to embed them again)."""
        rows = self.db.execute(
            "SELECT text FROM passages WHERE document_id = ? ORDER BY char_start, id",
            (document_id,),
        )
        return [row[0] for row in rows]

    def note_unchanged(self, document_id: int, size: int, mtime_ns: int) -> None:
        """The file was touched but its content is the same: remember its new size and time."""
        self.db.execute(
            "UPDATE documents SET size = ?, mtime_ns = ? WHERE id = ?",
            (size, mtime_ns, document_id),
        )

    def mark_failed(
        self, document_id: int, failure: Failure, *, size: int, mtime_ns: int, sha256: str
    ) -> None:
        """The document cannot be read, for the reason *failure* keeps; its passages go. It
        is tried again once the file changes."""
        with self.db.transaction():
            collection_id = self._collection_of(document_id)
            self.db.execute("DELETE FROM passages WHERE document_id = ?", (document_id,))
            self.db.execute("DELETE FROM vector_blocks WHERE document_id = ?", (document_id,))
            self.db.execute(
                f"""
                UPDATE documents SET status = '{FAILED}', reason = '', failure = ?,
                    failure_values = ?, failure_details = ?, size = ?, mtime_ns = ?,
                    sha256 = ?, pages = 0 WHERE id = ?
                """,
                (
                    failure.code,
                    failure.values,
                    failure.details,
                    size,
                    mtime_ns,
                    sha256,
                    document_id,
                ),
            )
            self._bump(collection_id)

    def remove_documents(self, document_ids: Sequence[int]) -> None:
        """Remove these documents with their passages and vectors."""
        if not document_ids:
            return
        with self.db.transaction():
            collections = set()
            for document_id in document_ids:
                collections.add(self._collection_of(document_id))
                self.db.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            for collection_id in collections:
                self._bump(collection_id)

    # Passages and vectors

    def passages(self, passage_ids: Sequence[int]) -> dict[int, PassageRecord]:
        """The passages with these ids, by id."""
        found: dict[int, PassageRecord] = {}
        for chunk in _chunks(passage_ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT {_PASSAGE_COLUMNS} {_PASSAGE_FROM} WHERE p.id IN ({marks})", chunk
            )
            for row in rows:
                found[row[0]] = _passage(row)
        return found

    def document_passages(self, document_id: int) -> list[PassageRecord]:
        """The document's passages, in the order of the text."""
        rows = self.db.execute(
            f"SELECT {_PASSAGE_COLUMNS} {_PASSAGE_FROM} WHERE p.document_id = ? "
            "ORDER BY p.char_start, p.id",
            (document_id,),
        )
        return [_passage(row) for row in rows]

    def vectors(
        self, collection_id: int, gaps: bool = False
    ) -> tuple[npt.NDArray[np.int64], Codes]:
        """The passage ids of the collection and their int8 codes (one row each), made by
        the collection's embedder: read once, and again as they change (``vectors.py``).
        With *gaps*, as search reads them: rows left by passages gone (id -1) included."""
        ids, codes = self._cache.vectors(self.db, collection_id)
        if gaps or bool((ids >= 0).all()):
            return ids, codes
        live = ids >= 0
        return ids[live], codes[live]

    def load_vectors(self) -> None:
        """Read every collection's vectors into memory now (a search does it otherwise)."""
        for collection in self.collections():
            self.vectors(collection.id)

    def _collection_of(self, document_id: int) -> int:
        row = self.db.execute(
            "SELECT collection_id FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return int(row[0]) if row is not None else 0

    def _bump(self, collection_id: int) -> int:
        """Raise the collection's generation; the new one."""
        row = self.db.execute(
            "UPDATE collections SET generation = generation + 1 WHERE id = ? RETURNING generation",
            (collection_id,),
        ).fetchone()
        return int(row[0]) if row is not None else 0

    def __enter__(self) -> DocumentIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_DOCUMENT_COLUMNS = (
    "id, collection_id, path, size, mtime_ns, sha256, status, pages, embedder, "
    "failure, failure_values, failure_details, reason"
)
_PASSAGE_COLUMNS = (
    "p.id, p.document_id, d.path, p.page, p.char_start, p.char_end, p.text, p.scanned"
)
_PASSAGE_FROM = "FROM passages p JOIN documents d ON d.id = p.document_id"
_PASSAGE_IDS = "SELECT id FROM passages WHERE document_id = ? ORDER BY char_start, id"


def _document(row: Sequence[object]) -> DocumentRecord:
    values = list(row[:9])
    values[2] = Path(str(values[2]))
    code, stored, details, sentence = (str(value) for value in row[9:])
    failed = values[6] == FAILED
    values.insert(7, Failure(code, stored, details, sentence) if failed else None)
    return DocumentRecord(*values)  # type: ignore[arg-type]


def _passage(row: Sequence[object]) -> PassageRecord:
    values = list(row)
    values[2] = Path(str(values[2]))
    values[7] = bool(values[7])
    return PassageRecord(*values)  # type: ignore[arg-type]


def _chunks(items: Sequence[int], size: int) -> Iterator[list[int]]:
    for begin in range(0, len(items), size):
        yield list(items[begin : begin + size])
