"""Small, valid GGUF files built byte by byte, for tests that need a model of a given shape."""

from __future__ import annotations

import math
import struct
from pathlib import Path

_F32 = 0
_ALIGNMENT = 32


def _string(text: str) -> bytes:
    data = text.encode()
    return struct.pack("<Q", len(data)) + data


def gguf_bytes(metadata: dict[str, str | int], tensors: dict[str, tuple[int, ...]]) -> bytes:
    """A GGUF (version 3) with *metadata* (text or u32) and zero-filled F32 *tensors*."""
    out = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(metadata))
    for key, value in metadata.items():
        if isinstance(value, str):
            out += _string(key) + struct.pack("<I", 8) + _string(value)
        else:
            out += _string(key) + struct.pack("<II", 4, value)
    offset = 0
    for name, shape in tensors.items():
        out += _string(name) + struct.pack(f"<I{len(shape)}Q", len(shape), *shape)
        out += struct.pack("<IQ", _F32, offset)
        offset += -(-4 * math.prod(shape) // _ALIGNMENT) * _ALIGNMENT
    out += bytes(-len(out) % _ALIGNMENT)
    return out + bytes(offset)


def tiny_split(folder: Path, name: str | None = "Tiny Split") -> tuple[Path, Path]:
    """A two-part model as gguf-split writes one: metadata in the first, a tensor in each."""
    first: dict[str, str | int] = {"general.architecture": "llama"}
    if name is not None:
        first["general.name"] = name
    first.update(
        {
            "general.file_type": 0,  # F32
            "llama.block_count": 2,
            "llama.context_length": 256,
            "llama.embedding_length": 64,
            "llama.attention.head_count": 4,
            "llama.attention.head_count_kv": 2,
            "split.no": 0,
            "split.count": 2,
        }
    )
    part1 = folder / "tiny-00001-of-00002.gguf"
    part2 = folder / "tiny-00002-of-00002.gguf"
    # 64 x 8 = 512 weights (2048 bytes) in the first part, 64 x 4 = 256 (1024) in the second.
    part1.write_bytes(gguf_bytes(first, {"token_embd.weight": (64, 8)}))
    part2.write_bytes(gguf_bytes({"split.no": 1, "split.count": 2}, {"output.weight": (64, 4)}))
    return part1, part2
