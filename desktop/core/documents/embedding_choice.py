"""Which embedding model indexes and searches the user's documents, and how many passages
each question gets: the user's choices in ``settings.json``.

A collection remembers the model that embedded it; another model chosen later does not drop
its index: the next update or search meets ``EmbedderChangedError`` and asks first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from desktop.core.app_settings import EMBEDDING_MODEL, PASSAGES_PER_QUESTION, AppSettings
from desktop.core.documents.embedder import EMBEDDER_PATH
from desktop.core.library.installed import InstalledModel

DEFAULT_PASSAGES = 5
MAX_PASSAGES = 20
"""More passages than this would crowd the question out of a small model's context."""


def embedding_models(installed: Iterable[InstalledModel]) -> list[InstalledModel]:
    """The embedding models among *installed* (the library's) whose files are all here."""
    return [model for model in installed if model.present and model.for_documents]


def chosen_embedder_path(settings: AppSettings, installed: Sequence[Path]) -> Path:
    """The embedding model the user chose, if it is one of *installed* (the embedding models
    of the library), else the one built in."""
    chosen = settings.get(EMBEDDING_MODEL)
    if isinstance(chosen, str) and Path(chosen) in installed:
        return Path(chosen)
    return EMBEDDER_PATH


def passages_per_question(settings: AppSettings) -> int:
    """How many passages of the documents go with each question (5 unless the user chose)."""
    return settings.get_int(PASSAGES_PER_QUESTION, DEFAULT_PASSAGES, 1, MAX_PASSAGES)
