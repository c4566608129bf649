"""Sampling the machine's figures often and cheaply, for a live view of its load."""

from __future__ import annotations

import time
from types import ModuleType

import psutil

from desktop.core.hardware.cpu import cpu_name, llama_instruction_sets
from desktop.core.hardware.nvidia import NvidiaGpus, import_pynvml
from desktop.core.hardware.snapshot import MachineInfo, Snapshot

_FIND_PYNVML = object()
"""The default NVML: ``pynvml`` if it is installed."""


class HardwareSampler:
    """Reads what the machine has once, and how busy it is whenever asked.

    Use it from one thread. Percentages are measured between two calls of ``sample``, so the
    first covers the time since the sampler was made. System-wide processor use comes from
    ``psutil.cpu_percent``, whose previous reading psutil keeps per thread: other callers of it
    on the same thread would shorten the period measured.
    """

    def __init__(self, nvml: ModuleType | object | None = _FIND_PYNVML) -> None:
        """Make a sampler.

        Args:
            nvml: the NVML module to ask about NVIDIA GPUs, None for none; by default
                ``pynvml`` if it is installed. It is started on first use.
        """
        self._gpus = NvidiaGpus(import_pynvml() if nvml is _FIND_PYNVML else nvml)
        self._process = psutil.Process()
        self._logical_cores = psutil.cpu_count() or 1
        self._machine: MachineInfo | None = None
        self._previous_swap_in: tuple[float, int] | None = None  # (monotonic time, bytes)
        # Non-blocking percentages compare with the previous call: make the first one.
        psutil.cpu_percent(interval=None)
        self._process.cpu_percent(interval=None)

    def machine(self) -> MachineInfo:
        """What the machine has, read on the first call."""
        if self._machine is None:
            gpus = self._gpus.info()
            self._machine = MachineInfo(
                cpu_name=cpu_name(),
                physical_cores=psutil.cpu_count(logical=False) or self._logical_cores,
                logical_cores=self._logical_cores,
                memory_total=psutil.virtual_memory().total,
                instruction_sets=llama_instruction_sets(),
                gpus=gpus,
                gpu_error=self._gpus.error,
            )
        return self._machine

    def sample(self) -> Snapshot:
        """How busy the machine and this process are now, since the previous call."""
        memory = psutil.virtual_memory()
        swap = psutil.swap_memory()
        gpus = self._gpus.samples()
        return Snapshot(
            cpu_percent=_percent(psutil.cpu_percent(interval=None)),
            app_cpu_percent=_percent(
                self._process.cpu_percent(interval=None) / self._logical_cores
            ),
            memory_total=memory.total,
            memory_available=memory.available,
            app_memory=self._process.memory_info().rss,
            swap_used=swap.used,
            swapped_in_per_s=self._swap_in_rate(swap.sin),
            gpus=gpus,
            gpu_error=self._gpus.error,
        )

    def close(self) -> None:
        """Shut NVML down if it was started."""
        self._gpus.close()

    def _swap_in_rate(self, swapped_in: int) -> float:
        """Bytes per second read from swap since the previous call, given the total so far."""
        now = time.monotonic()
        previous, self._previous_swap_in = self._previous_swap_in, (now, swapped_in)
        if previous is None or now <= previous[0]:
            return 0.0
        return max(0, swapped_in - previous[1]) / (now - previous[0])


def _percent(value: float) -> float:
    """*value* kept within 0 to 100: per-process figures can overshoot when cores change."""
    return min(100.0, max(0.0, value))
