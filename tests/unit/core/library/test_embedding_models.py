"""Embedding models in the catalog and the library: offered for documents, never as a chat
model; and the user's choice of one for documents."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.core.app_settings import PASSAGES_PER_QUESTION, AppSettings
from desktop.core.documents.embedder import EMBEDDER_PATH
from desktop.core.documents.embedding_choice import (
    chosen_embedder_path,
    embedding_models,
    passages_per_question,
)
from desktop.core.library.catalog import (
    CATALOG_PATH,
    CHAT_JOBS,
    EMBEDDING,
    CatalogError,
    load_catalog,
)
from desktop.core.library.installed import installed_models
from desktop.core.library.recommend import recommend
from desktop.core.modelfile.model_check import check_model_file
from desktop.core.modelfile.model_kind import EmbeddingModelError, is_embedding_model
from desktop.core.modelfile.speed import MachineSpeed
from desktop.core.paths import AppPaths
from desktop.core.vault.preferences import ModelChoices
from desktop.core.vault.store import ConversationStore
from tests.embedder_reference import GGUF_EMBEDDER

GB = 10**9
LAPTOP = MachineSpeed(
    token_seconds=0.6e-3, layer_seconds=0.14e-3, bytes_per_second=20e9, reading_rate=2e10
)


def test_the_catalog_offers_embedding_models_with_their_languages() -> None:
    models = {model.id: model for model in load_catalog()}
    embedding = {model_id for model_id, model in models.items() if model.for_documents}
    assert embedding == {"multilingual-e5-small", "nomic-embed-text-v1.5", "bge-m3"}
    assert models["nomic-embed-text-v1.5"].languages == "English"
    assert "Chinese" in models["multilingual-e5-small"].languages
    assert "Chinese" in models["bge-m3"].languages
    assert all(not model.languages for model in models.values() if not model.for_documents)
    chinese = {model.id: model for model in load_catalog(language="zh_CN")}
    assert "中文" in chinese["bge-m3"].languages


def test_an_embedding_model_must_name_its_languages_and_a_chat_model_none(
    tmp_path: Path,
) -> None:
    data = json.loads(CATALOG_PATH.read_text(encoding="utf-8"))
    bge = next(entry for entry in data["models"] if entry["id"] == "bge-m3")
    del bge["languages"]
    (tmp_path / "models.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CatalogError, match=r"'bge-m3'.*'languages'"):
        load_catalog(tmp_path / "models.json")
    bge["languages"] = "Many"
    data["models"][0]["languages"] = "English"
    (tmp_path / "models.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CatalogError, match="'languages'"):
        load_catalog(tmp_path / "models.json")


@pytest.mark.parametrize("machine", [None, LAPTOP, replace(LAPTOP, bytes_per_second=0.5e9)])
def test_an_embedding_model_is_never_recommended_for_chatting(
    machine: MachineSpeed | None,
) -> None:
    catalog = load_catalog()
    judged = recommend(catalog, 4096, free_ram=64 * GB, free_vram=None, machine=machine)
    assert EMBEDDING not in judged.by_job
    assert set(judged.by_job) <= set(CHAT_JOBS)
    assert all(not model.for_documents for model in judged.by_job.values())
    chosen = [model_id for model_id, best in judged.best.items() if best is not None]
    assert any(not model.for_documents for model in catalog if model.id in chosen)
    for model in catalog:
        if model.for_documents:  # judged by memory: each fits 64 GB
            assert judged.best[model.id] is not None
            assert all(option.speed is None for option in judged.options[model.id])


def test_an_installed_embedding_model_is_for_documents_and_never_loads_as_a_chat_model(
    paths: AppPaths,
) -> None:
    copied = shutil.copy(GGUF_EMBEDDER, paths.models_dir / GGUF_EMBEDDER.name)
    models = installed_models(paths.models_dir)
    kinds = {model.path.name: model.for_documents for model in models}
    assert kinds[GGUF_EMBEDDER.name] is True
    assert not any(kind for name, kind in kinds.items() if name != GGUF_EMBEDDER.name)
    assert [model.path for model in embedding_models(models)] == [Path(copied)]
    with pytest.raises(EmbeddingModelError) as raised:
        check_model_file(Path(copied), 512, 10**12)
    assert raised.value.params == {"name": GGUF_EMBEDDER.name}
    assert not is_embedding_model(paths.models_dir / "no-such.gguf")


def test_the_chosen_embedding_model_is_used_while_installed(
    tmp_path: Path, store: ConversationStore
) -> None:
    choices = ModelChoices(store.db)
    mine = tmp_path / "bge-m3-Q8_0.gguf"
    assert chosen_embedder_path(choices, [mine]) == EMBEDDER_PATH
    choices.set_embedding_model(mine)
    assert chosen_embedder_path(choices, [mine]) == mine
    assert chosen_embedder_path(choices, []) == EMBEDDER_PATH  # removed since: built-in


def test_passages_per_question_defaults_to_five_within_bounds(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.json")
    assert passages_per_question(settings) == 5
    settings.set(PASSAGES_PER_QUESTION, 8)
    assert passages_per_question(settings) == 8
    settings.path.write_text('{"passages_per_question": 0}', encoding="utf-8")
    assert passages_per_question(settings) == 5
