"""What the API's routes use: the model's thread, the models, the token, the user's documents,
and the network log where each request is listed."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.requests import Request

from desktop.core.api.caller import caller_name
from desktop.core.api.errors import ApiError
from desktop.core.api.model_host import ModelHost, ReplyQueue
from desktop.core.i18n import QT_TRANSLATE_NOOP, Marked
from desktop.core.library.installed import InstalledModel
from desktop.core.privacy.network import NetworkGuard

if TYPE_CHECKING:
    from desktop.core.documents.embedder import Embedder, Vectors
    from desktop.core.documents.library import DocumentLibrary
    from desktop.core.documents.search import Hit

ANSWER = QT_TRANSLATE_NOOP("NetworkAction", "Answer another app on this computer")
EMBED = QT_TRANSLATE_NOOP("NetworkAction", "Embed text for another app on this computer")
LIST = QT_TRANSLATE_NOOP("NetworkAction", "List the models for another app on this computer")
"""The actions of the local API's requests, as the network log lists them."""


class ApiDocuments:
    """The user's documents as the API reads them: passages for a question, and the
    embedding model for ``/v1/embeddings``, loaded at the first use and kept."""

    def __init__(self, library: DocumentLibrary, embedder_path: Path, per_question: int) -> None:
        self._library = library
        self._embedder_path = embedder_path
        self._per_question = per_question
        self._embedder: Embedder | None = None
        self._lock = threading.Lock()

    def passages(self, collection: str, question: str, context: int | None) -> list[Hit]:
        """The passages of *collection* a model of *context* tokens is given with *question*,
        chosen as the window chooses them (on a thread of the caller's: it reads the index).

        Raises:
            NoSuchCollectionError: there is no such collection.
        """
        from desktop.core.documents.retrieval import choose_passages

        with self._library.open() as index:
            return choose_passages(
                index, collection, question, self._per_question, context, self.embedder
            )

    def embedder(self) -> Embedder:
        """The documents' embedding model (the one chosen in Settings → Documents)."""
        with self._lock:
            if self._embedder is None:
                from desktop.core.documents.embedder import Embedder

                self._embedder = Embedder(self._embedder_path)
            return self._embedder

    def embed(self, texts: Sequence[str]) -> tuple[str, Vectors]:
        """The model's name and the vectors of *texts*."""
        embedder = self.embedder()
        return embedder.name, embedder.embed(texts)

    def close(self) -> None:
        with self._lock:
            if self._embedder is not None:
                self._embedder.close()
                self._embedder = None


@dataclass
class ApiService:
    """Everything the routes need, built by the window or by ``sotto serve``.

    Attributes:
        host: the thread that owns the model.
        models: the chat models installed (read from any thread).
        token: the token requests must show (read at each request).
        origins: the web origins the user allows, normalized (read at each request).
        documents: the user's documents, or None where they cannot be read.
        guard: the network guard whose log lists each request, or None.
        queue: the requests placed with the model.
    """

    host: ModelHost
    models: Callable[[], Sequence[InstalledModel]]
    token: Callable[[], str]
    origins: Callable[[], Collection[str]]
    documents: ApiDocuments | None = None
    guard: NetworkGuard | None = None
    queue: ReplyQueue = field(default_factory=ReplyQueue)

    def chat_models(self) -> list[InstalledModel]:
        """The installed models that chat (not the documents' embedding models)."""
        return [m for m in self.models() if m.present and not m.for_documents]

    def chat_model(self, name: str) -> InstalledModel:
        """The chat model called *name*.

        Raises:
            ApiError: (400) there is none.
        """
        models = self.chat_models()
        for model in models:
            if model.name == name:
                return model
        names = ", ".join(m.name for m in models) or "none"
        raise ApiError(
            400,
            f"There is no model called {name} in Sotto. Installed models: {names}.",
            code="model_not_found",
        )

    def record(self, request: Request, action: Marked, model: str) -> None:
        """List *request* in the network log as local, with the calling program's name where
        the system tells it (looked up on another thread: it reads every connection)."""
        guard = self.guard
        if guard is None:
            return
        client = request.client
        peer = None if client is None else (client.host, client.port)
        port = request.url.port or 0

        def note() -> None:
            guard.record_local(caller_name(peer, port), action, model)

        asyncio.get_running_loop().run_in_executor(None, note)
