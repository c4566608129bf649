"""Small, valid GGUF files built byte by byte, for tests that need a model of a given shape,
and runnable models of other sizes made from the starter model."""

from __future__ import annotations

import math
import struct
from pathlib import Path

from desktop.core.modelfile.gguf import _U32, TensorInfo, _Cursor, parse_header

_F32 = 0
_ALIGNMENT = 32
_FILE_TYPES = {2: 2, 8: 7, 12: 15, 14: 18}
"""ggml's tensor type -> llama.cpp's file type (Q4_0, Q8_0, Q4_K as Q4_K_M, Q6_K)."""


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


def deeper_copy(source: Path, target: Path, times: int) -> Path:
    """*source*'s model with its layers repeated *times* over: a model that llama.cpp runs,
    as fast as a real one of that depth and size would (its replies are no better)."""
    data = source.read_bytes()
    header = parse_header(data)
    layers = header.arch_value("block_count")
    cursor = _Cursor(data)
    cursor.take(24)  # signature, version, tensor and entry counts
    depth_at = None
    for _ in header.metadata:
        key, kind = cursor.string(), cursor.unpack(_U32)
        if key == f"{header.architecture}.block_count":
            depth_at = cursor.pos
        cursor.value(kind)
    assert depth_at is not None, "the model does not say how many layers it has"
    start = bytearray(data[: cursor.pos])
    struct.pack_into("<I", start, depth_at, layers * times)
    blocks = [tensor for tensor in header.tensors if tensor.name.startswith("blk.")]
    copies = [(tensor.name, tensor) for tensor in header.tensors if tensor not in blocks]
    for repeat in range(times):
        for tensor in blocks:
            _, number, rest = tensor.name.split(".", 2)
            copies.append((f"blk.{int(number) + repeat * layers}.{rest}", tensor))
    struct.pack_into("<Q", start, 8, len(copies))
    table, offset = b"", 0
    for name, tensor in copies:
        table += _string(name) + struct.pack(
            f"<I{len(tensor.shape)}Q", len(tensor.shape), *tensor.shape
        )
        table += struct.pack("<IQ", tensor.ggml_type, offset)
        offset += -(-(tensor.n_bytes or 0) // _ALIGNMENT) * _ALIGNMENT
    head = bytes(start) + table
    with target.open("wb") as file:
        file.write(head + bytes(-len(head) % _ALIGNMENT))
        for _name, tensor in copies:
            first = header.data_offset + tensor.offset
            chunk = data[first : first + (tensor.n_bytes or 0)]
            file.write(chunk + bytes(-len(chunk) % _ALIGNMENT))
    return target


def without_context_length(source: Path, target: Path) -> Path:
    """*source*'s model with its trained context length given as 0, as a model whose file
    does not say it (llama.cpp then warns of a context longer than it was trained for)."""
    data = bytearray(source.read_bytes())
    header = parse_header(bytes(data))
    cursor = _Cursor(bytes(data))
    cursor.take(24)  # signature, version, tensor and entry counts
    for _ in header.metadata:
        key, kind = cursor.string(), cursor.unpack(_U32)
        if key == f"{header.architecture}.context_length":
            assert kind == 4, f"{key} is not a u32"
            struct.pack_into("<I", data, cursor.pos, 0)
        cursor.value(kind)
    target.write_bytes(bytes(data))
    assert parse_header(target.read_bytes()).arch_value("context_length") == 0
    return target


def requantized(source: Path, target: Path, file_type: int) -> Path:
    """*source*'s model in another quantization (llama.cpp's ``llama_ftype``, such as 7 for
    Q8_0 or 1 for F16): the same model in a file of another size."""
    import ctypes

    import llama_cpp

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = file_type
    params.allow_requantize = True
    status = llama_cpp.llama_model_quantize(
        str(source).encode(), str(target).encode(), ctypes.byref(params)
    )
    assert status == 0, f"llama.cpp could not quantize {source.name}"
    return target


def shaped_copy(
    source: Path,
    target: Path,
    ggml_type: int,
    layers: int,
    width: int,
    feed_forward: int,
    heads: int,
    kv_heads: int,
) -> Path:
    """A Llama-style model of another shape, with *source*'s tokenizer and every weight zero
    (in a sparse file: no disk is used for them). llama.cpp runs it as fast as a trained
    model of that shape and quantization (*ggml_type*: ``_FILE_TYPES`` knows which) would
    run; it writes nonsense."""
    data = source.read_bytes()
    header = parse_header(data)
    arch = header.architecture
    head_size = width // heads
    new_values = {
        "block_count": layers,
        "embedding_length": width,
        "feed_forward_length": feed_forward,
        "attention.head_count": heads,
        "attention.head_count_kv": kv_heads,
        "rope.dimension_count": head_size,
        "general.file_type": _FILE_TYPES[ggml_type],
    }
    cursor = _Cursor(data)
    cursor.take(24)  # signature, version, tensor and entry counts
    places: dict[str, int] = {}
    for _ in header.metadata:
        key, kind = cursor.string(), cursor.unpack(_U32)
        name = key.removeprefix(f"{arch}.")
        if name in new_values:
            assert kind == 4, f"{key} is not a u32"
            places[name] = cursor.pos
        cursor.value(kind)
    start = bytearray(data[: cursor.pos])
    for name, place in places.items():
        struct.pack_into("<I", start, place, new_values[name])
    vocab = next(t.shape[1] for t in header.tensors if t.name == "token_embd.weight")
    kv_width = kv_heads * head_size
    shapes: list[tuple[str, tuple[int, ...], int]] = [
        ("token_embd.weight", (width, vocab), ggml_type)
    ]
    shapes.append(("output_norm.weight", (width,), _F32))
    for layer in range(layers):
        for name, shape, kind in (
            ("attn_norm", (width,), _F32),
            ("attn_q", (width, width), ggml_type),
            ("attn_k", (width, kv_width), ggml_type),
            ("attn_v", (width, kv_width), ggml_type),
            ("attn_output", (width, width), ggml_type),
            ("ffn_norm", (width,), _F32),
            ("ffn_gate", (width, feed_forward), ggml_type),
            ("ffn_up", (width, feed_forward), ggml_type),
            ("ffn_down", (feed_forward, width), ggml_type),
        ):
            shapes.append((f"blk.{layer}.{name}.weight", shape, kind))
    struct.pack_into("<Q", start, 8, len(shapes))
    table, offset = b"", 0
    for name, shape, kind in shapes:
        table += _string(name) + struct.pack(f"<I{len(shape)}Q", len(shape), *shape)
        table += struct.pack("<IQ", kind, offset)
        size = TensorInfo(name, shape, kind, 0).n_bytes or 0
        offset += -(-size // _ALIGNMENT) * _ALIGNMENT
    head = bytes(start) + table
    head += bytes(-len(head) % _ALIGNMENT)
    with target.open("wb") as file:
        file.write(head)
        file.truncate(len(head) + offset)
    return target


def renamed(model: bytes, name: bytes) -> bytes:
    """The starter model's bytes with *name* as its ``general.name`` (31 bytes): a model of
    the user's own that is not the starter's file."""
    old = b"Smollm2 135M 8k Lc100K Mix1 Ep2"
    assert len(name) == len(old) and model.count(old) == 1
    return model.replace(old, name)
