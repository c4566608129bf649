"""How much memory a model needs: weights, KV cache at a context length, working buffers."""

from __future__ import annotations

from desktop.core.library.gguf import GGUFHeader

_KV_BYTES_PER_VALUE = 2  # llama.cpp keeps the KV cache in f16 unless told otherwise.
_WORKING_BUFFERS = 256 * 10**6  # compute and output buffers, a generous round figure


def kv_cache_bytes(header: GGUFHeader, n_ctx: int) -> int:
    """Bytes of the keys and values kept for *n_ctx* tokens."""
    layers = header.arch_value("block_count")
    heads = header.arch_value("attention.head_count", 1) or 1
    kv_heads = header.arch_value("attention.head_count_kv", heads) or heads
    embedding = header.arch_value("embedding_length")
    key_size = header.arch_value("attention.key_length", embedding // heads)
    value_size = header.arch_value("attention.value_length", embedding // heads)
    return layers * n_ctx * kv_heads * (key_size + value_size) * _KV_BYTES_PER_VALUE


def memory_needed(header: GGUFHeader, file_size: int, n_ctx: int) -> int:
    """Bytes of memory the model takes once loaded with a context of *n_ctx* tokens."""
    return file_size + kv_cache_bytes(header, n_ctx) + _WORKING_BUFFERS
