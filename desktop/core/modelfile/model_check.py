"""Checking a model file before llama.cpp sees it, so each problem gets its own sentence."""

from __future__ import annotations

from pathlib import Path

import psutil

from desktop.core.modelfile.errors import ModelLinkLoopError, ModelTooBigError
from desktop.core.modelfile.fit import ModelShape, memory_needed
from desktop.core.modelfile.gguf import GGUFHeader
from desktop.core.modelfile.model_info import read_parts
from desktop.core.modelfile.model_kind import EmbeddingModelError, embeds_only
from desktop.core.units import Bytes


def model_path(path: Path) -> Path:
    """*path* made absolute with its links followed, as a model given by the user is kept.

    Raises:
        ModelLinkLoopError: a link on the way leads back to itself.
    """
    try:
        return path.expanduser().resolve()
    except (RuntimeError, OSError) as error:  # Python 3.11 raises RuntimeError, 3.13 OSError
        raise ModelLinkLoopError(str(path)) from error


def check_model_file(path: Path, n_ctx: int, available_memory: int | None = None) -> GGUFHeader:
    """Return the header of the model at *path* if it can be loaded with *n_ctx* tokens.

    A model split into several files is checked part by part, and its memory is that of all
    parts together; the header returned is the first part's, which holds the model's metadata.
    *available_memory* defaults to the memory free on this machine now.

    Raises:
        ModelMissingError, NotGGUFError, ModelCorruptError, ModelTruncatedError,
        ModelTooBigError: the file (or one of its parts) cannot be loaded, for the reason
        each names.
        EmbeddingModelError: it is an embedding model, which writes no replies.
    """
    parts = read_parts(path)
    header = parts[0].header
    if embeds_only(header):
        raise EmbeddingModelError(path.name)
    needed = memory_needed(ModelShape.of(header), sum(part.size for part in parts), n_ctx)
    available = psutil.virtual_memory().available if available_memory is None else available_memory
    if needed > available:
        raise ModelTooBigError(path.name, Bytes(needed), Bytes(available))
    return header
