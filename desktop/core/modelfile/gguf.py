"""Reading a GGUF file's header: its metadata and the size its tensors need.

Only the header is read (the metadata and the tensor table, never the weights), so a
multi-gigabyte file is checked in milliseconds. The format is llama.cpp's GGUF, versions 2 and 3.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAGIC = b"GGUF"
_DEFAULT_ALIGNMENT = 32
_ARRAY_KEEP_LIMIT = 64
"""Arrays longer than this (token lists, merges) are skipped over, keeping only their length."""

_SCALARS: dict[int, struct.Struct] = {
    0: struct.Struct("<B"),
    1: struct.Struct("<b"),
    2: struct.Struct("<H"),
    3: struct.Struct("<h"),
    4: struct.Struct("<I"),
    5: struct.Struct("<i"),
    6: struct.Struct("<f"),
    7: struct.Struct("<?"),
    10: struct.Struct("<Q"),
    11: struct.Struct("<q"),
    12: struct.Struct("<d"),
}
_STRING, _ARRAY = 8, 9
_U32, _U64 = struct.Struct("<I"), struct.Struct("<Q")

# ggml_type -> (elements per block, bytes per block), as in ggml's type traits.
GGML_BLOCKS: dict[int, tuple[int, int]] = {
    0: (1, 4),  # F32
    1: (1, 2),  # F16
    2: (32, 18),  # Q4_0
    3: (32, 20),  # Q4_1
    6: (32, 22),  # Q5_0
    7: (32, 24),  # Q5_1
    8: (32, 34),  # Q8_0
    9: (32, 36),  # Q8_1
    10: (256, 84),  # Q2_K
    11: (256, 110),  # Q3_K
    12: (256, 144),  # Q4_K
    13: (256, 176),  # Q5_K
    14: (256, 210),  # Q6_K
    15: (256, 292),  # Q8_K
    16: (256, 66),  # IQ2_XXS
    17: (256, 74),  # IQ2_XS
    18: (256, 98),  # IQ3_XXS
    19: (256, 50),  # IQ1_S
    20: (32, 18),  # IQ4_NL
    21: (256, 110),  # IQ3_S
    22: (256, 82),  # IQ2_S
    23: (256, 136),  # IQ4_XS
    24: (1, 1),  # I8
    25: (1, 2),  # I16
    26: (1, 4),  # I32
    27: (1, 8),  # I64
    28: (1, 8),  # F64
    29: (256, 56),  # IQ1_M
    30: (1, 2),  # BF16
    34: (256, 54),  # TQ1_0
    35: (256, 66),  # TQ2_0
    39: (32, 17),  # MXFP4
}


class GGUFFormatError(ValueError):
    """The file is not a readable GGUF file. The message says what was wrong, in English."""


@dataclass(frozen=True)
class TensorInfo:
    """One entry of the tensor table."""

    name: str
    shape: tuple[int, ...]
    ggml_type: int
    offset: int

    @property
    def n_bytes(self) -> int | None:
        """Bytes of data, or None for a type this reader does not know."""
        block = GGML_BLOCKS.get(self.ggml_type)
        if block is None:
            return None
        elements = 1
        for dim in self.shape:
            elements *= dim
        per_block, block_bytes = block
        return -(-elements // per_block) * block_bytes


@dataclass(frozen=True)
class GGUFHeader:
    """What the header of a GGUF file says.

    Attributes:
        version: the GGUF format version.
        metadata: key/value pairs; long arrays are replaced by their length.
        tensors: the tensor table.
        data_offset: where tensor data starts in the file.
    """

    version: int
    metadata: dict[str, Any]
    tensors: tuple[TensorInfo, ...]
    data_offset: int

    @property
    def expected_size(self) -> int | None:
        """The smallest file size that holds every tensor, or None if a tensor type is unknown."""
        end = self.data_offset
        for tensor in self.tensors:
            n_bytes = tensor.n_bytes
            if n_bytes is None:
                return None
            end = max(end, self.data_offset + tensor.offset + n_bytes)
        return end

    @property
    def architecture(self) -> str:
        return str(self.metadata.get("general.architecture", ""))

    def arch_value(self, key: str, default: int = 0) -> int:
        """An integer of the architecture's own metadata, such as ``block_count``."""
        value = self.metadata.get(f"{self.architecture}.{key}", default)
        return int(value) if isinstance(value, int | float) else default


