"""The user's document collections under one data folder: where their index is, its key,
and the few steps the window and the command line share."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from desktop.core.documents.index import (
    Collection,
    DocumentIndex,
    documents_key,
    documents_path,
    open_index,
)
from desktop.core.documents.search import Embeds
from desktop.core.paths import AppPaths
from desktop.core.vault.database import Database, database_files

DEFAULT_COLLECTION = "Documents"


class DocumentLibrary:
    """Opens the document index; each thread that uses it opens its own ``DocumentIndex``
    (an indexing worker beside the window's searches). Every page of the file is checked at
    the first opening only: the next ones (the Documents window's, on the GUI thread) skip
    reading the whole file again, and each page read is still checked.

    Attributes:
        path: the index's file (``documents.db`` in the data folder).
    """

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._key = key
        self._checked = False

    @classmethod
    def of(cls, paths: AppPaths, vault: Database) -> DocumentLibrary:
        """The library of the data folder *paths*, whose key is kept in its open *vault*."""
        return cls(documents_path(paths), documents_key(vault))

    def open(self) -> DocumentIndex:
        """A connection to the index for this thread (create it on first use); close it.

        Raises:
            DocumentIndexLockedError: the key in the vault does not open it.
            DocumentIndexDamagedError: the file is damaged.
            StorageError: the disk is full, read-only or failing.
        """
        index = open_index(self.path, self._key, check_pages=not self._checked)
        self._checked = True
        return index

    def discard(self) -> None:
        """Delete the index (every collection), for one that cannot be opened: the
        documents themselves are the user's files and stay where they are."""
        for file in database_files(self.path):
            with contextlib.suppress(FileNotFoundError):
                file.unlink()
        self._checked = False


def add_to_collection(
    index: DocumentIndex, name: str, sources: Sequence[Path], embedder: Embeds
) -> Collection:
    """Add files or folders to the collection *name*, made (for *embedder*) if it is new;
    ``index_collection`` then reads them."""
    collection = index.find_collection(name)
    if collection is None:
        collection = index.create_collection(name, embedder.name, embedder.dimensions)
    index.add_sources(collection.id, [source.expanduser().resolve() for source in sources])
    return collection
