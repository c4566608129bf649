"""The services the window and the command line share: the engine, the history, the model
library and the user's model servers, each built one way for both."""

from __future__ import annotations

import contextlib

from desktop.core.app_settings import AppSettings
from desktop.core.hardware.defaults import recommended_settings
from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.hardware.snapshot import MachineInfo, Snapshot
from desktop.core.inference.engine import Engine
from desktop.core.inference.load_overrides import LoadOverrides
from desktop.core.inference.selfcheck import SelfCheck
from desktop.core.inference.speed_probe import SpeedProbe
from desktop.core.inference.types import LoadSettings
from desktop.core.library.index import ModelIndex
from desktop.core.library.installed import STARTER_MODEL_PATH
from desktop.core.library.library import ModelLibrary
from desktop.core.modelfile.gguf import GGUFHeader
from desktop.core.paths import AppPaths
from desktop.core.remote.server_store import ServerStore
from desktop.core.storage_errors import StorageError
from desktop.core.vault.database import Database
from desktop.core.vault.preferences import ModelChoices
from desktop.core.vault.server_keys import ServerKeys
from desktop.core.vault.store import ConversationStore


def build_engine(paths: AppPaths) -> Engine:
    """The engine, with its self-check and the machine's speed remembered under *paths*, and
    settings chosen for this hardware and the user's overrides (read again at each load, so
    that a change in Settings applies to the next model loaded)."""
    sampler = HardwareSampler()  # its own: it is used on the inference thread
    self_check = SelfCheck(paths.cache_dir / "selfcheck.json")
    settings = AppSettings(paths.settings_path)
    return Engine(
        self_check,
        recommend=lambda header, size: load_settings(
            header, size, sampler.machine(), sampler.sample(), LoadOverrides.read(settings)
        ),
        speed_probe=SpeedProbe(paths.cache_dir / "speed.json", STARTER_MODEL_PATH, self_check),
    )


def load_settings(
    header: GGUFHeader,
    file_size: int,
    machine: MachineInfo,
    snapshot: Snapshot,
    overrides: LoadOverrides,
) -> LoadSettings:
    """How to load a model: the hardware's choice (``recommended_settings``), starting from
    the context length the user asked for, with the threads and GPU layers they fixed."""
    if overrides.n_ctx:
        recommended = recommended_settings(
            header, file_size, machine, snapshot, wanted_ctx=overrides.n_ctx
        )
    else:
        recommended = recommended_settings(header, file_size, machine, snapshot)
    return overrides.apply(recommended)


def open_store(
    db: Database, *, owns_folder: bool = True, settings: AppSettings | None = None
) -> ConversationStore:
    """The history in an opened vault; replies cut off by a crash are marked interrupted
    (at a later start where the disk is full now: the history can still be read), and the
    model paths an older Sotto kept in *settings* are moved into the vault.

    Only a process that holds the data folder's lock (*owns_folder*: the window, or a
    command while no window is open) may do either: without it, a reply left streaming may
    be one a window is writing now.
    """
    store = ConversationStore(db)
    if owns_folder:
        with contextlib.suppress(StorageError):
            store.mark_interrupted()
        if settings is not None:
            ModelChoices(db).move_from(settings)
    return store


def open_library(paths: AppPaths, store: ConversationStore) -> ModelLibrary:
    """The model library, its record kept in the same vault as *store*."""
    return ModelLibrary(paths.models_dir, ModelIndex(store.db))


def open_servers(paths: AppPaths, store: ConversationStore) -> ServerStore:
    """The user's model servers, kept in the same vault as *store*; their keys beside the
    vault's key."""
    return ServerStore(store.db, ServerKeys.of(paths, store.db))
