"""The curated catalog: good models for common jobs, with their quantizations and needs.

The catalog is data (``resources/catalog/models.json``) shipped with the app. A broken catalog
is a bug in the release, not something the user did, so loading it fails loudly with
``CatalogError`` naming the model and field at fault.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from desktop.core.language import ENGLISH, localized
from desktop.core.modelfile.fit import ModelShape, Verdict, estimate_fit
from desktop.core.modelfile.model_info import split_part_names
from desktop.core.paths import RESOURCES_DIR

CATALOG_PATH = RESOURCES_DIR / "catalog" / "models.json"
CATALOG_VERSION = 1
EMBEDDING = "embedding"
"""The job of a model that finds passages of the user's documents: it never chats."""
JOBS = ("general", "coding", "writing", "small", EMBEDDING)
"""What a model is for, in the order the library shows them."""
CHAT_JOBS = tuple(job for job in JOBS if job != EMBEDDING)
"""The jobs of models that write replies."""

_T = TypeVar("_T")


class CatalogError(ValueError):
    """The shipped catalog is broken. The message names the model and field at fault."""


@dataclass(frozen=True)
class CatalogVariant:
    """One quantization of a catalog model, as the hub serves it.

    Attributes:
        quant: the quantization's name ("Q4_K_M").
        files: the file names in the model's repository, first part first; more than one
            for a model split by ``gguf-split``.
        size: bytes of all files together.
    """

    quant: str
    files: tuple[str, ...]
    size: int

    @property
    def file(self) -> str:
        """The file llama.cpp opens: the only one, or the first part."""
        return self.files[0]


@dataclass(frozen=True)
class CatalogModel:
    """A model the app recommends.

    Attributes:
        id: a stable slug; translations of the texts are keyed by it.
        name: the model's name as its makers write it.
        family: the model family ("Llama 3.2").
        job: one of ``JOBS``.
        repo: the Hugging Face repository holding its GGUF files.
        license: the license's SPDX identifier or Hugging Face license name.
        parameters: its size as model cards write it ("1.2B").
        context_length: tokens it was trained to read at once.
        good_at: one line on what it does well.
        for_everyone: one plain sentence for someone who knows nothing of models.
        shape: what sizes its KV cache, as its GGUF header gives it.
        variants: its quantizations, smallest first.
        confirmed: True when repository, file names and sizes were checked against the hub's
            records; otherwise a sentence saying what was not.
        active_parameters: for a mixture of experts, the weights used for each token
            ("2.4B"), as model cards write it; "" for a model that uses all of them.
        languages: for an embedding model, the languages it finds passages in ("English");
            "" for a chat model.
    """

    id: str
    name: str
    family: str
    job: str
    repo: str
    license: str
    parameters: str
    context_length: int
    good_at: str
    for_everyone: str
    shape: ModelShape
    variants: tuple[CatalogVariant, ...]
    confirmed: bool | str
    active_parameters: str = ""
    languages: str = ""

    @property
    def for_documents(self) -> bool:
        """An embedding model: it finds passages of documents, and never chats."""
        return self.job == EMBEDDING


