"""The load settings a model should start with on this machine."""

from __future__ import annotations

from desktop.core.hardware.snapshot import MachineInfo, Snapshot
from desktop.core.inference.types import LoadSettings
from desktop.core.modelfile.fit import ModelShape, kv_cache_bytes, memory_needed
from desktop.core.modelfile.gguf import GGUFHeader

_CONTEXTS = (4096, 2048, 1024, 512)
"""Context lengths to fall back to, in tokens, longest first."""


def recommended_settings(
    header: GGUFHeader,
    file_size: int,
    machine: MachineInfo,
    snapshot: Snapshot,
    wanted_ctx: int = 4096,
) -> LoadSettings:
    """Settings that fit the model into the memory available now.

    The context is the longest of *wanted_ctx*, 4096, 2048, 1024 and 512 tokens that is no
    longer than wanted nor than the model was trained for, and fits in the available memory;
    when none fits, the shortest allowed (512 tokens at most). The whole model goes to a GPU
    if one has room for its weights and KV cache at that context. There is one thread per
    physical core: hyper-threads only contend for the same units.

    Args:
        header: the model file's header.
        file_size: bytes of the model file.
        machine: what the machine has.
        snapshot: the machine's load now.
        wanted_ctx: the context length the user asked for, in tokens.
    """
    longest = wanted_ctx
    trained = header.arch_value("context_length")
    if trained > 0:
        longest = min(longest, trained)
    allowed = sorted({n for n in (wanted_ctx, *_CONTEXTS) if n <= longest}, reverse=True)
    shape = ModelShape.of(header)
    n_ctx = next(
        (n for n in allowed if memory_needed(shape, file_size, n) <= snapshot.memory_available),
        min(_CONTEXTS[-1], longest),
    )
    on_gpu = any(gpu.vram_free > file_size + kv_cache_bytes(shape, n_ctx) for gpu in snapshot.gpus)
    return LoadSettings(
        n_ctx=n_ctx,
        n_threads=max(1, machine.physical_cores),
        n_gpu_layers=-1 if on_gpu else 0,
    )
