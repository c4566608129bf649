"""The shipped catalog, and the faults the catalog loader names."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.core.library.catalog import JOBS, CatalogError, load_catalog
from desktop.core.modelfile.fit import ModelShape

LISTED = {
    "llama-3.2-1b-instruct": "general",
    "llama-3.2-3b-instruct": "general",
    "llama-3.1-8b-instruct": "general",
    "mistral-7b-instruct-v0.3": "general",
    "gemma-2-2b-it": "general",
    "qwen2.5-3b-instruct": "general",
    "qwen2.5-7b-instruct": "general",
    "qwen2.5-coder-7b-instruct": "coding",
    "deepseek-coder-v2-lite-instruct": "coding",
    "mythomax-l2-13b": "writing",
    "smollm2-1.7b-instruct": "small",
}


def test_shipped_catalog_holds_every_listed_model() -> None:
    models = {model.id: model for model in load_catalog()}
    assert {model_id: models[model_id].job for model_id in LISTED} == LISTED
    assert {model.job for model in models.values()} == set(JOBS)
    for model in models.values():
        assert 2 <= len(model.variants) <= 4, model.id
        sizes = [variant.size for variant in model.variants]
        assert sizes == sorted(sizes), model.id
        assert model.confirmed is True or model.confirmed.strip(), model.id
        assert model.for_everyone.endswith("."), model.id


def test_shipped_catalog_keeps_split_models_whole() -> None:
    qwen = next(model for model in load_catalog() if model.id == "qwen2.5-7b-instruct")
    q4 = next(variant for variant in qwen.variants if variant.quant == "Q4_K_M")
    assert q4.files == (
        "qwen2.5-7b-instruct-q4_k_m-00001-of-00002.gguf",
        "qwen2.5-7b-instruct-q4_k_m-00002-of-00002.gguf",
    )
    assert q4.file == q4.files[0]
    assert q4.size == 3_993_201_344 + 689_872_288
    assert qwen.shape == ModelShape(layers=28, kv_heads=4, key_length=128, value_length=128)
    assert "Chinese" in qwen.good_at


def _model(model_id: str = "tiny") -> dict[str, Any]:
    return {
        "id": model_id,
        "name": "Tiny",
        "family": "Tiny",
        "job": "small",
        "repo": "someone/Tiny-GGUF",
        "license": "apache-2.0",
        "parameters": "1M",
        "context_length": 2048,
        "good_at": "Tests.",
        "for_everyone": "A model for tests.",
        "shape": {"layers": 2, "kv_heads": 1, "key_length": 8, "value_length": 8},
        "variants": [
            {"quant": "Q8_0", "files": ["tiny-q8_0.gguf"], "size": 2_000},
            {"quant": "Q4_K_M", "files": ["tiny-q4_k_m.gguf"], "size": 1_000},
        ],
        "confirmed": True,
    }


def _write(path: Path, catalog: object) -> Path:
    path.write_text(json.dumps(catalog), encoding="utf-8")
    return path


def test_a_valid_catalog_loads(tmp_path: Path) -> None:
    (model,) = load_catalog(_write(tmp_path / "models.json", {"version": 1, "models": [_model()]}))
    assert model.id == "tiny"
    assert [variant.quant for variant in model.variants] == ["Q4_K_M", "Q8_0"]  # smallest first
    assert model.shape == ModelShape(2, 1, 8, 8)


def _set(*keys: str | int, value: object) -> Callable[[dict[str, Any]], None]:
    def change(model: dict[str, Any]) -> None:
        target: Any = model
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return change


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    def change(model: dict[str, Any]) -> None:
        del model[key]

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_drop("name"), "catalog model 'tiny': field 'name' is missing"),
        (_drop("id"), "catalog model #1: field 'id' is missing"),
        (_set("good_at", value="  "), "catalog model 'tiny': field 'good_at' is empty"),
        (_set("context_length", value="2048"), "field 'context_length' must be int"),
        (_set("context_length", value=True), "field 'context_length' must be int"),
        (_set("context_length", value=0), "field 'context_length' must be positive"),
        (_set("job", value="chatting"), "field 'job' must be one of general, coding"),
        (_set("confirmed", value=False), "field 'confirmed' must be true or say what"),
        (_set("confirmed", value=""), "field 'confirmed' must be true or say what"),
        (_set("shape", value=[2, 1, 8, 8]), "field 'shape' must be dict"),
        (_set("shape", "layers", value=0), "'tiny', shape: field 'layers' must be positive"),
        (_set("shape", "kv_heads", value=-1), "shape: field 'kv_heads' must be positive"),
        (_drop("shape"), "field 'shape' is missing"),
        (_set("variants", value=[]), "catalog model 'tiny': field 'variants' is empty"),
        (_set("variants", 0, value="Q8_0"), "variant #1 is not a JSON object"),
        (_set("variants", 1, "size", value=0), "variant #2: field 'size' must be positive"),
        (_set("variants", 1, "size", value=1.5), "variant #2: field 'size' must be int"),
        (_set("variants", 0, "quant", value=""), "variant #1: field 'quant' is empty"),
        (_set("variants", 0, "files", value=[]), "variant #1: field 'files' must list"),
        (_set("variants", 0, "files", value=[3]), "variant #1: field 'files' must list"),
        (_set("variants", 0, "files", value=["tiny.bin"]), "field 'files' must list .gguf"),
        (_set("variants", 1, "quant", value="Q8_0"), "field 'variants' repeats a quant"),
        (
            _set("variants", 0, "files", value=["t-00001-of-00003.gguf", "t-00002-of-00003.gguf"]),
            "variant #1: field 'files' must name every part of a split model",
        ),
        (
            _set("variants", 0, "files", value=["t-00002-of-00002.gguf", "t-00001-of-00002.gguf"]),
            "variant #1: field 'files' must name every part",
        ),
        (
            _set("variants", 0, "files", value=["t-00001-of-00002.gguf", "u-00002-of-00002.gguf"]),
            "variant #1: field 'files' must name every part",
        ),
        (
            _set("variants", 0, "files", value=["tiny-q8_0.gguf", "tiny-q8_0-extra.gguf"]),
            "variant #1: field 'files' must name every part",
        ),
    ],
)
def test_each_fault_is_named(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    model = _model()
    change(model)
    path = _write(tmp_path / "models.json", {"version": 1, "models": [model]})
    with pytest.raises(CatalogError, match=message):
        load_catalog(path)


def test_a_split_model_listing_every_part_in_order_loads(tmp_path: Path) -> None:
    model = _model()
    parts = ["t-00001-of-00003.gguf", "t-00002-of-00003.gguf", "t-00003-of-00003.gguf"]
    model["variants"][0]["files"] = parts
    (loaded,) = load_catalog(_write(tmp_path / "models.json", {"version": 1, "models": [model]}))
    assert loaded.variants[1].files == tuple(parts)


@pytest.mark.parametrize(
    ("catalog", "message"),
    [
        ([], "the catalog is not a JSON object"),
        ({"models": []}, "the catalog: field 'version' is missing"),
        ({"version": 2, "models": []}, "version is not 1"),
        ({"version": 1, "models": {}}, "the catalog: field 'models' must be list"),
        ({"version": 1, "models": [_model(), _model()]}, "'tiny': id is used by another model"),
    ],
)
def test_faults_of_the_whole_catalog_are_named(
    tmp_path: Path, catalog: object, message: str
) -> None:
    with pytest.raises(CatalogError, match=message):
        load_catalog(_write(tmp_path / "models.json", catalog))


def test_unreadable_catalog(tmp_path: Path) -> None:
    broken = tmp_path / "models.json"
    broken.write_text('{"version": 1, "models": [', encoding="utf-8")
    with pytest.raises(CatalogError, match="cannot be read"):
        load_catalog(broken)
    with pytest.raises(CatalogError, match="cannot be read"):
        load_catalog(tmp_path / "absent.json")
