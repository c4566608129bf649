"""The hardware sampler: real figures from this machine, and NVIDIA GPUs through fake NVML.

No GPU exists where these tests run, so NVML is replaced by ``FakeNvml``, a test-only stand-in
that answers like ``pynvml`` for one GPU, or raises where a test says. Everything else (psutil,
llama.cpp's system information) is real.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import psutil
import pytest

from desktop.core.hardware import sampler as sampler_module
from desktop.core.hardware.nvidia import import_pynvml
from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.hardware.snapshot import GpuInfo, GpuSample

GIB = 2**30


class NVMLError(Exception):
    """As ``pynvml.NVMLError``: its text is the driver's reason."""


class NVMLError_LibraryNotFound(NVMLError):  # noqa: N801, N818 - pynvml's name
    """As ``pynvml``'s error when NVIDIA's driver library is not installed at all."""


@dataclass
class FakeNvml:
    """A stand-in for the ``pynvml`` module with one GPU, used because no GPU exists here.

    Attributes:
        failing: NVML function name -> the error it raises when called.
        calls: the names of the functions called, in order.
    """

    name: str | bytes = "NVIDIA GeForce RTX 4070"
    total: int = 12 * GIB
    used: int = 3 * GIB
    utilization: int = 42
    failing: dict[str, Exception] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    NVMLError_LibraryNotFound = NVMLError_LibraryNotFound

    def _call(self, function: str) -> None:
        self.calls.append(function)
        if function in self.failing:
            raise self.failing[function]

    def nvmlInit(self) -> None:
        self._call("nvmlInit")

    def nvmlShutdown(self) -> None:
        self._call("nvmlShutdown")

    def nvmlDeviceGetCount(self) -> int:
        self._call("nvmlDeviceGetCount")
        return 1

    def nvmlDeviceGetHandleByIndex(self, index: int) -> tuple[str, int]:
        self._call("nvmlDeviceGetHandleByIndex")
        return ("gpu", index)

    def nvmlDeviceGetName(self, handle: Any) -> str | bytes:
        self._call("nvmlDeviceGetName")
        return self.name

    def nvmlSystemGetDriverVersion(self) -> str:
        self._call("nvmlSystemGetDriverVersion")
        return "550.54.14"

    def nvmlDeviceGetMemoryInfo(self, handle: Any) -> SimpleNamespace:
        self._call("nvmlDeviceGetMemoryInfo")
        return SimpleNamespace(total=self.total, used=self.used, free=self.total - self.used)

    def nvmlDeviceGetUtilizationRates(self, handle: Any) -> SimpleNamespace:
        self._call("nvmlDeviceGetUtilizationRates")
        return SimpleNamespace(gpu=self.utilization, memory=10)


def test_machine_info_is_this_machine() -> None:
    sampler = HardwareSampler(nvml=None)
    machine = sampler.machine()
    assert machine.cpu_name
    assert 1 <= machine.physical_cores <= machine.logical_cores
    assert machine.logical_cores == psutil.cpu_count()
    assert machine.memory_total == psutil.virtual_memory().total
    # x86 builds list SSE3 and AVX; Arm builds list NEON.
    assert {"SSE3", "AVX", "NEON"} & set(machine.instruction_sets)
    assert not {"OPENMP", "LLAMAFILE", "REPACK"} & set(machine.instruction_sets)
    assert sampler.machine() is machine


def test_snapshots_are_within_range() -> None:
    sampler = HardwareSampler(nvml=None)
    first = sampler.sample()
    sum(range(200_000))  # some work of this process between the two samples
    second = sampler.sample()
    for snapshot in (first, second):
        assert 0 <= snapshot.cpu_percent <= 100
        assert 0 <= snapshot.app_cpu_percent <= 100
        assert snapshot.memory_total == psutil.virtual_memory().total
        assert 0 < snapshot.memory_available <= snapshot.memory_total
        assert snapshot.memory_used == snapshot.memory_total - snapshot.memory_available
        assert 0 <= snapshot.memory_percent <= 100
        assert 0 < snapshot.app_memory < snapshot.memory_total
        assert snapshot.swap_used >= 0
        assert snapshot.swapped_in_per_s >= 0
    assert first.swapped_in_per_s == 0


