"""Indexing a collection: its files found, the new and changed ones read, split, embedded and
stored, the deleted ones removed.

A file is read again only when it changed: its size or modification time differ from those
recorded, and then its SHA-256 too (a file touched but not changed is not read again). The
files to read are first marked pending, all at once; each is then stored whole in one
transaction, which marks it indexed. A run that stops (cancelled, killed, a power cut) leaves
the rest pending, and the next run takes up exactly those. A file that cannot be read is
marked failed with the reason why (its code and values: ``failure.py``), and the others go
on; it is tried again once it changes.

Every file is opened once, without blocking, and only once it is known to be an ordinary
file (``open_document``); its hash and its text are read from that one descriptor, so a named
pipe, a socket or a device among the documents is named, never waited on.

A link inside a folder the user added is followed only where it leads to a file inside that
folder. One that leads out of it is not read: it is marked failed, with a reason that names
where it leads, so the user sees it and can add that place if they meant to.

A folder that cannot be reached (a drive not connected, a folder renamed or closed to the
user) keeps its documents as they were read: they are not taken for deleted, and the folder
is remembered as unavailable until an update reaches it again.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from desktop.core.documents.errors import DocumentAccessError, DocumentError, LinkOutsideError
from desktop.core.documents.extract import Extracted, open_document, read_document
from desktop.core.documents.failure import failure_of
from desktop.core.documents.folders import find_files, kept_folders, kept_in
from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.ocr import Recogniser
from desktop.core.documents.passages import embedded_texts, split_passages
from desktop.core.documents.records import FAILED, INDEXED, DocumentRecord, NewPassage
from desktop.core.documents.search import Embeds, check_embedder
from desktop.core.documents.time_left import TimeLeft
from desktop.core.library.digest import CancelledError, stream_sha256

if TYPE_CHECKING:
    from desktop.core.documents.index import Vectors

BATCH = 32
"""Passages embedded at once: large enough to keep the model busy, small enough to stop soon."""

Read = Callable[[BinaryIO, Path, Callable[[], bool]], Extracted]
Split = Callable[[Extracted], Sequence[NewPassage]]


@dataclass(frozen=True)
class IndexProgress:
    """How far an indexing run is.

    Attributes:
        files_done: files dealt with (read, found unchanged, or failed) of ``files_total``.
        pages: pages read so far in this run; passages: passages stored so far.
        seconds_left: an estimate (``time_left.py``), or None while there is no telling.
        current: the file being read, or None.
        recognised: (pages recognised, pages in the document) while a scan of *current* is
            read by text recognition, else None.
    """

    files_done: int
    files_total: int
    pages: int
    passages: int
    seconds_left: float | None
    current: Path | None
    recognised: tuple[int, int] | None = None


@dataclass
class IndexReport:
    """What an indexing run did.

    Attributes:
        indexed: files read and stored; unchanged: files found as they were and indexed;
        reembedded: files whose stored passages were embedded again by a new model;
        removed: files gone from the folders (their passages removed);
        failed: each file that cannot be read, with the error that says why (also stored
            as the document's ``failure``): those that failed in this run, and those found
            unchanged since they failed, links out of their folder included;
        unavailable: the folders that could not be reached, whose documents were kept;
        cancelled: the run was stopped; what is not done stays pending for the next.
    """

    indexed: list[Path] = field(default_factory=list)
    unchanged: int = 0
    reembedded: int = 0
    removed: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, DocumentError]] = field(default_factory=list)
    unavailable: list[Path] = field(default_factory=list)
    cancelled: bool = False


def index_collection(
    index: DocumentIndex,
    name: str,
    embedder: Embeds,
    *,
    on_progress: Callable[[IndexProgress], None] = lambda progress: None,
    cancelled: Callable[[], bool] = lambda: False,
    read: Read | None = None,
    split: Split = split_passages,
    batch: int = BATCH,
    clock: Callable[[], float] = time.monotonic,
) -> IndexReport:
    """Bring the collection *name* up to date with its files, on this thread. Scanned pages
    and pictures are read by text recognition, whose models are loaded at the first of them
    and let go when the run ends.

    *read* and *split* are for tests (to count what is read); *read* is ``read_document``
    with the run's recogniser unless given.

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
        read: Read | None,
        split: Split,
        batch: int,
        clock: Callable[[], float],
    ) -> None:
        self.index = index
        self.collection_id = collection_id
        self.embedder = embedder
        self.on_progress = on_progress
        self.cancelled = cancelled
        self.recogniser = Recogniser(on_page=self._recognised)
        self.read: Read = read or functools.partial(read_document, recogniser=self.recogniser)
        self.split = split
        self.batch = batch
        self.clock = clock
        self.report = IndexReport()
        self.files_done = 0
        self.files_total = 0
        self.pages = 0
        self.passages = 0
        self.time_left = TimeLeft((), clock)
        self.reading: tuple[Path, int] | None = None  # the file being read, and its size
        self.read_share = 0.0  # how much of it is done
        self.embedding_again = False  # the files are read; stored passages are embedded anew

    def go(self) -> IndexReport:
        found = find_files(self.index.sources(self.collection_id))
        files = found.files
        known = {doc.path: doc for doc in self.index.documents(self.collection_id)}
        kept = kept_folders(found, list(known))
        self.index.set_unavailable(self.collection_id, kept)
        self.report.unavailable = kept
        present = set(files) | set(found.outside)
        gone = [d for p, d in known.items() if p not in present and not kept_in(p, kept)]
        self.index.remove_documents([doc.id for doc in gone])
        self.report.removed = [doc.path for doc in gone]
        self.files_total = len(files) + len(found.outside)
        self._set_apart(found.outside, known)
        to_read: list[tuple[Path, int, int]] = []  # path, size, mtime_ns
        to_embed: list[DocumentRecord] = []
        for path in files:
            try:
                status = path.stat()
            except OSError:  # gone since the folder was read, or a symlink loop: reading says
                to_read.append((path, 0, 0))
                continue
            doc = known.get(path)
            if doc is not None and self._unchanged(doc, path, status):
                if doc.status == INDEXED and doc.embedder != self.embedder.name:
                    to_embed.append(doc)
                    continue
                self.files_done += 1
                error = doc.failure.error() if doc.failure is not None else None
                if error is not None:  # it still cannot be read: said again, not "unchanged"
                    self.report.failed.append((path, error))
                else:
                    self.report.unchanged += 1
                continue
            to_read.append((path, status.st_size, status.st_mtime_ns))
        self.index.mark_pending(self.collection_id, [path for path, _, _ in to_read])
        to_read = _kinds_first(to_read)
        self.time_left = TimeLeft(((_kind(path), size) for path, size, _ in to_read), self.clock)
        self._tell(None)
        pending = {doc.path: doc.id for doc in self.index.documents(self.collection_id)}
        for path, size, mtime_ns in to_read:
            if self.cancelled():
                self.report.cancelled = True
                return self.report
            self._index_file(pending[path], path, size, mtime_ns)
            if self.report.cancelled:
                return self.report
        self.embedding_again = True  # no telling how long: the time left is for files read
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
            with open_document(path) as file:
                same = stream_sha256(file, cancelled=self.cancelled) == doc.sha256
        except (DocumentError, OSError, CancelledError):
            return False
        if same:
            self.index.note_unchanged(doc.id, status.st_size, status.st_mtime_ns)
        return same

    def _index_file(self, document_id: int, path: Path, size: int, mtime_ns: int) -> None:
        self.reading, self.read_share = (path, size), 0.0
        self._tell(path)
        sha256 = ""
        try:
            with open_document(path) as file:
                sha256 = stream_sha256(file, cancelled=self.cancelled)
                file.seek(0)
                extracted = self.read(file, path, self.cancelled)
            passages = self.split(extracted)
            vectors = self._embed([p.text for p in passages], path)
        except CancelledError:
            self.report.cancelled = True
            return
        except DocumentError as error:
            self._failed(document_id, path, error, size, mtime_ns, sha256)
            return
        except OSError as error:
            access = DocumentAccessError.of(path.name, error)
            self._failed(document_id, path, access, size, mtime_ns, sha256)
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
        self._done()

    def _failed(
        self,
        document_id: int,
        path: Path,
        error: DocumentError,
        size: int,
        mtime_ns: int,
        sha256: str,
    ) -> None:
        """Mark the document failed for *error*: with the hash of what was read (none where
        it could not be opened), it is not read again until it changes."""
        self.index.mark_failed(
            document_id, failure_of(error), size=size, mtime_ns=mtime_ns, sha256=sha256
        )
        self.report.failed.append((path, error))
        self._done(learn=False)

    def _embed_again(self, doc: DocumentRecord) -> bool:
        self._tell(doc.path)
        vectors = self._embed(self.index.passage_texts(doc.id), doc.path)
        if vectors is None:
            return False
        self.index.store_vectors(doc.id, self.embedder.name, vectors)
        self.report.reembedded += 1
        self.files_done += 1
        self._tell(None)
        return True

    def _embed(self, passages: Sequence[str], path: Path) -> Vectors | None:
        """The vectors of *passages* (the document's, in order), each read after the
        document's title (``embedded_texts``), embedded in batches; None once cancelled."""
        texts = embedded_texts(path, passages)
        parts = []
        for begin in range(0, len(texts), self.batch):
            if self.cancelled():
                return None
            parts.append(self.embedder.embed(texts[begin : begin + self.batch]))
            self._read_up_to(min(begin + self.batch, len(texts)) / len(texts))
            self._tell(path)
        import numpy as np  # here, not at the top: it weighs on the start of the window

        if not parts:
            return np.empty((0, self.embedder.dimensions), np.float32)
        return np.concatenate(parts).astype(np.float32, copy=False)

    def _recognised(self, done: int, total: int) -> None:
        """A page of a scan was read: the file counts as read in proportion (embedding it
        takes the last share)."""
        if self.reading is not None:
            self._read_up_to(done / (total + 1))
            self._tell(self.reading[0], recognised=(done, total))

    def _read_up_to(self, share: float, learn: bool = True) -> None:
        """*share* of the file being read is done (none when re-embedding)."""
        if self.reading is None or share <= self.read_share:
            return
        path, size = self.reading
        self.time_left.advance(_kind(path), size * (share - self.read_share), learn)
        self.read_share = share

    def _done(self, learn: bool = True) -> None:
        self._read_up_to(1.0, learn)
        self.reading = None
        self.files_done += 1
        self._tell(None)

    def _tell(self, current: Path | None, recognised: tuple[int, int] | None = None) -> None:
        self.on_progress(
            IndexProgress(
                files_done=self.files_done,
                files_total=self.files_total,
                pages=self.pages,
                passages=self.passages,
                seconds_left=None if self.embedding_again else self.time_left.seconds(),
                current=current,
                recognised=recognised,
            )
        )


def _kinds_first(files: list[tuple[Path, int, int]]) -> list[tuple[Path, int, int]]:
    """*files* with the first of each kind of file moved to the front: the time each kind
    takes is then known early, and with it the time left (``time_left.py``)."""
    first: dict[str, tuple[Path, int, int]] = {}
    for item in files:
        first.setdefault(_kind(item[0]), item)
    return [*first.values(), *(item for item in files if first[_kind(item[0])] is not item)]


def _kind(path: Path) -> str:
    """The kind of file *path* is, as the time it takes goes (``time_left.py``)."""
    return path.suffix.lower()


def _failed_for(doc: DocumentRecord | None, error: DocumentError) -> bool:
    """Whether *doc* is marked failed for *error* already."""
    return doc is not None and doc.failure is not None and doc.failure == failure_of(error)
