"""Indexing a collection: its files found, the new and changed ones read, split, embedded and
stored, the deleted ones removed.

A file is read again only when it changed: its size or modification time differ from those
recorded, and then its SHA-256 too (a file touched but not changed is not read again). The
files to read are first marked pending, all at once; each is then stored whole in one
transaction, which marks it indexed. A run that stops (cancelled, killed, a power cut) leaves
the rest pending, and the next run takes up exactly those. A file that cannot be read is
marked failed with the reason why (its code and values: ``failure.py``), and the others go
on; it is tried again once it changes.

A link inside a folder the user added is followed only where it leads to a file inside that
folder. One that leads out of it is not read: it is marked failed, with a reason that names
where it leads, so the user sees it and can add that place if they meant to.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.documents.errors import DocumentAccessError, DocumentError, LinkOutsideError
from desktop.core.documents.extract import SUPPORTED_SUFFIXES, Extracted, extract
from desktop.core.documents.failure import failure_of
from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.passages import split_passages
from desktop.core.documents.records import FAILED, INDEXED, DocumentRecord, NewPassage
from desktop.core.documents.search import Embeds, check_embedder
from desktop.core.library.digest import CancelledError, file_sha256

if TYPE_CHECKING:
    from desktop.core.documents.index import Vectors

BATCH = 32
"""Passages embedded at once: large enough to keep the model busy, small enough to stop soon."""

Extract = Callable[[Path, Callable[[], bool]], Extracted]
Split = Callable[[Extracted], Sequence[NewPassage]]


@dataclass(frozen=True)
class IndexProgress:
    """How far an indexing run is.

    Attributes:
        files_done: files dealt with (read, found unchanged, or failed) of ``files_total``.
        pages: pages read so far in this run; passages: passages stored so far.
        seconds_left: an estimate from the bytes read so far, or None before there is one.
        current: the file being read, or None.
    """

    files_done: int
    files_total: int
    pages: int
    passages: int
    seconds_left: float | None
    current: Path | None


@dataclass
class IndexReport:
    """What an indexing run did.

    Attributes:
        indexed: files read and stored; unchanged: files found as they were;
        reembedded: files whose stored passages were embedded again by a new model;
        removed: files gone from the folders (their passages removed);
        failed: each file that could not be read, with the error that says why (also
            stored as the document's ``failure``), links out of their folder included;
        cancelled: the run was stopped; what is not done stays pending for the next.
    """

    indexed: list[Path] = field(default_factory=list)
    unchanged: int = 0
    reembedded: int = 0
    removed: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, DocumentError]] = field(default_factory=list)
    cancelled: bool = False


@dataclass
class Found:
    """What a collection's sources hold.

    Attributes:
        files: the documents Sotto reads, sorted.
        outside: the links that lead out of the folder they are in, each with why it is
            not followed.
    """

    files: list[Path] = field(default_factory=list)
    outside: dict[Path, LinkOutsideError] = field(default_factory=dict)


def find_files(sources: Sequence[Path]) -> Found:
    """The documents Sotto reads among *sources* (files, and folders searched through):
    hidden files and folders, and Office's lock files (``~$``), are left out; links out of
    their folder are set apart."""
    found: set[Path] = set()
    outside: dict[Path, LinkOutsideError] = {}
    for source in sources:
        if source.is_file():
            if source.suffix.lower() in SUPPORTED_SUFFIXES:
                found.add(source)
            continue
        for folder, folders, files in os.walk(source):
            folders[:] = [name for name in folders if not name.startswith(".")]
            # A link to a folder is listed in folders, and not walked into.
            readable = {name for name in files if Path(name).suffix.lower() in SUPPORTED_SUFFIXES}
            for name in [*folders, *readable]:
                path = Path(folder, name)
                if not _wanted(name):
                    continue
                target = path.resolve() if path.is_symlink() else path
                if not target.is_relative_to(source):
                    outside[path] = LinkOutsideError(name, str(target), str(source))
                elif name in readable:
                    found.add(path)
    return Found(sorted(found), outside)


def _wanted(name: str) -> bool:
    return not name.startswith((".", "~$"))


def index_collection(
    index: DocumentIndex,
    name: str,
    embedder: Embeds,
    *,
    on_progress: Callable[[IndexProgress], None] = lambda progress: None,
    cancelled: Callable[[], bool] = lambda: False,
    read: Extract = extract,
    split: Split = split_passages,
    batch: int = BATCH,
    clock: Callable[[], float] = time.monotonic,
) -> IndexReport:
    """Bring the collection *name* up to date with its files, on this thread.

    *read* and *split* are for tests (to count what is read).

    Raises:
        NoSuchCollectionError: there is no such collection.
        EmbedderChangedError: *embedder* is not the collection's (``DocumentIndex.set_embedder``
            makes it so, and then this embeds the stored passages again).
        StorageError: the disk is full, read-only or failing.
    """
    collection = index.collection(name)
    check_embedder(collection, embedder)
    run = _Run(index, collection.id, embedder, on_progress, cancelled, read, split, batch, clock)
    return run.go()


class _Run:
    def __init__(
        self,
        index: DocumentIndex,
        collection_id: int,
        embedder: Embeds,
        on_progress: Callable[[IndexProgress], None],
        cancelled: Callable[[], bool],
        read: Extract,
        split: Split,
        batch: int,
        clock: Callable[[], float],
    ) -> None:
        self.index = index
        self.collection_id = collection_id
        self.embedder = embedder
        self.on_progress = on_progress
        self.cancelled = cancelled
        self.read = read
        self.split = split
        self.batch = batch
        self.clock = clock
        self.report = IndexReport()
        self.files_done = 0
        self.files_total = 0
        self.pages = 0
        self.passages = 0
        self.bytes_left = 0
        self.bytes_done = 0
        self.started = clock()

    def go(self) -> IndexReport:
        found = find_files(self.index.sources(self.collection_id))
        files = found.files
        known = {doc.path: doc for doc in self.index.documents(self.collection_id)}
        present = set(files) | set(found.outside)
        gone = [doc for path, doc in known.items() if path not in present]
        self.index.remove_documents([doc.id for doc in gone])
        self.report.removed = [doc.path for doc in gone]
        self.files_total = len(files) + len(found.outside)
        self._set_apart(found.outside, known)
        to_read: list[tuple[Path, int, int]] = []  # path, size, mtime_ns
        to_embed: list[DocumentRecord] = []
        for path in files:
            try:
                status = path.stat()
            except OSError:  # gone since the folder was read: reading it says why
                to_read.append((path, 0, 0))
                continue
            doc = known.get(path)
            if doc is not None and self._unchanged(doc, path, status):
                if doc.status == INDEXED and doc.embedder != self.embedder.name:
                    to_embed.append(doc)
                else:
                    self.report.unchanged += 1
                    self.files_done += 1
                continue
            to_read.append((path, status.st_size, status.st_mtime_ns))
        self.index.mark_pending(self.collection_id, [path for path, _, _ in to_read])
        self.bytes_left = sum(size for _, size, _ in to_read)
        self._tell(None)
        pending = {doc.path: doc.id for doc in self.index.documents(self.collection_id)}
        for path, size, mtime_ns in to_read:
            if self.cancelled():
                self.report.cancelled = True
                return self.report
            self._index_file(pending[path], path, size, mtime_ns)
            if self.report.cancelled:
                return self.report
        for doc in to_embed:
            if self.cancelled() or not self._embed_again(doc):
                self.report.cancelled = True
                return self.report
        return self.report

    def _set_apart(
        self, links: dict[Path, LinkOutsideError], known: dict[Path, DocumentRecord]
    ) -> None:
        """Mark the links out of their folder failed, saying where they lead."""
        new = [path for path in links if not _failed_for(known.get(path), links[path])]
        self.index.mark_pending(self.collection_id, new)
        ids = {doc.path: doc.id for doc in self.index.documents(self.collection_id)}
        for path, error in links.items():
            if path in new:
                self.index.mark_failed(ids[path], failure_of(error), size=0, mtime_ns=0, sha256="")
                self.report.failed.append((path, error))
            else:
                self.report.unchanged += 1
            self.files_done += 1

    def _unchanged(self, doc: DocumentRecord, path: Path, status: os.stat_result) -> bool:
        if doc.status not in (INDEXED, FAILED):
            return False  # pending: a run stopped before it was stored
        if doc.failure is not None and doc.failure.error() is None:
            return False  # its reason was kept in English (an older Sotto), or by a newer one
        if doc.size == status.st_size and doc.mtime_ns == status.st_mtime_ns:
            return True
        if doc.size != status.st_size or not doc.sha256:
            return False
        try:
            same = file_sha256(path, cancelled=self.cancelled) == doc.sha256
        except (OSError, CancelledError):
            return False
        if same:
            self.index.note_unchanged(doc.id, status.st_size, status.st_mtime_ns)
        return same

    def _index_file(self, document_id: int, path: Path, size: int, mtime_ns: int) -> None:
        self._tell(path)
        try:
            sha256 = file_sha256(path, cancelled=self.cancelled)
            extracted = self.read(path, self.cancelled)
            passages = self.split(extracted)
            vectors = self._embed([p.text for p in passages], path, size)
        except CancelledError:
            self.report.cancelled = True
            return
        except DocumentError as error:
            self._failed(document_id, path, error, size, mtime_ns)
            return
        except OSError as error:
            self._failed(
                document_id, path, DocumentAccessError.of(path.name, error), size, mtime_ns
            )
            return
        if vectors is None:
            self.report.cancelled = True
            return
        pages = sum(1 for page in extracted.pages if page.number is not None)
        self.index.store_document(
            document_id,
            size=size,
            mtime_ns=mtime_ns,
            sha256=sha256,
            pages=pages,
            embedder=self.embedder.name,
            passages=passages,
            vectors=vectors,
        )
        self.report.indexed.append(path)
        self.pages += pages
        self.passages += len(passages)
        self._done(size)

    def _failed(
        self, document_id: int, path: Path, error: DocumentError, size: int, mtime_ns: int
    ) -> None:
        try:
            sha256 = file_sha256(path)
        except OSError:
            sha256 = ""
        self.index.mark_failed(
            document_id, failure_of(error), size=size, mtime_ns=mtime_ns, sha256=sha256
        )
        self.report.failed.append((path, error))
        self._done(size)

    def _embed_again(self, doc: DocumentRecord) -> bool:
        self._tell(doc.path)
        vectors = self._embed(self.index.passage_texts(doc.id), doc.path, 0)
        if vectors is None:
            return False
        self.index.store_vectors(doc.id, self.embedder.name, vectors)
        self.report.reembedded += 1
        self.files_done += 1
        self._tell(None)
        return True

    def _embed(self, texts: Sequence[str], path: Path, size: int) -> Vectors | None:
        """The vectors of *texts*, embedded in batches; None once cancelled."""
        parts = []
        for begin in range(0, len(texts), self.batch):
            if self.cancelled():
                return None
            parts.append(self.embedder.embed(texts[begin : begin + self.batch]))
            share = min(begin + self.batch, len(texts)) / len(texts)
            self._tell(path, partly=int(size * share))
        import numpy as np  # here, not at the top: it weighs on the start of the window

        if not parts:
            return np.empty((0, self.embedder.dimensions), np.float32)
        return np.concatenate(parts).astype(np.float32, copy=False)

    def _done(self, size: int) -> None:
        self.files_done += 1
        self.bytes_done += size
        self.bytes_left -= size
        self._tell(None)

    def _tell(self, current: Path | None, partly: int = 0) -> None:
        done = self.bytes_done + partly
        seconds_left = None
        if done > 0:
            seconds_left = (self.clock() - self.started) / done * max(self.bytes_left - partly, 0)
        self.on_progress(
            IndexProgress(
                files_done=self.files_done,
                files_total=self.files_total,
                pages=self.pages,
                passages=self.passages,
                seconds_left=seconds_left,
                current=current,
            )
        )


def _failed_for(doc: DocumentRecord | None, error: DocumentError) -> bool:
    """Whether *doc* is marked failed for *error* already."""
    return doc is not None and doc.failure is not None and doc.failure == failure_of(error)
