"""Which embedding model indexes and searches the user's documents (the user's choice, kept
in the vault), and how many passages each question gets (in ``settings.json``).

A collection remembers the model that embedded it; another model chosen later does not drop
its index: the next update or search meets ``EmbedderChangedError`` and asks first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from desktop.core.app_settings import DEFAULT_PASSAGES, PASSAGES_PER_QUESTION, AppSettings
from desktop.core.documents.embedder import EMBEDDER_PATH
from desktop.core.library.installed import InstalledModel
from desktop.core.vault.preferences import ModelChoices

# DEFAULT_PASSAGES is declared with the settings' schema; the chat reads it from here.
__all__ = ["DEFAULT_PASSAGES", "chosen_embedder_path", "embedding_models", "passages_per_question"]


def embedding_models(installed: Iterable[InstalledModel]) -> list[InstalledModel]:
    """The embedding models among *installed* (the library's) whose files are all here."""
    return [model for model in installed if model.present and model.for_documents]


def chosen_embedder_path(choices: ModelChoices, installed: Sequence[Path]) -> Path:
    """The embedding model the user chose, if it is one of *installed* (the embedding models
    of the library), else the one built in."""
    chosen = choices.embedding_model()
    return chosen if chosen is not None and chosen in installed else EMBEDDER_PATH


def passages_per_question(settings: AppSettings) -> int:
    """How many passages of the documents go with each question (5 unless the user chose)."""
    passages: int = settings.get(PASSAGES_PER_QUESTION)
    return passages
