"""What a model file is, from its GGUF headers alone: name, size, quantization, shape.

A model may come in several files (``name-00001-of-00003.gguf`` ...), as llama.cpp's
``gguf-split`` writes them; llama.cpp loads the first and finds the others beside it. Every
part is read here, so a missing or damaged part is reported before llama.cpp sees it.
"""

from __future__ import annotations

import errno
import math
import mmap
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from desktop.core.modelfile.errors import (
    ModelCorruptError,
    ModelIsFolderError,
    ModelLinkLoopError,
    ModelLoadError,
    ModelMissingError,
    ModelNotAFileError,
    ModelTruncatedError,
    ModelUnreadableError,
    NotGGUFError,
)
from desktop.core.modelfile.fit import ModelShape
from desktop.core.modelfile.gguf import MAGIC, GGUFFormatError, GGUFHeader, parse_header
from desktop.core.units import Bytes

_SPLIT_NAME = re.compile(r"(?P<stem>.+)-(?P<index>\d{5})-of-(?P<count>\d{5})\.gguf")

# llama.cpp's llama_ftype (llama.h), which GGUF files record as general.file_type.
FILE_TYPES: dict[int, str] = {
    0: "F32",
    1: "F16",
    2: "Q4_0",
    3: "Q4_1",
    7: "Q8_0",
    8: "Q5_0",
    9: "Q5_1",
    10: "Q2_K",
    11: "Q3_K_S",
    12: "Q3_K_M",
    13: "Q3_K_L",
    14: "Q4_K_S",
    15: "Q4_K_M",
    16: "Q5_K_S",
    17: "Q5_K_M",
    18: "Q6_K",
    19: "IQ2_XXS",
    20: "IQ2_XS",
    21: "Q2_K_S",
    22: "IQ3_XS",
    23: "IQ3_XXS",
    24: "IQ1_S",
    25: "IQ4_NL",
    26: "IQ3_S",
    27: "IQ3_M",
    28: "IQ2_S",
    29: "IQ2_M",
    30: "IQ4_XS",
    31: "IQ1_M",
    32: "BF16",
    # 33-35 are gone from llama.cpp, but files quantized in 2024 still carry them.
    33: "Q4_0_4_4",
    34: "Q4_0_4_8",
    35: "Q4_0_8_8",
    36: "TQ1_0",
    37: "TQ2_0",
    38: "MXFP4_MOE",
    39: "NVFP4",
    40: "Q1_0",
    41: "Q2_0",
}


@dataclass(frozen=True)
class ModelPart:
    """One file of a model, checked and with its header read.

    Attributes:
        path: the file.
        header: its GGUF header.
        size: its size in bytes.
    """

    path: Path
    header: GGUFHeader
    size: int


@dataclass(frozen=True)
class ModelInfo:
    """A model as its GGUF headers describe it.

    Attributes:
        name: ``general.name``, or the file name without ``.gguf`` and split suffix.
        architecture: ``general.architecture`` ("llama", "qwen2", "deepseek2" ...).
        parameters: weights in all tensors of all parts.
        layer_parameters: those of its layers (``blk.*``): the weights every token read is
            multiplied by (the embeddings are only looked up).
        parameter_label: ``general.size_label``, or ``parameters`` rounded ("135M", "1.7B").
        quantization: the name of ``general.file_type`` ("Q4_K_M"), "" if unknown.
        bits_per_weight: bits of tensor data per weight, on average.
        file_size: bytes of all parts together.
        context_length: tokens the model was trained to read at once; 0 if unknown.
        license: ``general.license``, "" if the file does not say.
        shape: what sizes the KV cache.
        parts: the files, first to last.
    """

    name: str
    architecture: str
    parameters: int
    layer_parameters: int
    parameter_label: str
    quantization: str
    bits_per_weight: float
    file_size: int
    context_length: int
    license: str
    shape: ModelShape
    parts: tuple[Path, ...]


def split_part_names(name: str) -> tuple[str, ...]:
    """The file names of every part of the model that *name* belongs to, first to last.

    ``x-00002-of-00003.gguf`` gives the names of parts 1, 2 and 3; a name without a split
    suffix gives itself alone.
    """
    match = _SPLIT_NAME.fullmatch(name)
    if match is None:
        return (name,)
    stem, count = match["stem"], int(match["count"])
    return tuple(f"{stem}-{index:05d}-of-{count:05d}.gguf" for index in range(1, count + 1))


def model_stem(name: str) -> str:
    """*name* without ``.gguf`` and without a split part's ``-00001-of-00003`` suffix."""
    match = _SPLIT_NAME.fullmatch(name)
    if match is not None:
        return match["stem"]
    return name[: -len(".gguf")] if name.lower().endswith(".gguf") else name


def model_name(path: Path) -> str:
    """The name of the model whose (first) file is *path*."""
    return model_stem(path.name)


