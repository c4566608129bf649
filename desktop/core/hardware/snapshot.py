"""What the machine has and how busy it is, as plain figures."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GpuInfo:
    """One NVIDIA GPU, as it stays while the app runs.

    Attributes:
        name: the product name the driver reports, such as "NVIDIA GeForce RTX 4070".
        driver: the driver's version.
        vram_total: bytes of GPU memory.
    """

    name: str
    driver: str
    vram_total: int


@dataclass(frozen=True)
class GpuSample:
    """How busy one GPU is at one moment.

    Attributes:
        name: the product name the driver reports.
        vram_total: bytes of GPU memory.
        vram_used: bytes of it in use, by any program.
        utilization: percent of the time the GPU was computing, 0 to 100.
    """

    name: str
    vram_total: int
    vram_used: int
    utilization: float

    @property
    def vram_free(self) -> int:
        return max(0, self.vram_total - self.vram_used)


@dataclass(frozen=True)
class MachineInfo:
    """What the machine has; it does not change while the app runs.

    Attributes:
        cpu_name: the processor's name, or "unknown processor".
        physical_cores: processor cores, without hyper-threads.
        logical_cores: hardware threads the OS schedules on.
        memory_total: bytes of main memory.
        instruction_sets: the processor features llama.cpp was built for and uses, such as
            ("SSE3", "AVX", "AVX2", "FMA", "F16C").
        gpus: the NVIDIA GPUs the driver reports; empty without one.
        gpu_error: why the NVIDIA driver gave no answer, in short English, when it is
            installed but failed; None when it answered or is absent (the normal case).
    """

    cpu_name: str
    physical_cores: int
    logical_cores: int
    memory_total: int
    instruction_sets: tuple[str, ...]
    gpus: tuple[GpuInfo, ...]
    gpu_error: str | None


@dataclass(frozen=True)
class Snapshot:
    """How busy the machine and the app are at one moment.

    Attributes:
        cpu_percent: use of the whole processor, 0 to 100.
        app_cpu_percent: this process's share of the whole processor, 0 to 100.
        memory_total: bytes of main memory.
        memory_available: bytes programs can still have without swapping.
        app_memory: bytes of main memory this process holds (its resident set).
        swap_used: bytes of swap in use.
        swapped_in_per_s: bytes per second read back from swap since the previous snapshot;
            0 for the first.
        gpus: one sample per NVIDIA GPU; empty without one or when the driver failed.
        gpu_error: why GPU figures are missing, as in ``MachineInfo.gpu_error``.
    """

    cpu_percent: float
    app_cpu_percent: float
    memory_total: int
    memory_available: int
    app_memory: int
    swap_used: int
    swapped_in_per_s: float
    gpus: tuple[GpuSample, ...]
    gpu_error: str | None

    @property
    def memory_used(self) -> int:
        return max(0, self.memory_total - self.memory_available)

    @property
    def vram_free(self) -> int | None:
        """Bytes free on the GPU with the most free memory; None without a GPU."""
        return max((gpu.vram_free for gpu in self.gpus), default=None)

    @property
    def memory_percent(self) -> float:
        """Main memory in use, 0 to 100."""
        return 100 * self.memory_used / self.memory_total if self.memory_total > 0 else 0.0