def test_swap_in_rate_is_measured_between_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    """Swapping is simulated: the machine the tests run on need not have swap, nor swap."""
    now = [100.0]
    swapped_in = [5 * 10**6]
    monkeypatch.setattr(sampler_module, "time", SimpleNamespace(monotonic=lambda: now[0]))
    monkeypatch.setattr(psutil, "swap_memory", lambda: SimpleNamespace(used=GIB, sin=swapped_in[0]))
    sampler = HardwareSampler(nvml=None)
    assert sampler.sample().swapped_in_per_s == 0
    now[0] += 2
    swapped_in[0] += 8 * 10**6
    snapshot = sampler.sample()
    assert snapshot.swapped_in_per_s == 4 * 10**6
    assert snapshot.swap_used == GIB


def test_without_nvml_there_are_no_gpus_and_no_error() -> None:
    sampler = HardwareSampler(nvml=None)
    assert sampler.machine().gpus == ()
    assert sampler.machine().gpu_error is None
    snapshot = sampler.sample()
    assert snapshot.gpus == ()
    assert snapshot.gpu_error is None
    sampler.close()


def test_pynvml_not_installed_means_no_nvml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pynvml", None)  # makes `import pynvml` fail
    assert import_pynvml() is None
    snapshot = HardwareSampler().sample()
    assert snapshot.gpus == ()
    assert snapshot.gpu_error is None


def test_working_nvml_gives_the_gpu_figures() -> None:
    nvml = FakeNvml(name=b"NVIDIA GeForce RTX 4070")  # older pynvml answers in bytes
    sampler = HardwareSampler(nvml=nvml)
    assert sampler.machine().gpus == (GpuInfo("NVIDIA GeForce RTX 4070", "550.54.14", 12 * GIB),)
    assert sampler.machine().gpu_error is None
    snapshot = sampler.sample()
    assert snapshot.gpus == (GpuSample("NVIDIA GeForce RTX 4070", 12 * GIB, 3 * GIB, 42.0),)
    assert snapshot.gpus[0].vram_free == 9 * GIB
    assert snapshot.gpu_error is None
    assert nvml.calls.count("nvmlInit") == 1
    sampler.close()
    sampler.close()
    assert nvml.calls.count("nvmlShutdown") == 1


def test_nvml_failing_to_start_is_an_error_not_an_exception() -> None:
    nvml = FakeNvml(failing={"nvmlInit": NVMLError("Driver Not Loaded")})
    sampler = HardwareSampler(nvml=nvml)
    snapshot = sampler.sample()
    assert snapshot.gpus == ()
    assert snapshot.gpu_error == "NVIDIA driver not answering: Driver Not Loaded"
    assert sampler.machine().gpus == ()
    assert sampler.machine().gpu_error == snapshot.gpu_error
    sampler.close()
    assert nvml.calls == ["nvmlInit"]  # not asked again, and not shut down: never started


def test_nvml_without_the_driver_library_is_absence_not_an_error() -> None:
    nvml = FakeNvml(
        failing={"nvmlInit": NVMLError_LibraryNotFound("NVML Shared Library Not Found")}
    )
    snapshot = HardwareSampler(nvml=nvml).sample()
    assert snapshot.gpus == ()
    assert snapshot.gpu_error is None


def test_nvml_failing_later_drops_the_gpu_figures_and_keeps_the_reason() -> None:
    nvml = FakeNvml()
    sampler = HardwareSampler(nvml=nvml)
    assert len(sampler.sample().gpus) == 1
    nvml.failing["nvmlDeviceGetUtilizationRates"] = NVMLError("GPU is lost")
    failed = sampler.sample()
    assert failed.gpus == ()
    assert failed.gpu_error == "NVIDIA driver not answering: GPU is lost"
    calls = len(nvml.calls)
    assert sampler.sample().gpu_error == failed.gpu_error
    assert len(nvml.calls) == calls  # a failed driver is not asked again
    sampler.close()
    assert nvml.calls[-1] == "nvmlShutdown"


def test_nvml_failing_while_listing_gpus_is_an_error() -> None:
    nvml = FakeNvml(failing={"nvmlDeviceGetCount": NVMLError()})
    sampler = HardwareSampler(nvml=nvml)
    assert sampler.machine().gpus == ()
    assert sampler.machine().gpu_error == "NVIDIA driver not answering: NVMLError"
    sampler.close()
    assert nvml.calls[-1] == "nvmlShutdown"