def split_parts(path: Path) -> tuple[Path, ...]:
    """The files of the model that *path* belongs to, first to last (see ``split_part_names``)."""
    return tuple(path.with_name(name) for name in split_part_names(path.name))


def model_size(path: Path) -> int:
    """Bytes of every file of the model whose (first) file is *path*; a missing part adds 0."""
    return sum(part.stat().st_size for part in split_parts(path) if part.is_file())


def read_parts(path: Path) -> tuple[ModelPart, ...]:
    """Check every part of the model at *path* and read its header.

    Raises:
        ModelMissingError: a part is not there (the error names it).
        ModelIsFolderError, ModelLinkLoopError: a part is a folder, or a link to itself.
        ModelNotAFileError: a part is a pipe, a socket or a device (never waited on).
        ModelUnreadableError: a part may not be read by this user.
        NotGGUFError: a part is not a GGUF file.
        ModelCorruptError: a part cannot be read, or its header is damaged.
        ModelTruncatedError: a part is shorter than its tensors need.
    """
    return tuple(_read_part(part) for part in split_parts(path))


def describe(path: Path) -> ModelInfo:
    """Describe the model at *path* (any of its parts) from its headers.

    Raises:
        ModelMissingError, NotGGUFError, ModelCorruptError, ModelTruncatedError: as
        ``read_parts``.
    """
    parts = read_parts(path)
    first = parts[0].header
    tensors = [tensor for part in parts for tensor in part.header.tensors]
    parameters = sum(math.prod(tensor.shape) for tensor in tensors)
    # From the start of tensor data to the end of the last tensor (the file's end if a
    # tensor type is unknown): alignment padding is counted, which is a few bytes per tensor.
    data_bytes = sum((p.header.expected_size or p.size) - p.header.data_offset for p in parts)
    match = _SPLIT_NAME.fullmatch(parts[0].path.name)
    stem = match["stem"] if match else parts[0].path.stem
    size_label = first.metadata.get("general.size_label")
    if not isinstance(size_label, str) or not size_label:
        size_label = parameter_label(parameters)
    file_type = first.metadata.get("general.file_type")
    license_ = first.metadata.get("general.license")
    return ModelInfo(
        name=str(first.metadata.get("general.name") or stem),
        architecture=first.architecture,
        parameters=parameters,
        layer_parameters=sum(
            math.prod(tensor.shape) for tensor in tensors if tensor.name.startswith("blk.")
        ),
        parameter_label=size_label,
        quantization=FILE_TYPES.get(file_type, "") if isinstance(file_type, int) else "",
        bits_per_weight=data_bytes * 8 / parameters if parameters else 0.0,
        file_size=sum(part.size for part in parts),
        context_length=first.arch_value("context_length"),
        license=license_ if isinstance(license_, str) else "",
        shape=ModelShape.of(first),
        parts=tuple(part.path for part in parts),
    )


def parameter_label(count: int) -> str:
    """*count* weights as a model card writes them: "135M", "1.7B", "8B"."""
    for suffix, scale in (("T", 10**12), ("B", 10**9), ("M", 10**6), ("K", 10**3)):
        if count >= scale:
            value = count / scale
            text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            return text.removesuffix(".0") + suffix
    return str(count)


def _read_part(path: Path) -> ModelPart:
    with _open_part(path) as file:
        if file.read(len(MAGIC)) != MAGIC:
            raise NotGGUFError(path.name)
        size = os.fstat(file.fileno()).st_size
        try:
            with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
                header = parse_header(data)
        except GGUFFormatError as error:
            raise ModelCorruptError(path.name, str(error)) from error
        except OSError as error:
            raise ModelCorruptError(path.name, error.strerror or str(error)) from error
    expected = header.expected_size
    if expected is not None and size < expected:
        raise ModelTruncatedError(path.name, Bytes(size), Bytes(expected))
    return ModelPart(path, header, size)


def _open_part(path: Path) -> BinaryIO:
    """*path* opened for reading, once it is known to be a plain file.

    Its kind is checked before it is opened, so a device is never opened at all, and again
    on what was opened (without waiting: a FIFO would block until someone writes to it), so
    a file swapped in between is caught too.
    """
    try:
        _check_kind(path, path.stat().st_mode)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise _unreadable(path, error) from error
    file = os.fdopen(fd, "rb")
    try:
        _check_kind(path, os.fstat(fd).st_mode)
    except BaseException:
        file.close()
        raise
    return file


def _check_kind(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise ModelIsFolderError(str(path))
    if not stat.S_ISREG(mode):
        raise ModelNotAFileError(str(path))


def _unreadable(path: Path, error: OSError) -> ModelLoadError:
    if isinstance(error, FileNotFoundError):
        return ModelMissingError(str(path))
    if error.errno == errno.ELOOP:
        return ModelLinkLoopError(str(path))
    if error.errno in (errno.EACCES, errno.EPERM):
        found: ModelLoadError = ModelUnreadableError(str(path))
        found.details = str(error)
        return found
    return ModelCorruptError(path.name, error.strerror or str(error))
