"""Importing a GGUF file: checked, hashed, copied whole or referenced, never half-offered."""

from __future__ import annotations

import hashlib
from itertools import pairwise
from pathlib import Path

import pytest

from desktop.core.library.digest import CancelledError
from desktop.core.library.download import PARTIAL_DIR
from desktop.core.library.errors import AlreadyInstalledError, NotEnoughDiskError
from desktop.core.library.importing import import_files
from desktop.core.library.installed import STARTER_MODEL_SHA256
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
