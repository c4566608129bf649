"""The models this computer has: the bundled starter model and those the user added."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.paths import BUNDLED_MODELS_DIR

STARTER_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


@dataclass(frozen=True)
class InstalledModel:
    """A model file on disk.

    Attributes:
        name: what the user sees and types (`sotto ask --model NAME`): the file name
            without ``.gguf``.
        path: the file.
        bundled: shipped with the application (the starter model).
    """

    name: str
    path: Path
    bundled: bool


def installed_models(
    models_dir: Path, bundled_dir: Path = BUNDLED_MODELS_DIR
) -> list[InstalledModel]:
    """Every ``.gguf`` file in the bundled folder, then in *models_dir*, by name."""
    found: list[InstalledModel] = []
    for folder, bundled in ((bundled_dir, True), (models_dir, False)):
        if folder.is_dir():
            found += [
                InstalledModel(path.stem, path, bundled)
                for path in sorted(folder.glob("*.gguf"), key=lambda p: p.name.lower())
            ]
    return found


def find_model(models: list[InstalledModel], name: str) -> InstalledModel | None:
    """The model called *name*, or the file at path *name*, or None."""
    for model in models:
        if name in (model.name, model.path.name):
            return model
    path = Path(name).expanduser()
    if path.suffix or path.parent != Path("."):
        return InstalledModel(path.stem, path.resolve(), bundled=False)
    return None
