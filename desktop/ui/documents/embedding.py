"""The embedding model as the document windows use it: loaded once, when first needed, off
the GUI thread (loading takes a moment), and freed when Sotto closes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from desktop.core.documents.search import Embeds


class OwnedEmbedder(Embeds, Protocol):
    """An embedding model that holds a resource to free (``Embedder``)."""

    def close(self) -> None: ...


EmbedderFactory = Callable[[], OwnedEmbedder]
"""Loads the embedding model (``Embedder`` for the one Sotto ships): slow, done once."""


class SharedEmbedder:
    """One embedding model for the jobs of a window, loaded by the first job that needs it.

    ``Embedder`` takes one caller at a time, so jobs on several threads may share it.
    """

    def __init__(self, factory: EmbedderFactory) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._embedder: OwnedEmbedder | None = None

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

    def close(self) -> None:
        """Free the model (once no job uses it: after ``TaskRunner.shutdown``)."""
        with self._lock:
            if self._embedder is not None:
                self._embedder.close()
                self._embedder = None
