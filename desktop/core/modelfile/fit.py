"""Whether a model fits this machine: weights, KV cache and working buffers against free memory.

Pure arithmetic on a model's shape and its file size, so the library can judge a model before
it is downloaded (from the catalog) as well as before it is loaded (from its GGUF header).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.core.modelfile.gguf import GGUFHeader

KV_BYTES_PER_VALUE = 2
"""llama.cpp keeps the KV cache in f16 unless told otherwise."""

WORKING_BUFFERS = 256 * 10**6
"""Compute and output buffers: a generous round figure for the models the app offers."""

_RUNS_WELL_SHARE = (3, 4)
"""A model runs well in at most 3/4 of the memory free: the rest is left to the system."""


@dataclass(frozen=True)
class ModelShape:
    """The parts of a model's architecture that size its KV cache.

    Attributes:
        layers: transformer blocks (``block_count``).
        kv_heads: attention heads that keep keys and values (``attention.head_count_kv``).
        key_length: values in one head's key.
        value_length: values in one head's value.
    """

    layers: int
    kv_heads: int
    key_length: int
    value_length: int

    @classmethod
    def of(cls, header: GGUFHeader) -> ModelShape:
        """The shape a GGUF header gives, read as llama.cpp reads it.

        Without ``head_count_kv`` every head keeps keys and values; without
        ``key_length``/``value_length`` a head is ``embedding_length / head_count`` wide.
        """
        heads = header.arch_value("attention.head_count", 1) or 1
        head_size = header.arch_value("embedding_length") // heads
        return cls(
            layers=header.arch_value("block_count"),
            kv_heads=header.arch_value("attention.head_count_kv", heads) or heads,
            key_length=header.arch_value("attention.key_length", head_size),
            value_length=header.arch_value("attention.value_length", head_size),
        )


class Verdict(Enum):
    """How a model fits the memory it is judged against."""

    RUNS_WELL = "runs_well"
    TIGHT = "tight"
    WONT_FIT = "wont_fit"


@dataclass(frozen=True)
class FitEstimate:
    """What a model needs and whether this machine has it.

    Attributes:
        weights: bytes of the model's files, mapped into memory.
        kv_cache: bytes of the keys and values for the whole context.
        buffers: bytes of llama.cpp's working buffers.
        needed: the sum of the three.
        free_ram: bytes of memory free.
        free_vram: bytes free on the GPU, or None without one.
        on_gpu: the whole model fits the GPU, so it runs there.
        verdict: how ``needed`` compares with ``available``.
    """

    weights: int
    kv_cache: int
    buffers: int
    needed: int
    free_ram: int
    free_vram: int | None
    on_gpu: bool
    verdict: Verdict

    @property
    def available(self) -> int:
        """The memory the model is judged against: the GPU's when it runs there, else RAM."""
        if self.on_gpu and self.free_vram is not None:
            return self.free_vram
        return self.free_ram


def kv_cache_bytes(shape: ModelShape, n_ctx: int) -> int:
    """Bytes of the keys and values kept for *n_ctx* tokens."""
    per_token = shape.layers * shape.kv_heads * (shape.key_length + shape.value_length)
    return per_token * n_ctx * KV_BYTES_PER_VALUE


def memory_needed(shape: ModelShape, weights_bytes: int, n_ctx: int) -> int:
    """Bytes of memory the model takes once loaded with a context of *n_ctx* tokens."""
    return weights_bytes + kv_cache_bytes(shape, n_ctx) + WORKING_BUFFERS


def estimate_fit(
    shape: ModelShape,
    weights_bytes: int,
    n_ctx: int,
    free_ram: int,
    free_vram: int | None = None,
) -> FitEstimate:
    """Judge whether a model of *shape* and *weights_bytes* fits with *n_ctx* tokens of context.

    The need is weights + KV cache + working buffers (``memory_needed``). If a GPU's free
    memory (*free_vram*) holds the whole need, the model runs on the GPU and is judged against
    that; otherwise it runs on the processor and is judged against *free_ram*. Against the
    memory it is judged by, it ``RUNS_WELL`` when it needs at most 75 % of it (the rest is left
    for the system and other programs), is ``TIGHT`` up to 100 %, and ``WONT_FIT`` beyond.
    """
    needed = memory_needed(shape, weights_bytes, n_ctx)
    if free_vram is not None and needed <= free_vram:
        on_gpu, available = True, free_vram
    else:
        on_gpu, available = False, free_ram
    numerator, denominator = _RUNS_WELL_SHARE
    # Integers, so the 75 % boundary is exact however large the figures are.
    if needed * denominator <= available * numerator:
        verdict = Verdict.RUNS_WELL
    elif needed <= available:
        verdict = Verdict.TIGHT
    else:
        verdict = Verdict.WONT_FIT
    return FitEstimate(
        weights=weights_bytes,
        kv_cache=kv_cache_bytes(shape, n_ctx),
        buffers=WORKING_BUFFERS,
        needed=needed,
        free_ram=free_ram,
        free_vram=free_vram,
        on_gpu=on_gpu,
        verdict=verdict,
    )
