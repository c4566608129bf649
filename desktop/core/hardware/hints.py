"""Plain-language hints about what slows a model down on this machine, each with a remedy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.core.hardware.snapshot import MachineInfo, Snapshot
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.units import Bytes

SWAPPING_BYTES_PER_S = 10**6
"""Reading back more than this from swap each second counts as swapping; less is background."""
SWAPPING_AVAILABLE_SHARE = 0.05
"""With less than this share of memory available, the system is taken to be swapping."""
LOW_AVAILABLE_SHARE = 0.10
"""With less than this share of memory available, memory is nearly full."""
BUSY_THREAD_SHARE = 0.6
"""Threads using less than this share of the processor time they could use are held back."""


@dataclass(frozen=True)
class ModelUse:
    """The model the app has loaded and how.

    Attributes:
        name: the model's name.
        weights: bytes of its file, which are its weights.
        kv_cache: bytes of its KV cache at ``n_ctx``.
        n_ctx: the context length, in tokens.
        n_threads: the threads generating.
        n_gpu_layers: layers offloaded to the GPU; -1 for all.
        n_batch: tokens read at once when reading a prompt.
    """

    name: str
    weights: int
    kv_cache: int
    n_ctx: int
    n_threads: int
    n_gpu_layers: int
    n_batch: int


@dataclass(frozen=True)
class Hint:
    """A sentence for the user, translated like ``UserError`` but not raised.

    The window shows ``QCoreApplication.translate(Hint.context, hint.template)`` formatted
    with ``hint.params``.

    Attributes:
        template: the English sentence with ``{name}`` placeholders, marked with
            ``QT_TRANSLATE_NOOP`` under ``context``.
        params: the values for the placeholders, already formatted for people.
    """

    template: str
    params: dict[str, Any]

    context = "HardwareHint"

    def __str__(self) -> str:
        return self.template.format(**self.params)


def hints(
    snapshot: Snapshot,
    machine: MachineInfo,
    model: ModelUse | None,
    tokens_per_second: float | None = None,
) -> list[Hint]:
    """What holds the model back now, most serious first; empty when nothing does.

    Args:
        snapshot: the machine's load now.
        machine: what the machine has.
        model: the model loaded, or None.
        tokens_per_second: the speed of the reply being generated, or None when none is.
    """
    found: list[Hint] = []
    swapping = _model_swapping(snapshot, model)
    if swapping is not None:
        found.append(swapping)
    elif snapshot.memory_available < LOW_AVAILABLE_SHARE * snapshot.memory_total:
        found.append(
            Hint(
                QT_TRANSLATE_NOOP(
                    "HardwareHint",
                    "Memory is nearly full: only {available} of {total} is free. "
                    "Close programs you do not need, or replies may become very slow.",
                ),
                {
                    "available": Bytes(snapshot.memory_available),
                    "total": Bytes(snapshot.memory_total),
                },
            )
        )
    if model is not None:
        unused_gpu = _gpu_unused(snapshot, model)
        if unused_gpu is not None:
            found.append(unused_gpu)
        if tokens_per_second is not None and _memory_bound(snapshot, machine, model):
            found.append(
                Hint(
                    QT_TRANSLATE_NOOP(
                        "HardwareHint",
                        "Generation is limited by memory speed, not by the processor: "
                        "a smaller quantization (fewer bits per weight) will be faster.",
                    ),
                    {},
                )
            )
    return found


def _model_swapping(snapshot: Snapshot, model: ModelUse | None) -> Hint | None:
    """The hint for a model larger than the free memory while the system swaps."""
    if model is None:
        return None
    size = model.weights + model.kv_cache
    swapping = (
        snapshot.swapped_in_per_s > SWAPPING_BYTES_PER_S
        or snapshot.memory_available < SWAPPING_AVAILABLE_SHARE * snapshot.memory_total
    )
    if size <= snapshot.memory_available or not swapping:
        return None
    return Hint(
        QT_TRANSLATE_NOOP(
            "HardwareHint",
            "The model is larger than the free memory ({size} for {available} free): "
            "the system is swapping, which makes replies very slow. Close other programs, "
            "or choose a smaller model or a shorter context.",
        ),
        {"size": Bytes(size), "available": Bytes(snapshot.memory_available)},
    )


def _gpu_unused(snapshot: Snapshot, model: ModelUse) -> Hint | None:
    """The hint for a GPU that holds none of the model."""
    if not snapshot.gpus or model.n_gpu_layers != 0:
        return None
    roomiest = max(snapshot.gpus, key=lambda gpu: gpu.vram_free)
    return Hint(
        QT_TRANSLATE_NOOP(
            "HardwareHint",
            "A GPU is present but no layers of the model are offloaded to it. "
            "Offload them to the {gpu} ({free} free) in the model's settings: "
            "replies will be much faster.",
        ),
        {"gpu": roomiest.name, "free": Bytes(roomiest.vram_free)},
    )


def _memory_bound(snapshot: Snapshot, machine: MachineInfo, model: ModelUse) -> bool:
    """Whether generation on the processor seems to wait on memory rather than compute.

    A heuristic. Generating a token on the processor reads every weight once, so generation
    is usually limited by how fast memory delivers the weights; threads that keep their cores
    well below full use while generating are taken as the sign that they are waiting for it.
    The sign is rough: a core stalled on a memory read still counts as busy to the OS, so a
    model limited by memory can show full use too, and then no hint is given. A model on the
    GPU leaves the processor idle for other reasons and is not judged.
    """
    if model.n_gpu_layers != 0:
        return False
    threads = min(max(1, model.n_threads), machine.logical_cores)
    could_use = 100 * threads / max(1, machine.logical_cores)
    return snapshot.app_cpu_percent < BUSY_THREAD_SHARE * could_use
