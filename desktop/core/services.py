"""The services the window and the command line share: the engine, the history and the model
library, each built one way for both."""

from __future__ import annotations

from desktop.core.hardware.defaults import recommended_settings
from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.inference.engine import Engine
from desktop.core.inference.selfcheck import SelfCheck
from desktop.core.library.index import ModelIndex
from desktop.core.library.library import ModelLibrary
from desktop.core.paths import AppPaths
from desktop.core.vault.database import Database
from desktop.core.vault.store import ConversationStore


def build_engine(paths: AppPaths) -> Engine:
    """The engine, with its self-check remembered under *paths* and settings chosen for this
    hardware."""
    sampler = HardwareSampler()  # its own: it is used on the inference thread
    return Engine(
        SelfCheck(paths.cache_dir / "selfcheck.json"),
        recommend=lambda header, size: recommended_settings(
            header, size, sampler.machine(), sampler.sample()
        ),
    )


def open_store(db: Database) -> ConversationStore:
    """The history in an opened vault; replies cut off by a crash are marked interrupted."""
    store = ConversationStore(db)
    store.mark_interrupted()
    return store


def open_library(paths: AppPaths, store: ConversationStore) -> ModelLibrary:
    """The model library, its record kept in the same vault as *store*."""
    return ModelLibrary(paths.models_dir, ModelIndex(store.db))
