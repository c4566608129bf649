"""The models this computer has: the bundled starter model and those the user added."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.library.index import FilePart, IndexedModel
from desktop.core.modelfile.model_check import model_path
from desktop.core.modelfile.model_info import model_name, split_parts
from desktop.core.modelfile.model_kind import is_embedding_model
from desktop.core.paths import BUNDLED_MODELS_DIR

STARTER_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
STARTER_MODEL_PATH = BUNDLED_MODELS_DIR / STARTER_MODEL_FILE
"""The model shipped with the app, which works with no download."""
STARTER_MODEL_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"


@dataclass(frozen=True)
class InstalledModel:
    """A model on disk.

    Attributes:
        name: what the user sees and types (`sotto ask --model NAME`): the file name
            without ``.gguf`` (and without the part number of a model split in parts).
        path: its (first) file.
        bundled: shipped with the application (the starter model).
        recorded: each file's name, size and SHA-256 as recorded when it was added; empty
            for a file Sotto did not add (copied into the models folder by hand).
        source: where it came from (see ``IndexedModel.source``); "" if unknown.
        in_place: imported by reference: the file is the user's own, outside Sotto's folder.
    """

    name: str
    path: Path
    bundled: bool
    recorded: tuple[FilePart, ...] = ()
    source: str = ""
    in_place: bool = False

    @property
    def parts(self) -> tuple[Path, ...]:
        return split_parts(self.path)

    @property
    def present(self) -> bool:
        """Whether every file of it is on disk."""
        return all(part.is_file() for part in self.parts)

    @property
    def for_documents(self) -> bool:
        """An embedding model (its header says so): it searches documents, never chats."""
        return is_embedding_model(self.path)


def installed_models(
    models_dir: Path,
    bundled_dir: Path = BUNDLED_MODELS_DIR,
    indexed: Iterable[IndexedModel] = (),
) -> list[InstalledModel]:
    """The bundled models, then the models the user added, by name.

    A model is either recorded in *indexed* (the vault's list, which knows its hashes and
    where it came from) or a ``.gguf`` file found in *models_dir*. Of a model split in parts
    only the first part counts. Recorded models whose files are gone are included; see
    ``InstalledModel.present``.
    """
    bundled = [
        InstalledModel(
            model_name(path),
            path,
            bundled=True,
            recorded=_starter_record(path),
            source="bundled",
        )
        for path in _first_parts(bundled_dir)
    ]
    added = {
        record.path: InstalledModel(
            model_name(record.path),
            record.path,
            bundled=False,
            recorded=record.parts,
            source=record.source,
            in_place=record.in_place,
        )
        for record in indexed
    }
    for path in _first_parts(models_dir):
        added.setdefault(path, InstalledModel(model_name(path), path, bundled=False))
    return bundled + sorted(added.values(), key=lambda model: model.name.lower())


def _first_parts(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    paths = (path for path in folder.glob("*.gguf") if split_parts(path)[0] == path)
    return sorted(paths, key=lambda path: path.name.lower())


def _starter_record(path: Path) -> tuple[FilePart, ...]:
    if path.name != STARTER_MODEL_FILE or not path.is_file():
        return ()
    return (FilePart(path.name, path.stat().st_size, STARTER_MODEL_SHA256),)


def find_model(models: list[InstalledModel], name: str) -> InstalledModel | None:
    """The model called *name*, or the file at path *name*, or None.

    Raises:
        ModelLinkLoopError: *name* is a path through a link that leads back to itself.
    """
    for model in models:
        if name in (model.name, model.path.name):
            return model
    path = Path(name).expanduser()
    if path.suffix or path.parent != Path("."):
        return InstalledModel(model_name(path), model_path(path), bundled=False)
    return None
