"""The user's document collections under one data folder: where their index is, its key,
and the few steps the window and the command line share."""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from collections.abc import Sequence
from pathlib import Path

from desktop.core.documents.index import DocumentIndex, open_index
from desktop.core.documents.index_errors import DocumentIndexMissingError
from desktop.core.documents.records import Collection
from desktop.core.documents.search import Embeds
from desktop.core.documents.vectors import VectorCache
from desktop.core.paths import AppPaths
from desktop.core.vault.custody import KEY_BYTES
from desktop.core.vault.database import Database, database_files

DOCUMENTS_FILE = "documents.db"
KEY_PREFERENCE = "documents.key"
"""The vault's ``preferences`` row that holds the index's key, in hex."""

DEFAULT_COLLECTION = "Documents"
"""The collection a chat's attached files go to when it has none. The name is stored in
English, like any name, and shown in the user's language (``desktop.text.documents``)."""


def documents_path(paths: AppPaths) -> Path:
    """Where the document index of the data folder *paths* is."""
    return paths.data_dir / DOCUMENTS_FILE


def documents_key(vault: Database) -> tuple[bytes, bool]:
    """The index's key, kept in the open *vault* (made on first use), and whether it was
    kept already: then the index was made before, and an empty or missing file is a loss."""
    row = vault.execute("SELECT value FROM preferences WHERE key = ?", (KEY_PREFERENCE,)).fetchone()
    if row is not None:
        return bytes.fromhex(row[0]), True
    key = secrets.token_bytes(KEY_BYTES)
    vault.execute("INSERT INTO preferences (key, value) VALUES (?, ?)", (KEY_PREFERENCE, key.hex()))
    return key, False


class DocumentLibrary:
    """Opens the document index; each thread that uses it opens its own ``DocumentIndex``
    (an indexing worker beside the window's searches). Every page of the file is checked at
    the first opening only: the next ones (the Documents window's, on the GUI thread) skip
    reading the whole file again, and each page read is still checked. Their connections
    share one ``VectorCache``: a collection's vectors are read into memory once per process.

    Attributes:
        path: the index's file (``documents.db`` in the data folder).
    """

    def __init__(self, path: Path, key: bytes, made: bool = False) -> None:
        """*made*: the index was made before (its key was kept), so its file must be there."""
        self.path = path
        self._key = key
        self._made = made
        self._checked = False
        self._vectors = VectorCache()  # read once for every connection of the process
        # One opening at a time: two threads making a new index would both run its
        # migrations, and a second opening waits for the first's check of every page
        # instead of checking them all again.
        self._opening = threading.Lock()

    @classmethod
    def of(cls, paths: AppPaths, vault: Database) -> DocumentLibrary:
        """The library of the data folder *paths*, whose key is kept in its open *vault*."""
        key, kept = documents_key(vault)
        return cls(documents_path(paths), key, made=kept)

    def open(self, *, reads_only: bool = False) -> DocumentIndex:
        """A connection to the index for this thread (create it on first use); close it.
        *reads_only*: the caller writes nothing, and its opening does not read the whole
        file to check every page (``open_index``).

        Raises:
            DocumentIndexMissingError: it was made, but its file is missing or empty; a new
                one is not made in its place.
            DocumentIndexLockedError: the key in the vault does not open it.
            DocumentIndexDamagedError: the file is damaged.
            StorageError: the disk is full, read-only or failing.
        """
        with self._opening:
            if self._made:
                # SQLite would take a missing or empty file for a new index and make one.
                try:
                    empty = self.path.stat().st_size == 0
                except FileNotFoundError:
                    raise DocumentIndexMissingError(str(self.path), empty=False) from None
                if empty:
                    raise DocumentIndexMissingError(str(self.path), empty=True)
            index = open_index(
                self.path,
                self._key,
                check_pages=not self._checked,
                cache=self._vectors,
                reads_only=reads_only,
            )
            self._checked = self._checked or not reads_only
            self._made = True
            return index

    def discard(self) -> None:
        """Delete the index (every collection), for one that cannot be opened or is lost:
        the next opening makes a new one. The documents themselves are the user's files and
        stay where they are."""
        with self._opening:
            for file in database_files(self.path):
                with contextlib.suppress(FileNotFoundError):
                    file.unlink()
            self._checked = False
            self._made = False
            self._vectors = VectorCache()


def add_to_collection(
    index: DocumentIndex, name: str, sources: Sequence[Path], embedder: Embeds
) -> Collection:
    """Add files or folders to the collection *name*, made (for *embedder*) if it is new;
    ``index_collection`` then reads them."""
    collection = index.find_collection(name)
    if collection is None:
        collection = index.create_collection(name, embedder.name, embedder.dimensions)
    index.add_sources(collection.id, [source_path(source) for source in sources])
    return collection


def source_path(path: Path) -> Path:
    """*path* as a collection keeps it: absolute, its links followed. ``realpath``, not
    ``resolve``: a link that leads round in a circle keeps a path, and reading it says so."""
    return Path(os.path.realpath(path.expanduser()))
