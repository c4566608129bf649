"""Searching the user's documents on a thread of its own, so that a question never waits on
the GUI thread for the embedding model or the index."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.library import DocumentLibrary
from desktop.core.documents.retrieval import choose_passages
from desktop.core.documents.search import Hit, search
from desktop.core.errors import InternalError, UserError
from desktop.ui.documents.embedding import EmbedderFactory, OwnedEmbedder


class DocumentSearchWorker(QObject):
    """Answers searches; lives on the search thread.

    It keeps one connection to the index (which keeps each collection's vectors in memory
    until the collection changes) and one embedding model, both opened on first use, on
    this thread.

    Signals:
        found(int, list[Hit]): the passages for the request with this id, best first (or
            the whole collection, in document order: ``retrieval.choose_passages``).
        failed(int, UserError): the request with this id could not be answered.
        listed(list[str]): the collections' names.
        outdated(list[str]): the collections with documents another model embedded.
    """

    found = Signal(int, object)
    failed = Signal(int, object)
    listed = Signal(object)
    outdated = Signal(object)

    def __init__(self, library: DocumentLibrary, embedder: EmbedderFactory) -> None:
        super().__init__()
        self._library = library
        self._make_embedder = embedder
        self._index: DocumentIndex | None = None
        self._embedder: OwnedEmbedder | None = None

    @Slot(int, str, str, int)
    def search(self, request_id: int, collection: str, question: str, k: int) -> None:
        self._answer(request_id, lambda: self._search(collection, question, k))

    @Slot(int, str, str, int, object, object)
    def choose_passages(
        self,
        request_id: int,
        collection: str,
        question: str,
        k: int,
        context: int | None,
        earlier: Sequence[str],
    ) -> None:
        self._answer(
            request_id,
            lambda: choose_passages(
                self._opened(), collection, question, k, context, self._loaded_embedder, earlier
            ),
        )

    @Slot()
    def list_collections(self) -> None:
        """Say the collections' names (none where the index cannot be opened: the Documents
        window says why) on a fresh connection, which sees what other threads wrote; then
        read their vectors into memory (what changed since the last time), so that the next
        question does not wait for them. Asked after unlocking and after each indexing."""
        if self._index is not None:
            self._index.close()
            self._index = None
        try:
            names = [collection.name for collection in self._opened().collections()]
        except UserError:
            self.listed.emit([])
            return
        self.listed.emit(names)
        with contextlib.suppress(UserError):  # a search says it, when one is asked for
            self.outdated.emit(self._opened().outdated_collections())
            self._opened().load_vectors()

    @Slot()
    def forget_embedder(self) -> None:
        """Free the model: the next search loads the one chosen then."""
        if self._embedder is not None:
            self._embedder.close()
            self._embedder = None

    @Slot()
    def close(self) -> None:
        """Free the model and the connection, and end the search thread's event loop."""
        if self._index is not None:
            self._index.close()
            self._index = None
        self.forget_embedder()
        QThread.currentThread().quit()

    def _answer(self, request_id: int, work: Callable[[], list[Hit]]) -> None:
        try:
            hits = work()
        except UserError as error:
            self.failed.emit(request_id, error)
            return
        except Exception:  # a bug: the chat goes on, and the error still surfaces
            self.failed.emit(request_id, InternalError())
            raise
        self.found.emit(request_id, hits)

    def _search(self, collection: str, question: str, k: int) -> list[Hit]:
        index = self._opened()
        index.collection(collection)  # a missing collection says so before the model loads
        return search(index, collection, question, k, embedder=self._loaded_embedder())

    def _loaded_embedder(self) -> OwnedEmbedder:
        if self._embedder is None:
            self._embedder = self._make_embedder()
        return self._embedder

    def _opened(self) -> DocumentIndex:
        if self._index is None:
            self._index = self._library.open()
        return self._index


class DocumentSearchClient(QObject):
    """The GUI thread's handle on the search worker and its thread.

    Requests are answered one at a time, in order; each answer carries the id of its
    request, so a caller can drop the answer to a question it no longer asks. Its signals
    repeat the worker's on the GUI thread: connect to these.

    Signals:
        found(int, list[Hit]), failed(int, UserError): as ``DocumentSearchWorker``'s.
        listed(list[str]): the collections' names, asked for with ``list_collections``.
        outdated(list[str]): then those with documents another model embedded.
    """

    found = Signal(int, object)
    failed = Signal(int, object)
    listed = Signal(object)
    outdated = Signal(object)
    _list_requested = Signal()
    _search_requested = Signal(int, str, str, int)
    _choose_requested = Signal(int, str, str, int, object, object)
    _close_requested = Signal()
    _forget_requested = Signal()

    def __init__(
        self,
        library: DocumentLibrary,
        embedder: EmbedderFactory = Embedder,
        parent: QObject | None = None,
    ) -> None:
        """Search *library*'s index with the model *embedder* loads (on first use, on the
        search thread)."""
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("document search")
        self.worker = DocumentSearchWorker(library, embedder)
        self.worker.moveToThread(self._thread)
        self._search_requested.connect(self.worker.search)
        self._choose_requested.connect(self.worker.choose_passages)
        self._close_requested.connect(self.worker.close)
        self._forget_requested.connect(self.worker.forget_embedder)
        self._list_requested.connect(self.worker.list_collections)
        self.worker.listed.connect(self.listed)
        self.worker.outdated.connect(self.outdated)
        self.worker.found.connect(self.found)
        self.worker.failed.connect(self.failed)
        self._thread.start()

    def search(self, request_id: int, collection: str, question: str, k: int) -> None:
        """Ask for the *k* passages of *collection* that best answer *question*; the answer
        is ``found`` or ``failed``, with *request_id*."""
        self._search_requested.emit(request_id, collection, question, k)

    def choose_passages(
        self,
        request_id: int,
        collection: str,
        question: str,
        k: int,
        context: int | None,
        earlier: Sequence[str] = (),
    ) -> None:
        """Ask for the text of *collection* a model of *context* tokens (None: a model on a
        server) is given with *question*: the whole collection when it fits its share of the
        context, else the *k* passages that best answer the question read with the *earlier*
        questions of its chat (``retrieval.choose_passages``); the answer is ``found`` or
        ``failed``."""
        self._choose_requested.emit(request_id, collection, question, k, context, list(earlier))

    def list_collections(self) -> None:
        """Ask for the collections' names, as the index has them now: ``listed``."""
        self._list_requested.emit()

    def forget_embedder(self) -> None:
        """Free the embedding model after the searches asked before: the next one loads the
        model chosen then (the factory's choice)."""
        self._forget_requested.emit()

    def shutdown(self) -> None:
        """Free the model and the connection on their own thread, and end the thread."""
        if self._thread.isRunning():
            self._close_requested.emit()
            self._thread.wait()
