"""The model library: what is installed, kept in the vault, removed and verified."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.library.errors import AlreadyInstalledError, StarterModelError
from desktop.core.library.hub import HubFile, HubModel
from desktop.core.library.index import IMPORTED, FilePart, ModelIndex
from desktop.core.library.installed import STARTER_MODEL_SHA256, InstalledModel
from desktop.core.library.library import ModelLibrary, Verification, verify_model
from desktop.core.paths import AppPaths
from desktop.core.vault.store import ConversationStore
from tests.conftest import TEST_PASSPHRASE, passphrase_opener
from tests.gguf_builder import tiny_split


def library_of(paths: AppPaths, store: ConversationStore) -> ModelLibrary:
    return ModelLibrary(paths.models_dir, ModelIndex(store.db))


def record_of(path: Path, sha: str = "0" * 64) -> tuple[FilePart, ...]:
    return (FilePart(path.name, path.stat().st_size, sha),)


def test_the_vault_keeps_the_list_of_models_and_unfinished_downloads(
    paths: AppPaths, tmp_path: Path
) -> None:
    own = tmp_path / "contract-drafter.gguf"
    own.write_bytes(b"GGUF")
    pending = HubModel("org/Big-GGUF", "big", (HubFile("org/Big-GGUF", "big.gguf", 9, "a" * 64),))
    db = passphrase_opener(paths).open(TEST_PASSPHRASE)
    index = ModelIndex(db)
    index.add(own, record_of(own), IMPORTED, in_place=True)
    index.start_download(pending)
    db.close()

    db = passphrase_opener(paths).open(TEST_PASSPHRASE)
    index = ModelIndex(db)
    [model] = index.models()
    assert (model.path, model.parts, model.source, model.in_place) == (
        own,
        record_of(own),
        IMPORTED,
        True,
    )
    assert index.unfinished_downloads() == [pending]
    index.end_download(pending)
    assert index.unfinished_downloads() == []
    db.close()
    # The model's name and where the user keeps it are not readable in the vault file.
    assert b"contract-drafter" not in paths.vault_path.read_bytes()


def test_installed_lists_the_starter_then_recorded_and_found_models(
    paths: AppPaths, store: ConversationStore, tmp_path: Path
) -> None:
    library = library_of(paths, store)
    outside = tmp_path / "elsewhere" / "mine.gguf"
    outside.parent.mkdir()
    outside.write_bytes(b"GGUF")
    library.record_import(outside, record_of(outside), in_place=True)
    (paths.models_dir / "copied-by-hand.gguf").write_bytes(b"GGUF")
    tiny_split(paths.models_dir)
    gone = paths.models_dir / "gone.gguf"
    store.db.execute(
        "INSERT INTO models (path, parts, source) VALUES (?, ?, 'import')",
        (str(gone), '[["gone.gguf", 4, "' + "0" * 64 + '"]]'),
    )
    models = library.installed()
    assert [(m.name, m.bundled, m.in_place, m.present) for m in models] == [
        ("SmolLM2-135M-Instruct.Q4_1", True, False, True),
        ("copied-by-hand", False, False, True),
        ("gone", False, False, False),
        ("mine", False, True, True),
        ("tiny", False, False, True),  # one model, not one per part
    ]
    assert models[0].recorded[0].sha256 == STARTER_MODEL_SHA256
    assert models[1].recorded == ()


def test_remove_deletes_copies_forgets_references_and_keeps_the_starter(
    paths: AppPaths, store: ConversationStore, tmp_path: Path
) -> None:
    library = library_of(paths, store)
    own = tmp_path / "own.gguf"
    own.write_bytes(b"GGUF")
    library.record_import(own, record_of(own), in_place=True)
    first, second = tiny_split(paths.models_dir)
    library.record_import(first, record_of(first) + record_of(second), in_place=False)
    by_name = {m.name: m for m in library.installed()}

    with pytest.raises(StarterModelError, match="cannot be removed"):
        library.remove(by_name["SmolLM2-135M-Instruct.Q4_1"])
    library.remove(by_name["own"])
    library.remove(by_name["tiny"])
    assert own.exists()  # the user's own file is never deleted
    assert not first.exists() and not second.exists()
    assert [m.name for m in library.installed()] == ["SmolLM2-135M-Instruct.Q4_1"]


def test_verify_finds_intact_damaged_missing_and_unrecorded_models(
    starter_model: Path, tmp_path: Path
) -> None:
    starter = InstalledModel(
        "starter", starter_model, True, record_of(starter_model, STARTER_MODEL_SHA256)
    )
    assert verify_model(starter) is Verification.INTACT

    copy = tmp_path / starter_model.name
    shutil.copyfile(starter_model, copy)
    with copy.open("r+b") as file:
        file.seek(50_000_000)
        byte = file.read(1)
        file.seek(50_000_000)
        file.write(bytes([byte[0] ^ 1]))
    damaged = InstalledModel("copy", copy, False, starter.recorded)
    assert verify_model(damaged) is Verification.DAMAGED
    copy.unlink()
    assert verify_model(damaged) is Verification.MISSING
    assert verify_model(InstalledModel("hand", starter_model, False)) is Verification.NO_RECORD


def test_a_finished_download_is_recorded_with_the_hubs_hashes(
    paths: AppPaths, store: ConversationStore
) -> None:
    library = library_of(paths, store)
    path = paths.models_dir / "small.gguf"
    path.write_bytes(b"GGUF")
    hub_model = HubModel(
        "org/Small-GGUF", "small", (HubFile("org/Small-GGUF", "q4/small.gguf", 4, "b" * 64),)
    )
    library.index.start_download(hub_model)
    model = library.record_download(hub_model, path)
    assert (model.source, model.recorded) == (
        "hub:org/Small-GGUF",
        (FilePart("small.gguf", 4, "b" * 64),),
    )
    assert library.index.unfinished_downloads() == []


def test_a_new_model_may_not_take_an_installed_models_name(
    paths: AppPaths, store: ConversationStore, starter_model: Path, tmp_path: Path
) -> None:
    library = library_of(paths, store)
    with pytest.raises(AlreadyInstalledError, match=r"SmolLM2-135M-Instruct\.Q4_1 is already"):
        library.check_name_free(tmp_path / "elsewhere" / starter_model.name)
    library.check_name_free(tmp_path / "other-model.gguf")
