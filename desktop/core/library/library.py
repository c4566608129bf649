"""The user's model library: what is installed, and adding, verifying and removing models.

File work that takes long (hashing, copying, downloading) is done by ``import_files``,
``verify_model`` and ``download_model``, which never touch the vault and may run on a
worker; ``ModelLibrary`` records their results in the vault, on the vault's thread.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from desktop.core.library.digest import file_sha256
from desktop.core.library.errors import AlreadyInstalledError, StarterModelError
from desktop.core.library.hub import HubModel
from desktop.core.library.importing import ImportProgress
from desktop.core.library.index import IMPORTED, FilePart, ModelIndex, hub_source
from desktop.core.library.installed import InstalledModel, installed_models
from desktop.core.modelfile.model_info import model_name, split_parts
from desktop.core.paths import BUNDLED_MODELS_DIR


class Verification(Enum):
    """What re-hashing a model's files found."""

    INTACT = "intact"
    DAMAGED = "damaged"
    MISSING = "missing"
    NO_RECORD = "no record"


def verify_model(
    model: InstalledModel,
    on_progress: ImportProgress = lambda done, total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Verification:
    """Re-hash *model*'s files and compare them with the hashes recorded when it was added.

    Raises:
        CancelledError: *cancelled* said so.
        OSError: a file could not be read.
    """
    if not model.recorded:
        return Verification.NO_RECORD
    folder = model.path.parent
    files = [folder / part.name for part in model.recorded]
    if not all(path.is_file() for path in files):
        return Verification.MISSING
    total = sum(part.size for part in model.recorded)
    done_before = 0

    def progress(done: int) -> None:
        on_progress(done_before + done, total)

    for part, path in zip(model.recorded, files, strict=True):
        if path.stat().st_size != part.size:
            return Verification.DAMAGED
        if file_sha256(path, progress, cancelled) != part.sha256:
            return Verification.DAMAGED
        done_before += part.size
    return Verification.INTACT


class ModelLibrary:
    """The installed models, as the vault records them and the models folder holds them.

    Use it on the thread that opened the vault.

    Attributes:
        models_dir: where downloaded and imported models are kept.
        index: the vault's record of the models the user added.
    """

    def __init__(
        self, models_dir: Path, index: ModelIndex, bundled_dir: Path = BUNDLED_MODELS_DIR
    ) -> None:
        self.models_dir = models_dir
        self.index = index
        self._bundled_dir = bundled_dir

    def installed(self) -> list[InstalledModel]:
        """Every model: bundled first, then the user's by name (missing ones included)."""
        return installed_models(self.models_dir, self._bundled_dir, self.index.models())

    def check_name_free(self, path: Path) -> None:
        """Refuse a model whose name (from the file name *path*) an installed model has.

        Raises:
            AlreadyInstalledError: a model of that name is installed (the starter included).
        """
        name = model_name(split_parts(path)[0])
        if any(model.name == name for model in self.installed()):
            raise AlreadyInstalledError(name)

    def record_import(
        self, path: Path, parts: tuple[FilePart, ...], in_place: bool
    ) -> InstalledModel:
        """Record a model ``import_files`` brought in."""
        self.index.add(path, parts, IMPORTED, in_place)
        return self._installed(path)

    def record_download(self, model: HubModel, path: Path) -> InstalledModel:
        """Record a model ``download_model`` installed at *path*; its download is over."""
        # download_model refuses a file the hub gives no hash for: every part has one here.
        parts = tuple(
            FilePart(p.name.rsplit("/", 1)[-1], p.size, str(p.sha256)) for p in model.parts
        )
        with self.index.db.transaction():
            self.index.add(path, parts, hub_source(model.repo))
            self.index.end_download(model)
        return self._installed(path)

    def remove(self, model: InstalledModel) -> None:
        """Remove *model*: its files are deleted, unless it was imported in place, in which
        case only Sotto's record of it goes and the user's file stays.

        Raises:
            StarterModelError: *model* is the bundled starter model.
            OSError: a file could not be deleted (the record is kept).
        """
        if model.bundled:
            raise StarterModelError(model.name)
        if not model.in_place:
            for part in model.parts:
                part.unlink(missing_ok=True)
        self.index.remove(model.path)

    def _installed(self, path: Path) -> InstalledModel:
        return next(model for model in self.installed() if model.path == path)
