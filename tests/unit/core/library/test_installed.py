"""Finding installed models by name or path."""

from __future__ import annotations

from pathlib import Path

from desktop.core.library.installed import STARTER_MODEL_FILE, find_model, installed_models
from desktop.core.paths import AppPaths


def test_starter_model_comes_first_then_the_users(paths: AppPaths) -> None:
    (paths.models_dir / "b-model.gguf").write_bytes(b"GGUF")
    (paths.models_dir / "A-model.gguf").write_bytes(b"GGUF")
    (paths.models_dir / "notes.txt").write_text("not a model")
    models = installed_models(paths.models_dir)
    assert [m.name for m in models] == [Path(STARTER_MODEL_FILE).stem, "A-model", "b-model"]
    assert [m.bundled for m in models] == [True, False, False]


def test_find_by_name_file_name_or_path(paths: AppPaths, tmp_path: Path) -> None:
    models = installed_models(paths.models_dir)
    starter = models[0]
    assert find_model(models, starter.name) == starter
    assert find_model(models, STARTER_MODEL_FILE) == starter
    elsewhere = find_model(models, str(tmp_path / "x.gguf"))
    assert elsewhere is not None and elsewhere.path == tmp_path / "x.gguf"
    assert find_model(models, "no-such-model") is None


def test_data_dir_folders_are_private(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "portable").ensure()
    assert paths.data_dir == (tmp_path / "portable").resolve()
    for folder in (paths.data_dir, paths.cache_dir, paths.models_dir):
        assert folder.stat().st_mode & 0o777 == 0o700
    assert paths.cache_dir.is_relative_to(paths.data_dir)
