"""What the document index holds, as its readers get it: collections, documents (with
their status and, for a file that could not be read, why) and passages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from desktop.core.documents.failure import Failure

PENDING = "pending"
INDEXED = "indexed"
FAILED = "failed"


@dataclass(frozen=True)
class Collection:
    """A named set of documents searched together (a "matter").

    Attributes:
        embedder: the name of the embedding model its vectors come from.
        dimensions: the length of its vectors.
        generation: raised by every change to its documents.
        files: documents indexed; failed: documents that could not be read; pending:
            documents waiting to be (re)indexed; passages: passages indexed.
    """

    id: int
    name: str
    embedder: str
    dimensions: int
    created_at: int
    generation: int
    files: int = 0
    failed: int = 0
    pending: int = 0
    passages: int = 0


@dataclass(frozen=True)
class DocumentRecord:
    """One file of a collection, as last seen.

    Attributes:
        status: ``PENDING`` (to be read, or being read), ``INDEXED`` or ``FAILED``.
        failure: why it failed (``FAILED``), or None.
        pages: its pages (0 for a file without pages).
        embedder: the embedding model that made its vectors ("" before any).
    """

    id: int
    collection_id: int
    path: Path
    size: int
    mtime_ns: int
    sha256: str
    status: str
    failure: Failure | None
    pages: int
    embedder: str


@dataclass(frozen=True)
class PassageRecord:
    """A stored passage: ``text`` is the document's extracted text from ``start`` to ``end``;
    ``scanned``: it was read by text recognition (a scanned page or a picture)."""

    id: int
    document_id: int
    path: Path
    page: int | None
    start: int
    end: int
    text: str
    scanned: bool


class NewPassage(Protocol):
    """A passage to store (``passages.Passage`` is one)."""

    @property
    def page(self) -> int | None: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def scanned(self) -> bool: ...
