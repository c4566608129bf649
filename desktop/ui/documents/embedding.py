"""The embedding model as the document windows use it: loaded once, when first needed, off
the GUI thread (loading takes a moment), and freed when Sotto closes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from desktop.core.documents.embedder import EMBEDDER_PATH, Embedder
from desktop.core.documents.search import Embeds


class OwnedEmbedder(Embeds, Protocol):
    """An embedding model that holds a resource to free (``Embedder``)."""

    def close(self) -> None: ...


EmbedderFactory = Callable[[], OwnedEmbedder]
"""Loads the embedding model (``Embedder`` for the one Sotto ships): slow, done once."""


class ChosenEmbedder:
    """An ``EmbedderFactory`` that loads the embedding model the user chose.

    The choice is made on the GUI thread (``choose``, from Settings → Documents) and read by
    whichever thread loads the model next; a model loaded before keeps working until its
    owner forgets it (``SharedEmbedder.forget``, ``DocumentSearchClient.forget_embedder``).

    Attributes:
        path: the model file the next load reads.
    """

    def __init__(self, path: Path = EMBEDDER_PATH) -> None:
        self.path = path

    def choose(self, path: Path) -> None:
        """Load *path* from the next load on."""
        self.path = path

    def __call__(self) -> Embedder:
        """Load the chosen model (slow: call it off the GUI thread).

        Raises:
            EmbedderError: the model is missing or damaged.
        """
        return Embedder(self.path)


class SharedEmbedder:
    """One embedding model for the jobs of a window, loaded by the first job that needs it.

    ``Embedder`` takes one caller at a time, so jobs on several threads may share it.
    """

    def __init__(self, factory: EmbedderFactory) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._embedder: OwnedEmbedder | None = None
        self._retired: list[OwnedEmbedder] = []

    @property
    def loaded(self) -> OwnedEmbedder | None:
        """The model, if a job has loaded it."""
        return self._embedder

    def get(self) -> OwnedEmbedder:
        """The model, loaded now if no job has yet (call it off the GUI thread).

        Raises:
            EmbedderError: the model is missing or damaged.
        """
        with self._lock:
            if self._embedder is None:
                self._embedder = self._factory()
            return self._embedder

    def forget(self) -> None:
        """Load the model anew for the next job (another was chosen). The one loaded may
        still serve a running job: it is freed by ``free_retired`` or ``close``."""
        with self._lock:
            if self._embedder is not None:
                self._retired.append(self._embedder)
                self._embedder = None

    def free_retired(self) -> None:
        """Free the models ``forget`` put aside (once no job runs)."""
        with self._lock:
            retired, self._retired = self._retired, []
        for embedder in retired:
            embedder.close()

    def close(self) -> None:
        """Free the model (once no job uses it: after ``TaskRunner.shutdown``)."""
        self.free_retired()
        with self._lock:
            if self._embedder is not None:
                self._embedder.close()
                self._embedder = None