class _Cursor:
    def __init__(self, data: mmap.mmap | bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, size: int) -> int:
        start = self.pos
        if size < 0 or start + size > len(self.data):
            raise GGUFFormatError(f"the header ends early, at byte {start} of {len(self.data)}")
        self.pos += size
        return start

    def unpack(self, fmt: struct.Struct) -> Any:
        return fmt.unpack_from(self.data, self.take(fmt.size))[0]

    def string(self) -> str:
        length = self.unpack(_U64)
        start = self.take(length)
        try:
            return bytes(self.data[start : start + length]).decode("utf-8")
        except UnicodeDecodeError as error:
            raise GGUFFormatError(f"a text field at byte {start} is not UTF-8") from error

    def skip_strings(self, count: int) -> None:
        """Step over *count* strings (a vocabulary: tens of thousands) in one loop of local
        names: called once per string, ``take`` and ``unpack`` cost most of a start's read of
        a model's header."""
        data, pos, end, length_at = self.data, self.pos, len(self.data), _U64.unpack_from
        for _ in range(count):
            if pos + _U64.size > end:
                raise GGUFFormatError(f"the header ends early, at byte {pos} of {end}")
            pos += _U64.size + length_at(data, pos)[0]
        if pos > end:
            raise GGUFFormatError(f"the header ends early, at byte {pos} of {end}")
        self.pos = pos

    def value(self, value_type: int) -> Any:
        if value_type in _SCALARS:
            return self.unpack(_SCALARS[value_type])
        if value_type == _STRING:
            return self.string()
        if value_type == _ARRAY:
            item_type = self.unpack(_U32)
            count = self.unpack(_U64)
            if item_type == _ARRAY:
                raise GGUFFormatError("nested arrays are not part of GGUF")
            if count <= _ARRAY_KEEP_LIMIT:
                return [self.value(item_type) for _ in range(count)]
            if item_type in _SCALARS:
                self.take(count * _SCALARS[item_type].size)
            elif item_type == _STRING:
                self.skip_strings(count)
            else:
                raise GGUFFormatError(f"unknown array item type {item_type} at byte {self.pos}")
            return count
        raise GGUFFormatError(f"unknown value type {value_type} at byte {self.pos}")


def read_header(path: Path) -> GGUFHeader:
    """Read the header of the GGUF file at *path*.

    Raises:
        OSError: the file cannot be opened.
        GGUFFormatError: the file is not GGUF, or its header is damaged.
    """
    with path.open("rb") as file:
        if file.read(4) != MAGIC:
            raise GGUFFormatError("the file does not start with the GGUF signature")
        file.seek(0)
        with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return parse_header(data)


def parse_header(data: mmap.mmap | bytes) -> GGUFHeader:
    """Parse a GGUF header from the start of *data* (see ``read_header``)."""
    if bytes(data[:4]) != MAGIC:
        raise GGUFFormatError("the file does not start with the GGUF signature")
    cursor = _Cursor(data)
    cursor.take(4)
    version = cursor.unpack(_U32)
    if version not in (2, 3):
        raise GGUFFormatError(f"GGUF version {version} is not supported")
    tensor_count = cursor.unpack(_U64)
    kv_count = cursor.unpack(_U64)
    # Every entry takes at least 8 bytes, so a count beyond that is damage, not a big model.
    if (tensor_count + kv_count) * 8 > len(data):
        raise GGUFFormatError("the header counts more entries than the file can hold")
    metadata: dict[str, Any] = {}
    for _ in range(kv_count):
        key = cursor.string()
        metadata[key] = cursor.value(cursor.unpack(_U32))
    tensors = []
    for _ in range(tensor_count):
        name = cursor.string()
        n_dims = cursor.unpack(_U32)
        if n_dims > 8:
            raise GGUFFormatError(f"tensor {name!r} claims {n_dims} dimensions")
        shape = tuple(cursor.unpack(_U64) for _ in range(n_dims))
        tensors.append(TensorInfo(name, shape, cursor.unpack(_U32), cursor.unpack(_U64)))
    alignment = metadata.get("general.alignment", _DEFAULT_ALIGNMENT)
    if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
        raise GGUFFormatError(f"alignment {alignment!r} is not a power of two")
    data_offset = -(-cursor.pos // alignment) * alignment
    return GGUFHeader(version, metadata, tuple(tensors), data_offset)
