"""Importing a GGUF file: checked, hashed, copied whole or referenced, never half-offered."""

from __future__ import annotations

import hashlib
from itertools import pairwise
from pathlib import Path

import pytest

from desktop.core.library.digest import CancelledError
from desktop.core.library.download import PARTIAL_DIR
from desktop.core.library.errors import (
    AlreadyInstalledError,
    DuplicateModelError,
    NotEnoughDiskError,
)
from desktop.core.library.importing import import_files
from desktop.core.library.installed import STARTER_MODEL_SHA256, installed_models
from desktop.core.modelfile.errors import ModelTruncatedError, NotGGUFError
from tests.conftest import BadModels
from tests.gguf_builder import tiny_split


def leftovers(models_dir: Path) -> list[Path]:
    staging = models_dir / PARTIAL_DIR
    return list(staging.iterdir()) if staging.is_dir() else []


def test_a_copy_is_hashed_in_the_same_pass_and_lands_whole(
    starter_model: Path, tmp_path: Path
) -> None:
    models = tmp_path / "models"
    seen: list[tuple[int, int]] = []
    path, parts = import_files(
        starter_model, models, copy=True, on_progress=lambda d, t: seen.append((d, t))
    )
    assert path == models / starter_model.name
    assert path.read_bytes() == starter_model.read_bytes()
    size = starter_model.stat().st_size
    assert [(p.name, p.size, p.sha256) for p in parts] == [
        (starter_model.name, size, STARTER_MODEL_SHA256)
    ]
    assert seen[-1] == (size, size) and all(a[0] < b[0] for a, b in pairwise(seen))
    assert leftovers(models) == []
    with pytest.raises(AlreadyInstalledError):
        import_files(starter_model, models, copy=True)


def test_in_place_only_hashes_and_leaves_the_file_where_it_is(
    starter_model: Path, tmp_path: Path
) -> None:
    models = tmp_path / "models"
    path, parts = import_files(starter_model, models, copy=False)
    assert path == starter_model.resolve()
    assert parts[0].sha256 == STARTER_MODEL_SHA256
    assert not models.exists()


def test_a_file_that_is_not_a_model_is_refused_and_nothing_is_copied(tmp_path: Path) -> None:
    letter = tmp_path / "letter.gguf"
    letter.write_text("Dear landlord, the boiler is broken again.")
    models = tmp_path / "models"
    with pytest.raises(NotGGUFError, match=r"letter\.gguf"):
        import_files(letter, models, copy=True)
    assert not models.exists()


def test_a_truncated_model_is_refused(bad_models: BadModels, tmp_path: Path) -> None:
    with pytest.raises(ModelTruncatedError):
        import_files(bad_models.truncated(), tmp_path / "models", copy=True)


def test_cancel_leaves_nothing_behind(starter_model: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3  # after a few chunks were copied

    with pytest.raises(CancelledError):
        import_files(starter_model, models, copy=True, cancelled=cancelled)
    assert leftovers(models) == [] and not (models / starter_model.name).exists()


# A full disk cannot be made here: the free-space reading is given instead.
def test_not_enough_disk_is_refused_before_copying(starter_model: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    with pytest.raises(NotEnoughDiskError):
        import_files(starter_model, models, copy=True, free_space=lambda folder: 1000)
    assert leftovers(models) == [] and not (models / starter_model.name).exists()


def test_every_part_of_a_split_model_comes_along(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    first, _ = tiny_split(source)
    models = tmp_path / "models"
    path, parts = import_files(first, models, copy=True)
    assert path == models / first.name
    originals = sorted(source.iterdir())
    assert [p.name for p in parts] == [p.name for p in originals]
    for original, part in zip(originals, parts, strict=True):
        assert (models / part.name).read_bytes() == original.read_bytes()
        assert part.sha256 == hashlib.sha256(original.read_bytes()).hexdigest()


def test_the_same_model_under_another_name_is_refused_before_anything_is_copied(
    starter_model: Path, tmp_path: Path
) -> None:
    """The starter is recorded with its SHA-256; a model put in the folder by hand is not,
    and is hashed: both are found under any name, copied or used in place."""
    models = tmp_path / "models"
    models.mkdir()
    by_hand = models / "Llama-3.2-1B-Instruct-Q4_K_M.gguf"
    by_hand.write_bytes(starter_model.read_bytes().replace(b"Mix1 Ep2", b"Mix1 Ep3"))
    installed = installed_models(models, starter_model.parent)
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    again = downloads / "starter (1).gguf"
    again.write_bytes(starter_model.read_bytes())
    with pytest.raises(DuplicateModelError, match=r"already in your library as SmolLM2 135M"):
        import_files(again, models, copy=True, installed=installed)
    mine = downloads / "my-helper.gguf"
    mine.write_bytes(by_hand.read_bytes())
    for copy in (True, False):
        with pytest.raises(DuplicateModelError, match=r"as Llama 3\.2 1B Instruct: the file"):
            import_files(mine, models, copy=copy, installed=installed)
    assert sorted(p.name for p in models.iterdir()) == [by_hand.name]
    assert leftovers(models) == []


def test_a_model_of_the_same_size_but_other_bytes_is_imported(
    starter_model: Path, tmp_path: Path
) -> None:
    models = tmp_path / "models"
    other = tmp_path / "Other-Model.gguf"
    other.write_bytes(starter_model.read_bytes().replace(b"Mix1 Ep2", b"Mix1 Ep9"))
    assert other.stat().st_size == starter_model.stat().st_size
    installed = installed_models(models, starter_model.parent)
    path, parts = import_files(other, models, copy=True, installed=installed)
    assert path == models / other.name and parts[0].sha256 != STARTER_MODEL_SHA256
