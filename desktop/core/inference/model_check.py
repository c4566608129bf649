"""Checking a model file before llama.cpp sees it, so each problem gets its own sentence."""

from __future__ import annotations

from pathlib import Path

import psutil

from desktop.core.inference.errors import (
    ModelCorruptError,
    ModelMissingError,
    ModelTooBigError,
    ModelTruncatedError,
    NotGGUFError,
)
from desktop.core.library.fit import memory_needed
from desktop.core.library.gguf import MAGIC, GGUFFormatError, GGUFHeader, read_header
from desktop.core.units import format_bytes


def check_model_file(path: Path, n_ctx: int, available_memory: int | None = None) -> GGUFHeader:
    """Return the header of the model at *path* if it can be loaded with *n_ctx* tokens.

    *available_memory* defaults to the memory free on this machine now.

    Raises:
        ModelMissingError, NotGGUFError, ModelCorruptError, ModelTruncatedError,
        ModelTooBigError: the file cannot be loaded, for the reason each names.
    """
    if not path.is_file():
        raise ModelMissingError(str(path))
    try:
        with path.open("rb") as file:
            signature = file.read(len(MAGIC))
    except OSError as error:
        raise ModelCorruptError(path.name, error.strerror or str(error)) from error
    if signature != MAGIC:
        raise NotGGUFError(path.name)
    try:
        header = read_header(path)
    except GGUFFormatError as error:
        raise ModelCorruptError(path.name, str(error)) from error
    size = path.stat().st_size
    expected = header.expected_size
    if expected is not None and size < expected:
        raise ModelTruncatedError(path.name, format_bytes(size), format_bytes(expected))
    needed = memory_needed(header, size, n_ctx)
    available = psutil.virtual_memory().available if available_memory is None else available_memory
    if needed > available:
        raise ModelTooBigError(path.name, format_bytes(needed), format_bytes(available))
    return header
