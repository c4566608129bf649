"""A model's name in human words: what the window calls a model file.

A file's name is not its identity for a user: "Llama-3.2-3B-Instruct-Q4_K_M.gguf" is
"Llama 3.2 3B Instruct", the catalog's name for it, with the catalog's one-line description.
A file the catalog does not know is named from its file name ("SmolLM2-135M-Instruct.Q4_1.gguf"
reads "SmolLM2 135M Instruct") and has no description.

The catalog is looked up by file name, once: the app hands over the catalog it loaded in the
user's language (``use_catalog``); until then the English one shipped is read on first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from desktop.core.library.catalog import CatalogModel, load_catalog
from desktop.core.modelfile.model_info import model_name

_QUANT = re.compile(r"[._-](?:I?Q\d[\w]*|F16|F32|BF16)$", re.IGNORECASE)

_by_file: dict[str, CatalogModel] | None = None


def use_catalog(catalog: Iterable[CatalogModel]) -> None:
    """Name files from *catalog* from now on (the one loaded in the user's language)."""
    global _by_file
    _by_file = {
        file.lower(): model
        for model in catalog
        for variant in model.variants
        for file in variant.files
    }


def catalog_model(path: Path) -> CatalogModel | None:
    """The catalog model whose file (or one of whose parts) is named as *path*, or None."""
    if _by_file is None:
        use_catalog(load_catalog())
    assert _by_file is not None
    return _by_file.get(path.name.lower())


def display_name(path: Path) -> str:
    """The name the window shows for the model file at *path*."""
    model = catalog_model(path)
    if model is not None:
        return model.name
    stem = _QUANT.sub("", model_name(path))
    return re.sub(r"[-_]+", " ", stem).strip() or path.name


def description(path: Path) -> str:
    """One line on what the model at *path* is for (the catalog's); "" for a file the
    catalog does not know."""
    model = catalog_model(path)
    return model.for_everyone if model is not None else ""