def load_catalog(path: Path = CATALOG_PATH, language: str = ENGLISH) -> tuple[CatalogModel, ...]:
    """The models of the catalog at *path*, in its order, their texts for people in
    *language* where the catalog's translation has them.

    Raises:
        CatalogError: the file cannot be read as a catalog (the message says where).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CatalogError(f"the catalog {path} cannot be read: {error}") from error
    top = _Fields(data, "the catalog")
    if top.get("version", int) != CATALOG_VERSION:
        raise CatalogError(f"the catalog's version is not {CATALOG_VERSION}")
    models = tuple(
        _model(entry, index) for index, entry in enumerate(top.get("models", list), start=1)
    )
    seen: set[str] = set()
    for model in models:
        if model.id in seen:
            raise CatalogError(f"catalog model {model.id!r}: id is used by another model")
        seen.add(model.id)
    return localized(models, path, language, "models", ("good_at", "for_everyone", "languages"))


def best_variant(
    model: CatalogModel, n_ctx: int, free_ram: int, free_vram: int | None = None
) -> CatalogVariant | None:
    """The largest variant of *model* that runs well here, else the largest that fits tightly.

    None when no variant fits at all. See ``estimate_fit`` for how each is judged.
    """
    by_size = sorted(model.variants, key=lambda variant: variant.size, reverse=True)
    judged = [
        (variant, estimate_fit(model.shape, variant.size, n_ctx, free_ram, free_vram).verdict)
        for variant in by_size
    ]
    for wanted in (Verdict.RUNS_WELL, Verdict.TIGHT):
        for variant, verdict in judged:
            if verdict is wanted:
                return variant
    return None


class _Fields:
    """Typed access to one JSON object of the catalog, each fault named with *where*."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise CatalogError(f"{where} is not a JSON object")
        self.data: dict[str, Any] = data
        self.where = where

    def get(self, key: str, kind: type[_T]) -> _T:
        if key not in self.data:
            raise CatalogError(f"{self.where}: field {key!r} is missing")
        value = self.data[key]
        # bool is an int to Python, never to the catalog.
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise CatalogError(f"{self.where}: field {key!r} must be {kind.__name__}")
        return value

    def text(self, key: str) -> str:
        value = self.get(key, str).strip()
        if not value:
            raise CatalogError(f"{self.where}: field {key!r} is empty")
        return value

    def count(self, key: str) -> int:
        value = self.get(key, int)
        if value <= 0:
            raise CatalogError(f"{self.where}: field {key!r} must be positive")
        return value

    def check(self, key: str, valid: Callable[[Any], bool], rule: str) -> None:
        if not valid(self.data.get(key)):
            raise CatalogError(f"{self.where}: field {key!r} {rule}")


def _model(data: object, index: int) -> CatalogModel:
    fields = _Fields(data, f"catalog model #{index}")
    model_id = fields.text("id")
    fields = _Fields(data, f"catalog model {model_id!r}")
    fields.check("job", lambda job: job in JOBS, f"must be one of {', '.join(JOBS)}")
    fields.check(
        "confirmed",
        lambda value: value is True or (isinstance(value, str) and value.strip() != ""),
        "must be true or say what was not confirmed",
    )
    fields.check(
        "languages",
        lambda value: (
            isinstance(value, str) and value.strip() != ""
            if fields.data.get("job") == EMBEDDING
            else value is None
        ),
        "must name the languages of an embedding model, and only of one",
    )
    shape = _Fields(fields.get("shape", dict), f"catalog model {model_id!r}, shape")
    variants = tuple(
        _variant(entry, f"catalog model {model_id!r}, variant #{number}")
        for number, entry in enumerate(fields.get("variants", list), start=1)
    )
    if not variants:
        raise CatalogError(f"catalog model {model_id!r}: field 'variants' is empty")
    quants = [variant.quant for variant in variants]
    if len(set(quants)) != len(quants):
        raise CatalogError(f"catalog model {model_id!r}: field 'variants' repeats a quant")
    return CatalogModel(
        id=model_id,
        name=fields.text("name"),
        family=fields.text("family"),
        job=fields.text("job"),
        repo=fields.text("repo"),
        license=fields.text("license"),
        parameters=fields.text("parameters"),
        context_length=fields.count("context_length"),
        good_at=fields.text("good_at"),
        for_everyone=fields.text("for_everyone"),
        shape=ModelShape(
            layers=shape.count("layers"),
            kv_heads=shape.count("kv_heads"),
            key_length=shape.count("key_length"),
            value_length=shape.count("value_length"),
        ),
        variants=tuple(sorted(variants, key=lambda variant: variant.size)),
        confirmed=fields.data["confirmed"],
        active_parameters=fields.text("active_parameters")
        if "active_parameters" in fields.data
        else "",
        languages=fields.text("languages") if "languages" in fields.data else "",
    )


def _variant(data: object, where: str) -> CatalogVariant:
    fields = _Fields(data, where)
    files = fields.get("files", list)
    fields.check(
        "files",
        lambda names: (
            bool(names) and all(isinstance(name, str) and name.endswith(".gguf") for name in names)
        ),
        "must list .gguf file names",
    )
    # A split model lists every part, in order, under the names gguf-split gives them.
    fields.check(
        "files",
        lambda names: tuple(names) == split_part_names(names[0]),
        "must name every part of a split model, -00001-of-0000n first, in order",
    )
    return CatalogVariant(quant=fields.text("quant"), files=tuple(files), size=fields.count("size"))
